package dev.kubik.shell

import com.fasterxml.jackson.databind.ObjectMapper
import java.nio.file.Files
import spock.lang.IgnoreIf
import spock.lang.Specification

/** kubik plan --out and kubik apply on real nodes: exactly the saved plan, or nothing when the cluster moved on. */
@IgnoreIf(value = { !Kubik.e2e() }, reason = 'no docker daemon here (CI=true or -Dkubik.e2e=true makes this an error)')
class SavedPlanE2ESpec extends Specification {
    Kubik kubik = new Kubik()

    def "a plan saved in one step is applied in another; a stale one, another profile's or a damaged file is refused"() {
        given:
        def script = { int nodes -> kubik.script('saved.kube.groovy', ConvergenceE2ESpec.script('e2eplan', nodes)) }
        def planFile = kubik.home.resolve('plan.json')

        when: 'a new cluster is planned and the plan saved'
        def plan = kubik.run('plan', script(1).toString(), '--out', planFile.toString())
        def json = new ObjectMapper().readTree(planFile.toFile())

        then: 'the file says what it is: format, kubik, the state it was made from, the cluster and the steps; nothing exists yet'
        plan.exit == 0
        plan.out.contains('Plan: 3 to add, 0 to change, 0 to destroy.')
        json.get('format').asInt() == 1 && json.get('serial').asLong() == 0 && json.get('lineage').isNull()
        json.at('/spec/name').asText() == 'e2eplan' && json.at('/spec/nodes').size() == 1
        json.at('/plan/steps').collect { it.get('id').asText() } == ['network/e2eplan', 'machine/e2eplan', 'runtime/e2eplan']
        Kubik.docker('ps', '-a', '--filter', 'label=dev.kubik.cluster=e2eplan', '-q') == ''

        when: 'it is applied; the script changes afterwards, which a saved plan never reads'
        script(3)
        def applied = kubik.run('apply', planFile.toString())

        then: 'exactly what was planned: one node'
        applied.exit == 0
        applied.out.contains('Apply complete! Resources: 3 added, 0 changed, 0 destroyed.')
        kubik.run('status', 'e2eplan').out.readLines().size() == 2

        when: 'the same plan again: the cluster it was made for did not exist then'
        def again = kubik.run('apply', planFile.toString())

        then:
        again.exit == 1
        (again.out + again.err).contains("cluster 'e2eplan' was created since the plan was made; the saved plan was not applied")

        when: 'a plan for two nodes is saved, then the cluster stops before it is applied'
        def grow = kubik.run('plan', script(2).toString(), '--out', planFile.toString())
        def wrongProfile = kubik.run('apply', planFile.toString(), '-p', 'other')
        kubik.run('stop', '-p', 'e2eplan')
        def stale = kubik.run('apply', planFile.toString())

        then: 'refused, saying what changed; nothing was added'
        grow.out.contains('Plan: 2 to add, 0 to change, 0 to destroy.')
        wrongProfile.exit == 2
        (wrongProfile.out + wrongProfile.err).contains("is a plan for cluster 'e2eplan', not 'other'")
        stale.exit == 1
        (stale.out + stale.err).contains("cluster 'e2eplan' changed since the plan was made (state serial 1 then, 2 now: another run, stop or start)")
        Kubik.docker('ps', '-a', '--filter', 'label=dev.kubik.cluster=e2eplan', '-q').readLines().size() == 1

        when: 'a file that is not a plan'
        Files.writeString(planFile, '{"steps": []}')
        def damaged = kubik.run('apply', planFile.toString())

        then:
        damaged.exit == 2
        (damaged.out + damaged.err).contains('is not a kubik plan (no format and plan fields)')

        cleanup:
        kubik.run('delete', 'e2eplan')
    }
}
