package dev.kubik.shell

import com.fasterxml.jackson.databind.ObjectMapper
import java.nio.file.Files
import spock.lang.IgnoreIf
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

/**
 * A three-node machines-only cluster on the real docker daemon, through the real CLI: creation, SSH with pinned
 * host keys, node-to-node traffic, containerd, replay, scale-down, stop/start, a changed host key, delete.
 */
@Stepwise
@IgnoreIf(value = { !Kubik.e2e() }, reason = 'no docker daemon here (CI=true or -Dkubik.e2e=true makes this an error)')
class MachinesE2ESpec extends Specification {
    @Shared Kubik kubik = new Kubik()
    @Shared String profile = 'e2e3'

    String script(int nodes) {
        """cluster('$profile') {
    driver 'docker'
    cpus 1
    memory '2g'
    nodes $nodes
    options { image '$Kubik.IMAGE' }
    kubernetes { bootstrapper 'none' }
}"""
    }

    def cleanupSpec() {
        kubik.run('delete', profile)
    }

    def "three nodes are created in parallel and each answers over SSH with its own name"() {
        when:
        def file = kubik.script('three.kube.groovy', script(3))
        def run = kubik.run('run', file.toString(), '--timings')

        then:
        run.exit == 0
        run.out.contains('Plan: 7 to add, 0 to change, 0 to destroy.')
        run.out.contains('Apply complete! Resources: 7 added, 0 changed, 0 destroyed.')

        and: '--timings lists every step with the phases it was made of'
        def timings = run.out.substring(run.out.indexOf('Timings:')).readLines()
        ['e2e3', 'e2e3-m02', 'e2e3-m03'].every { name ->
            def at = timings.findIndexOf { it.trim().startsWith("Creating machine $name ") }
            at > 0 && ['docker run', 'ssh keys in', 'state write', 'boot (until sshd answers)', 'ssh handshake']
                    .every { phase -> timings.subList(at + 1, at + 7).any { it.trim() ==~ /${java.util.regex.Pattern.quote(phase)}\s+\d+ ms/ } }
        }
        timings.findAll { it.trim() ==~ /runtime probe\s+\d+ ms/ }.size() == 3
        ['e2e3', 'e2e3-m02', 'e2e3-m03'].every { name ->
            def shortName = name == 'e2e3' ? null : name - 'e2e3-'
            def args = ['ssh', '-p', profile] + (shortName ? ['-n', shortName] : []) + ['--', 'hostname']
            kubik.run(args).out.trim() == name
        }
    }

    def "containerd answers in every node and nodes reach each other on the cluster network"() {
        when:
        def status = kubik.run('status', profile)
        def ips = status.out.readLines().drop(1).collect { it.split(/\s+/)[4] }

        then:
        status.exit == 0
        ips.size() == 3 && ips.every { it ==~ /\d+\.\d+\.\d+\.\d+/ }
        ['e2e3', 'm02', 'm03'].every { kubik.run('ssh', '-p', profile, '-n', it, '--', 'sudo', 'ctr', 'version').exit == 0 }
        ips.drop(1).every { ip -> kubik.run('ssh', '-p', profile, '--', 'ping', '-c', '1', '-W', '2', ip).exit == 0 }

        and: 'kubik ip prints a node\'s address alone, as minikube ip does; the node inside agrees'
        kubik.run('ip', profile).out == ips[0] + '\n'
        kubik.run('ip', '-p', profile, '-n', 'm03').out == ips[2] + '\n'
        kubik.run('ssh', '-p', profile, '-n', 'm02', '--', 'ip -4 -o addr show').out.contains(" ${kubik.run('ip', profile, '-n', 'm02').out.trim()}/")
        kubik.run('ip', profile, '-n', 'nosuch').with { exit != 0 && err.contains("has no node 'nosuch'") }

        and: 'kubik profile list -o json has minikube\'s shape, where scripts read it'
        def listed = new com.fasterxml.jackson.databind.ObjectMapper().readValue(kubik.run('profile', 'list', '-o', 'json').out, Map)
        def cluster = listed.valid.find { it.Name == profile }
        listed.invalid == []
        cluster.Status == 'Running'
        cluster.Config.Driver == 'docker'
        cluster.Config.KubernetesConfig.KubernetesVersion == 'N/A'
        cluster.Config.Nodes*.Name == ['', 'm02', 'm03']
        cluster.Config.Nodes*.IP == ips
        cluster.Config.Nodes*.ControlPlane == [true, false, false]
        kubik.run('profile', 'list').out.readLines()[0].startsWith('PROFILE')
    }

