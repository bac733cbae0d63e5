package dev.kubik.shell

import spock.lang.IgnoreIf
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

/**
 * The podman driver (the docker driver's code with podman's CLI) on this host's real podman, through the real CLI:
 * two nodes, SSH with pinned keys, containerd, node-to-node traffic, replay, stop/start, delete leaving no
 * container, volume or network. scripts/setup.sh --podman installs podman and loads the node image into it.
 */
@Stepwise
@IgnoreIf(value = { !Kubik.e2e() }, reason = 'no container engine here (CI=true or -Dkubik.e2e=true makes this an error)')
class PodmanE2ESpec extends Specification {
    @Shared Kubik kubik = new Kubik()
    @Shared def file

    static String podman(String... args) {
        def process = (['timeout', '60', 'podman'] + (args as List)).execute()
        def out = new StringBuilder(), err = new StringBuilder()
        process.waitForProcessOutput(out, err)
        assert process.exitValue() == 0: "podman ${args.join(' ')}: $err"
        out.toString()
    }

    def setupSpec() {
        assert podman('image', 'exists', Kubik.IMAGE) != null: 'scripts/setup.sh --podman loads the node image into podman'
        file = kubik.script('pm.kube.groovy', """cluster('e2epm') {
    driver 'podman'
    nodes 2
    memory '2g'
    options { image '$Kubik.IMAGE' }
    kubernetes { bootstrapper 'none' }
}""")
    }

    def cleanupSpec() {
        kubik.run('delete', 'e2epm')
    }

    def "two nodes on podman answer over SSH with the keys podman exec read, run containerd and reach each other"() {
        when:
        def run = kubik.run('run', file.toString())
        def ips = kubik.run('status', 'e2epm').out.readLines().drop(1).collect { it.split(/\s+/)[4] }

        then:
        run.exit == 0
        run.out.contains('Apply complete! Resources: 5 added, 0 changed, 0 destroyed.')
        ['e2epm': null, 'e2epm-m02': 'm02'].every { name, shortName ->
            kubik.run(['ssh', '-p', 'e2epm'] + (shortName ? ['-n', shortName] : []) + ['--', 'hostname; sudo ctr version >/dev/null && echo containerd'])
                    .out == "$name\ncontainerd\n"
        }
        kubik.run('ssh', '-p', 'e2epm', '-n', 'm02', '--', 'ping', '-c', '1', '-W', '2', ips[0]).exit == 0
        podman('ps', '--filter', 'label=dev.kubik.cluster=e2epm', '--format', '{{.Names}}').readLines().sort() == ['e2epm', 'e2epm-m02']

        and: 'root podman on Linux manages the nodes\' cgroups itself, as minikube has it'
        podman('inspect', '--format', '{{.Config.CreateCommand}}', 'e2epm').contains('--cgroup-manager cgroupfs')

        and: 'a replay changes nothing'
        kubik.run('run', file.toString()).out.contains("No changes. Cluster 'e2epm' matches the script.")
    }

    def "stop and start keep the nodes"() {
        when:
        def stop = kubik.run('stop', '-p', 'e2epm')
        def states = kubik.run('status', 'e2epm').out.readLines().drop(1).collect { it.split(/\s+/)[3] }
        def start = kubik.run('start', '-p', 'e2epm')

        then:
        stop.exit == 0 && states == ['stopped', 'stopped']
        start.exit == 0
        kubik.run('ssh', '-p', 'e2epm', '-n', 'm02', '--', 'sudo', 'ctr', 'version').exit == 0
    }

    def "delete leaves no container, volume or network"() {
        when:
        def delete = kubik.run('delete', 'e2epm')

        then:
        delete.exit == 0
        podman('ps', '-a', '--filter', 'label=dev.kubik.cluster=e2epm', '--format', '{{.Names}}').isBlank()
        !podman('volume', 'ls', '--format', '{{.Name}}').readLines().any { it.startsWith('e2epm') }
        !podman('network', 'ls', '--format', '{{.Name}}').readLines().contains('kubik-e2epm')
    }
}
