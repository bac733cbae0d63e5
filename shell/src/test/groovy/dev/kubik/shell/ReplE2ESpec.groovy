package dev.kubik.shell

import com.fasterxml.jackson.databind.ObjectMapper
import spock.lang.IgnoreIf
import spock.lang.Specification

/** The console applying plans on the real docker daemon. */
@IgnoreIf(value = { !Kubik.e2e() || (!Tmux.available() && System.getenv('CI') != 'true') },
        reason = 'needs a docker daemon and tmux (CI=true or -Dkubik.e2e=true makes a missing daemon an error)')
class ReplE2ESpec extends Specification {
    Kubik kubik = new Kubik()
    Tmux tmux = new Tmux(kubik)

    def cleanup() {
        tmux.close()
    }

    static String cluster(String name, int nodes) {
        "cluster('$name') { driver 'docker'; memory '2g'; nodes $nodes; options { image '$Kubik.IMAGE' }; kubernetes { bootstrapper 'none' } }"
    }

    def "a session's cluster is applied, and its saved script replays with no changes"() {
        given:
        tmux.start()
        def saved = kubik.home.resolve('session.kube.groovy')

        when:
        tmux.line(cluster('e2erepl', 1))
        tmux.waitFor('Apply complete! Resources: 3 added', 1, 120)
        tmux.line("ssh('e2erepl') { 'echo from-\$(hostname)' }")
        tmux.waitFor('==> from-e2erepl')
        tmux.line("nodes('e2erepl')")
        tmux.waitFor('==> [e2erepl]')
        tmux.line("/save $saved")
        tmux.waitFor('Saved 3 statement(s)')
        def replay = kubik.run('run', saved.toString(), '--dry-run')

        then:
        replay.exit == 0
        // A dry run changes nothing: the saved ssh() only says what it would run.
        replay.out.readLines() == ["(dry run) would run 'echo from-\$(hostname)' on e2erepl", "No changes. Cluster 'e2erepl' matches the script."]

        cleanup:
        kubik.run('delete', 'e2erepl')
    }

    def "Ctrl-C during a running plan returns the prompt and leaves true state"() {
        given:
        tmux.start()

        when: 'a three-node plan is interrupted while machines are being created'
        tmux.line(cluster('e2eintr', 3))
        tmux.waitFor('Creating machine', 1, 60)
        tmux.keys('C-c')
        def screen = tmux.waitFor('Interrupted', 1, 120)
        tmux.waitFor('kubik> ', 2)
        def state = new ObjectMapper().readValue(kubik.home.resolve('profiles/e2eintr/state.json').toFile(), Map)
        def containers = Kubik.docker('ps', '-a', '--filter', 'label=dev.kubik.cluster=e2eintr', '--format', '{{.Names}}').readLines().sort()

        then: 'every container that exists is recorded, and none was started after Ctrl-C'
        screen.contains('Interrupted')
        state.machines*.name.sort() == containers

        when: 'running the plan again finishes the job'
        tmux.line(cluster('e2eintr', 3))
        tmux.waitFor('Apply complete!', 1, 120)

        then:
        Kubik.docker('ps', '--filter', 'label=dev.kubik.cluster=e2eintr', '--format', '{{.Names}}').readLines().size() == 3

        cleanup:
        kubik.run('delete', 'e2eintr')
    }
}