    def "kubik ssh runs its command line through the node's shell; with one cluster, no -p is needed"() {
        when: 'the only cluster in this home is current'
        def ssh = kubik.run('ssh', '--', 'echo $((6*7)); id -un | tr a-z A-Z')
        def words = kubik.run('ssh', '-n', 'm02', '--', 'echo', 'two', 'words')
        def status = kubik.run('status')

        then:
        ssh.exit == 0
        ssh.out == '42\nDOCKER\n'
        words.out == 'two words\n'
        status.out.readLines().size() == 4
        kubik.run('profile').out.trim() == profile

        when: 'another profile is made current, by name'
        def set = kubik.run('profile', 'other')
        def other = kubik.run('status')
        def back = kubik.run('profile', profile)

        then:
        set.out.contains('Current profile: other (no such cluster yet')
        other.exit != 0
        other.err.contains("other")
        back.exit == 0
        kubik.run('profiles').out.contains("$profile *")
        kubik.run('profile', 'Not_A_Name').exit == 2
    }

    def "the private key is the owner's alone and host keys are pinned per machine"() {
        expect:
        Files.getPosixFilePermissions(kubik.home.resolve("profiles/$profile/id_ed25519"))*.toString().sort() ==
                ['OWNER_READ', 'OWNER_WRITE']
        ['e2e3', 'e2e3-m02', 'e2e3-m03'].every {
            Files.readString(kubik.home.resolve("profiles/$profile/machines/$it/host_key.pub")).startsWith('ssh-ed25519 ')
        }
    }

    def "replaying the script changes nothing"() {
        when:
        def run = kubik.run('run', kubik.home.resolve('three.kube.groovy').toString())

        then:
        run.exit == 0
        run.out.trim() == "No changes. Cluster '$profile' matches the script."
        Kubik.docker('ps', '--filter', "label=dev.kubik.cluster=$profile", '--format', '{{.Names}}').readLines().size() == 3
    }

    def "JSON output is one CloudEvent per line"() {
        when:
        def run = kubik.run('run', kubik.home.resolve('three.kube.groovy').toString(), '--dry-run', '--output', 'json')
        def events = EventSchema.events(run.out)

        then:
        run.exit == 0
        events*.type.contains('dev.kubik.plan')
        events.find { it.type == 'dev.kubik.plan' }.data.plan instanceof Map // a plan object, not a string of JSON
    }

    def "nodes 3 to 2 removes one machine, its volume and its pinned key"() {
        when:
        def file = kubik.script('two.kube.groovy', script(2))
        def run = kubik.run('run', file.toString(), '--yes')

        then:
        run.exit == 0
        run.out.contains('-') && run.out.contains('machine       e2e3-m03')
        run.out.contains('Plan: 0 to add, 0 to change, 1 to destroy.')
        Kubik.docker('ps', '-a', '--filter', "label=dev.kubik.cluster=$profile", '--format', '{{.Names}}').readLines().sort() == ['e2e3', 'e2e3-m02']
        !Kubik.docker('volume', 'ls', '-q').readLines().contains('e2e3-m03')
        !kubik.home.resolve("profiles/$profile/machines/e2e3-m03").toFile().exists()
    }

