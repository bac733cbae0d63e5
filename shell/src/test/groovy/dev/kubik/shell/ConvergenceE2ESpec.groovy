package dev.kubik.shell

import dev.kubik.runtime.ContainerRuntimes
import dev.kubik.spi.CommandResult
import dev.kubik.spi.CommandRunner
import dev.kubik.spi.KubernetesSpec
import dev.kubik.spi.NodeContext
import dev.kubik.spi.Reporter
import spock.lang.IgnoreIf
import spock.lang.Specification

/** One-node clusters, stdin scripts, --var, two kubiks racing on one profile, and the runtime step on a real node. */
@IgnoreIf(value = { !Kubik.e2e() }, reason = 'no docker daemon here (CI=true or -Dkubik.e2e=true makes this an error)')
class ConvergenceE2ESpec extends Specification {
    Kubik kubik = new Kubik()

    static String script(String name, int nodes) {
        """cluster('$name') {
    driver 'docker'
    memory '2g'
    nodes $nodes
    options { image '$Kubik.IMAGE' }
    kubernetes { bootstrapper 'none' }
}"""
    }

    def "a one-node cluster from standard input, named by --var, converges and is deleted"() {
        given:
        def text = script('${vars.name}', 1).replace("'\${vars.name}'", 'vars.name')

        when:
        def first = kubik.run(['run', '-', '--var', 'name=e2e1'], text)
        def again = kubik.run(['run', '-', '--var', 'name=e2e1'], text)
        def hostname = kubik.run('ssh', '-p', 'e2e1', '--', 'hostname')
        def limits = Kubik.docker('container', 'inspect', '--format',
                '{{.HostConfig.CpuPeriod}} {{.HostConfig.CpuQuota}} {{.HostConfig.NanoCpus}} {{.HostConfig.Memory}}', 'e2e1')
        def delete = kubik.run('delete', 'e2e1')

        then:
        first.exit == 0
        first.out.contains('Plan: 3 to add, 0 to change, 0 to destroy.')
        again.exit == 0
        again.out.trim() == "No changes. Cluster 'e2e1' matches the script."
        hostname.out.trim() == 'e2e1'
        limits == "10000 20000 0 ${2L << 30}" // the default 2 CPUs as a quota over a 10 ms period; 2g
        delete.exit == 0
        Kubik.docker('ps', '-a', '--filter', 'label=dev.kubik.cluster=e2e1', '-q') == ''
    }

    def "the runtime step asks systemd whether a node's runtime serves and is enabled, asks the daemon where systemd cannot tell, and starts one that does not serve"() {
        given: 'a node whose containerd runs, started at boot'
        assert kubik.run(['run', '-'], script('e2ert', 1)).exit == 0
        def phases = []
        def reporter = new Reporter() {
            void info(String message) {}
            void warn(String message) {}
            void phase(String machine, String phase, java.time.Duration took) { phases << phase }
        }
        def asked = []
        def asUser = asUserDocker('e2ert')
        def runner = new CommandRunner() {
            CommandResult run(List<String> argv, java.time.Duration timeout) { asked << argv.join(' '); asUser.run(argv, timeout) }
            void writeFile(String path, byte[] content, int mode) { throw new UnsupportedOperationException() }
        }
        def node = new NodeContext('e2ert', 'e2ert', 'control-plane', null,
                new KubernetesSpec(Kubik.K8S, 'containerd', 'none', '10.244.0.0/16', '10.96.0.0/12', 'cluster.local',
                        [:], [:], [:], null, null, KubernetesSpec.DEFAULT_API_SERVER_PORT),
                runner, reporter, kubik.home)
        def systemctl = { String verb -> ['docker', 'exec', 'e2ert', 'systemctl', verb, 'containerd'].execute().text.trim() }
        def answers = { ['docker', 'exec', 'e2ert', 'ctr', 'version'].execute().waitFor() == 0 }
        def again = { phases.clear(); asked.clear(); ContainerRuntimes.start(node) }

        when: 'it serves and is enabled'
        again()

        then: 'systemd says so, asked without root: one command'
        phases == ['runtime probe']
        asked == ['systemctl show --property=LoadState,Type,ActiveState,UnitFileState containerd']

        when: 'it still runs but would not start at the next boot'
        Kubik.docker('exec', 'e2ert', 'systemctl', 'disable', 'containerd')
        assert systemctl('is-enabled') == 'disabled'
        again()

        then: 'the probe says so, and the runtime is enabled'
        phases == ['runtime probe', 'runtime start']
        systemctl('is-enabled') == 'enabled'

        when: 'it is stopped'
        Kubik.docker('exec', 'e2ert', 'systemctl', 'stop', 'containerd')
        assert !answers()
        again()

        then: 'it is started, and answers'
        phases == ['runtime probe', 'runtime start']
        systemctl('is-active') == 'active'
        answers()

        when: 'its unit is not Type=notify, so active only means its process runs'
        Kubik.docker('exec', 'e2ert', 'sh', '-c', 'mkdir -p /etc/systemd/system/containerd.service.d && '
                + 'printf "[Service]\\nType=simple\\n" > /etc/systemd/system/containerd.service.d/simple.conf && systemctl daemon-reload')
        again()

        then: 'the daemon itself is asked, as root'
        phases == ['runtime probe']
        asked.size() == 2
        asked[1].startsWith('sudo sh -c ctr version')

        cleanup:
        kubik.run('delete', 'e2ert')
    }

