package dev.kubik.dsl

import dev.kubik.dsl.lang.DslSession
import dev.kubik.dsl.source.ScriptProblemsException
import dev.kubik.dsl.source.ScriptSource
import dev.kubik.dsl.validate.RecordedClusters
import dev.kubik.plan.ClusterState
import dev.kubik.plan.MachineRecord
import dev.kubik.model.Resources
import dev.kubik.model.Role
import dev.kubik.spi.MachineState
import spock.lang.Specification

/** A running cluster's version moves only as far as kubeadm upgrades: checked against the recorded state, at the script's line. */
class UpgradeValidationSpec extends Specification {

    static ClusterState running(String version, String driver = 'docker', String runtime = 'containerd') {
        def node = new MachineRecord('dev', 'dev', Role.CONTROL_PLANE, new Resources(2, 2048, 20000), [:], MachineState.RUNNING, true, true)
        new ClusterState('dev', driver, runtime, 'kubeadm', version, true, true, [node], [])
    }

    static List<String> problems(String script, ClusterState state) {
        RecordedClusters recorded = { name -> Optional.ofNullable(name == state.profile() ? state : null) } as RecordedClusters
        try {
            new DslSession(Fixtures.validator().against(recorded), 'kubik', [:]).evaluate(new ScriptSource('dev.kube.groovy', script))
            return []
        } catch (ScriptProblemsException e) {
            return e.problems().collect { "${it.at().line()}:${it.at().column()} ${it.message()} | ${it.valid()}".toString() }
        }
    }

    static String script(String version, String extra = '') {
        "cluster('dev') {\n    driver 'docker'\n    $extra\n    kubernetes {\n        version '$version'\n    }\n}"
    }

    def "one minor forward, or a patch forward, is an upgrade kubeadm performs"() {
        expect:
        problems(script(to), running(from)) == []

        where:
        from       | to
        'v1.35.7'  | 'v1.36.3'
        'v1.35.2'  | 'v1.35.7'
        'v1.35.7'  | 'v1.36'
        'v1.36.3'  | 'v1.36.3'
    }

    def "skipping a minor is refused at the version's line, with the step to take first"() {
        expect:
        problems(script('v1.36.3'), running('v1.34.10')) == ["5:17 cluster 'dev' runs Kubernetes v1.34.10: Kubernetes v1.34.10 → v1.36.3 "
                + "skips v1.35: kubeadm upgrades one minor version at a time | version 'v1.35' first, run it, then version 'v1.36.3'"]
    }

    def "going back is refused, a patch as well as a minor"() {
        expect:
        problems(script(to), running(from)) == ["5:17 cluster 'dev' runs Kubernetes $from: Kubernetes $from → $to goes back: "
                + "kubeadm upgrades, it never downgrades | keep version '$from', or delete the cluster and make it again at $to"]

        where:
        from      | to
        'v1.36.3' | 'v1.35.7'
        'v1.36.3' | 'v1.36.1'
    }

    def "an upgrade stopped half-way is judged from every version the nodes run"() {
        given: 'the primary moved to v1.36.3, a worker is still on v1.35.7'
        def state = running('v1.35.7').madeWith('docker', 'containerd', 'kubeadm', 'v1.36.3')
        def worker = new MachineRecord('dev-m02', 'm02', Role.WORKER, new Resources(2, 2048, 20000), [:], MachineState.RUNNING, true, true)
                .withKubernetesVersion('v1.35.7')
        state = state.withMachine(state.machine('dev').get().withKubernetesVersion('v1.36.3')).withMachine(worker)

        expect: 'going on to v1.37 would leave the worker two minors behind'
        problems(script('v1.37.0'), state).size() == 1
        problems(script('v1.37.0'), state)[0].contains('runs Kubernetes v1.35.7: Kubernetes v1.35.7 → v1.37.0 skips v1.36')
        problems(script('v1.36.3'), state) == []
    }

    def "a cluster rebuilt anyway (another runtime or driver) takes any version; so does a new one"() {
        expect:
        problems(script('v1.36.3', "nodes 1"), running('v1.34.10', 'docker', 'docker')) == []
        problems(script('v1.36.3'), running('v1.34.10', 'qemu')) == []
        problems(script('v1.36.3'), ClusterState.none('other')) == []
    }
}