    def "stop keeps the machines; start brings them and containerd back; each plans first, and --dry-run only plans"() {
        when:
        def dryStop = kubik.run('stop', '-p', profile, '--dry-run')

        then: 'the workers first, the control plane after them; nothing stopped'
        dryStop.exit == 0
        dryStop.out =~ /~ machine\s+e2e3-m02\s+\(running → stopped\)/
        dryStop.out.indexOf('e2e3-m02') < dryStop.out.indexOf('e2e3 ')
        dryStop.out.contains('Plan: 0 to add, 2 to change, 0 to destroy.')
        Kubik.docker('ps', '-a', '--filter', "label=dev.kubik.cluster=$profile", '--format', '{{.State}}').readLines() == ['running', 'running']

        when:
        def stop = kubik.run('stop', '-p', profile)

        then:
        stop.exit == 0
        stop.out.contains('Apply complete! Resources: 0 added, 2 changed, 0 destroyed.')
        Kubik.docker('ps', '-a', '--filter', "label=dev.kubik.cluster=$profile", '--format', '{{.State}}').readLines() == ['exited', 'exited']
        kubik.run('status', profile).out.readLines().drop(1).every { it.contains('stopped') }

        when:
        def start = kubik.run('start', '-p', profile)

        then:
        start.exit == 0
        kubik.run('ssh', '-p', profile, '-n', 'm02', '--', 'sudo', 'ctr', 'version').exit == 0
        kubik.run('run', kubik.home.resolve('two.kube.groovy').toString()).out.trim() == "No changes. Cluster '$profile' matches the script."
        kubik.run('start', '-p', profile).out.contains("Cluster '$profile' has no stopped machines; nothing to start.")

        when: 'delete --dry-run'
        def dryDelete = kubik.run('delete', profile, '--dry-run')

        then: 'every machine, then the network; all of it still there'
        dryDelete.exit == 0
        dryDelete.out =~ /- machine\s+e2e3-m02\s+\(with its disk\)/
        dryDelete.out =~ /- network\s+e2e3\s+\(after its machines\)/
        dryDelete.out.contains('Plan: 0 to add, 0 to change, 3 to destroy.')
        Kubik.docker('ps', '-a', '--filter', "label=dev.kubik.cluster=$profile", '--format', '{{.State}}').readLines() == ['running', 'running']
        kubik.home.resolve("profiles/$profile/state.json").toFile().exists()
    }

    def "with --output json --timings each phase of a new node is an event of the documented schema"() {
        when:
        def run = kubik.run('run', kubik.home.resolve('three.kube.groovy').toString(), '--output', 'json', '--timings')
        def phases = EventSchema.events(run.out).findAll { it.type == 'dev.kubik.phase' }

        then:
        run.exit == 0
        phases*.data*.machine.toSet() == ['e2e3-m03'] as Set
        phases*.data*.phase.containsAll(['docker run', 'ssh handshake', 'runtime probe'])
        phases.every { it.data.elapsedms ==~ /\d+/ }
    }

    def "a node whose host key changed is refused"() {
        given: 'the node gets a new host key behind kubik\'s back'
        Kubik.docker('exec', 'e2e3-m02', 'sh', '-c',
                'rm -f /etc/ssh/ssh_host_ed25519_key* && ssh-keygen -q -t ed25519 -N "" -f /etc/ssh/ssh_host_ed25519_key && systemctl restart ssh')

        when:
        def ssh = kubik.run('ssh', '-p', profile, '-n', 'm02', '--', 'hostname')

        then:
        ssh.exit == 1
        ssh.err.contains('is not the one kubik pinned')
        ssh.err.contains('Refusing to connect')
        ssh.out.isEmpty()
    }

    def "delete removes containers, volumes, network and files, even with the state files gone"() {
        given: 'state is lost'
        dev.kubik.engine.state.ProfileStore.deleteTree(kubik.home.resolve("profiles/$profile"))

        when:
        def delete = kubik.run('delete', profile)

        then:
        delete.exit == 0
        Kubik.docker('ps', '-a', '--filter', "label=dev.kubik.cluster=$profile", '-q') == ''
        !Kubik.docker('volume', 'ls', '-q').readLines().any { it.startsWith('e2e3') }
        !Kubik.docker('network', 'ls', '--format', '{{.Name}}').readLines().contains('kubik-e2e3')
    }
}