    /** Commands on a node as its login user, through docker exec: what kubik's SSH runner gives a bootstrapper. */
    static CommandRunner asUserDocker(String node) {
        new CommandRunner() {
            CommandResult run(List<String> argv, java.time.Duration timeout) {
                def process = (['docker', 'exec', '-u', 'docker', node] + argv).execute()
                def out = new StringBuilder(), err = new StringBuilder()
                process.waitForProcessOutput(out, err)
                new CommandResult(process.exitValue(), out.toString(), err.toString())
            }

            void writeFile(String path, byte[] content, int mode) {
                throw new UnsupportedOperationException()
            }
        }
    }

    def "two kubiks on one profile at once: one creates, the other waits and finds nothing to do"() {
        given:
        def file = kubik.script('race.kube.groovy', script('e2erace', 2))

        when:
        def a = kubik.start(['run', file.toString()])
        def b = kubik.start(['run', file.toString()])
        def results = [Kubik.finish(a), Kubik.finish(b)]

        then:
        results.every { it.exit == 0 }
        results.count { it.out.contains('Apply complete! Resources: 5 added') } == 1
        results.count { it.out.contains("No changes. Cluster 'e2erace' matches the script.") } == 1
        Kubik.docker('ps', '-a', '--filter', 'label=dev.kubik.cluster=e2erace', '--format', '{{.Names}}').readLines().sort() == ['e2erace', 'e2erace-m02']

        cleanup:
        kubik.run('delete', 'e2erace')
    }

    def "machines whose state was lost are found by label and replaced, not collided with"() {
        given:
        def file = kubik.script('lost.kube.groovy', script('e2elost', 1))
        assert kubik.run('run', file.toString()).exit == 0
        dev.kubik.engine.state.ProfileStore.deleteTree(kubik.home.resolve('profiles/e2elost'))

        when:
        def again = kubik.run('run', file.toString())

        then:
        again.exit == 0
        again.out.contains('-/+ machine       e2elost  (in an unknown state (no kubik state for it, or broken))')
        kubik.run('ssh', '-p', 'e2elost', '--', 'hostname').out.trim() == 'e2elost'

        cleanup:
        kubik.run('delete', 'e2elost')
    }

    def "a failed step leaves true state and the rerun converges from it"() {
        given: 'a script whose node image does not exist'
        def broken = kubik.script('broken.kube.groovy', script('e2efail', 1).replace(Kubik.IMAGE, 'kubik/no-such-image:0'))

        when:
        def failed = kubik.run('run', broken.toString())

        then:
        failed.exit == 1
        failed.out.contains('Creating machine e2efail failed') || failed.err.contains('Creating machine e2efail failed')
        failed.out.contains("run 'kubik run ") || failed.err.contains("run 'kubik run ")

        when: 'the script is fixed'
        def fixed = kubik.run('run', kubik.script('fixed.kube.groovy', script('e2efail', 1)).toString())

        then: 'only what is missing is planned: the network exists already'
        fixed.exit == 0
        !fixed.out.contains('+ network')
        fixed.out.contains('Plan: 2 to add, 0 to change, 0 to destroy.')

        cleanup:
        kubik.run('delete', 'e2efail')
    }

    def "a host folder is shared into the node; a script that changes the folder replaces the node, and a replay then converges"() {
        given:
        def a = java.nio.file.Files.createDirectories(kubik.home.resolve('share-a'))
        def b = java.nio.file.Files.createDirectories(kubik.home.resolve('share-b'))
        java.nio.file.Files.writeString(a.resolve('which'), 'a\n')
        java.nio.file.Files.writeString(b.resolve('which'), 'b\n')
        def shared = { dir -> kubik.script('share.kube.groovy', script('e2eshare', 1).replace("nodes 1", "nodes 1\n    mount '$dir', to: '/src'")) }

        when:
        def first = kubik.run('run', shared(a).toString())
        def before = kubik.run('ssh', '-p', 'e2eshare', '--', 'cat', '/src/which')
        def changed = kubik.run('run', shared(b).toString(), '--yes')
        def after = kubik.run('ssh', '-p', 'e2eshare', '--', 'cat', '/src/which')
        def replay = kubik.run('run', shared(b).toString())

        then:
        first.exit == 0
        before.out == 'a\n'
        changed.exit == 0
        changed.out.readLines().any { it ==~ /\s*-\/\+ machine\s+e2eshare\s+\(mounts \Q$a\E:\/src → \Q$b\E:\/src: fixed when a machine is made\)/ }
        after.out == 'b\n'
        replay.out.trim() == "No changes. Cluster 'e2eshare' matches the script."

        cleanup:
        kubik.run('delete', 'e2eshare')
    }
}
