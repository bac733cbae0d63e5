package dev.kubik.shell

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit
import spock.lang.IgnoreIf
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

/**
 * A driver plugin in another language, end to end through the real CLI: the Node.js example
 * (examples/plugins/dockerjs, gRPC with @grpc/grpc-js) makes nodes as containers with the docker CLI. Also the
 * protocol's edges: a plugin of another protocol version, a plugin killed mid-run, kubik killed mid-run.
 */
@Stepwise
@IgnoreIf(value = { !Kubik.e2e() }, reason = 'no docker daemon here (CI=true or -Dkubik.e2e=true makes this an error)')
class PluginE2ESpec extends Specification {
    static final Path EXAMPLE = Path.of('../examples/plugins/dockerjs').toAbsolutePath().normalize()
    @Shared Kubik kubik = new Kubik()
    @Shared Path plugins
    @Shared Path starts

    def setupSpec() {
        assert Files.isDirectory(EXAMPLE.resolve('node_modules/@grpc/grpc-js')): 'scripts/setup.sh installs the example plugin\'s packages (npm ci)'
        plugins = Files.createDirectories(kubik.home.resolve('plugins'))
        starts = kubik.home.resolve('plugin-starts.log')
        // The plugin as a user installs it, behind a line that counts its starts.
        def wrapper = plugins.resolve('kubik-driver-dockerjs')
        Files.writeString(wrapper, "#!/bin/sh\necho started >> '$starts'\nexec '${EXAMPLE.resolve('kubik-driver-dockerjs')}' \"\$@\"\n")
        wrapper.toFile().setExecutable(true)
    }

    def cleanupSpec() {
        ['pjs', 'pkill', 'pgone'].each { kubik.run('delete', it) }
    }

    int startCount() {
        Files.exists(starts) ? Files.readAllLines(starts).size() : 0
    }

    Path script(String name, int nodes, String options = '') {
        kubik.script("${name}.kube.groovy", """cluster('$name') {
    driver 'dockerjs'
    nodes $nodes
    memory '2g'
    $options
    kubernetes { bootstrapper 'none' }
}""")
    }

    def "the plugin is one more driver, described once and then from the cache"() {
        when:
        def first = kubik.run('drivers')
        def afterFirst = startCount()
        def second = kubik.run('drivers', '--options')

        then:
        first.exit == 0
        first.out.readLines().find { it.startsWith('dockerjs ') } =~ /dockerjs\s+Linux\s+experimental\s+healthy\s+docker /
        afterFirst == 1
        second.out.contains('dockerjs options:')
        second.out =~ /image\s+string\s+default kubik\/node:dev/
        startCount() == 1 // neither the descriptor nor a health answer a minute old needs the plugin again
        !first.err.contains('WARNING')
    }

    def "its option schema is checked at file:line:col before anything starts"() {
        when:
        def file = script('pjs', 1, "options { image 42; colour 'red' }")
        def run = kubik.run('run', file.toString())

        then:
        run.exit != 0
        run.err.contains("pjs.kube.groovy:5:21: error: option 'image' takes a string")
        run.err.contains("unknown option 'colour' for the dockerjs driver")
        run.err.contains('options of the dockerjs driver: image')
    }

    def "two nodes made by the plugin: SSH with pinned host keys, containerd answers, a replay changes nothing, delete leaves nothing"() {
        when:
        def run = kubik.run('run', script('pjs', 2).toString(), '--timings')

        then:
        run.exit == 0
        run.out.contains('starting container pjs-m02 from kubik/node:dev') // the plugin's progress, streamed
        // --timings: the plugin's own phases, and the rest of its Create named after the call, not lumped with kubik's
        ['docker run', 'ssh keys in', 'host key', 'plugin Create, outside its phases'].every { phase -> run.out =~ /(?m)^\s+\Q$phase\E\s+\d+ ms$/ }
        run.out.contains('Apply complete! Resources: 5 added, 0 changed, 0 destroyed.')
        ['pjs', 'm02'].every { kubik.run('ssh', '-p', 'pjs', '-n', it, '--', 'sudo', 'ctr', 'version').exit == 0 }
        ['pjs', 'pjs-m02'].every { Files.readString(kubik.home.resolve("profiles/pjs/machines/$it/host_key.pub")).startsWith('ssh-ed25519 ') }

        when:
        def replay = kubik.run('run', kubik.home.resolve('pjs.kube.groovy').toString())

        then:
        replay.out.contains("No changes. Cluster 'pjs' matches the script.")

        when:
        def delete = kubik.run('delete', 'pjs')

        then:
        delete.exit == 0
        Kubik.docker('ps', '-a', '--filter', 'label=dev.kubik.dockerjs.cluster=pjs', '--format', '{{.Names}}').trim() == ''
        !Kubik.docker('network', 'ls', '--format', '{{.Name}}').readLines().contains('kubik-js-pjs')
        pluginPids().isEmpty()
    }

    def "the example plugin passes kubik's conformance suite, which leaves nothing behind"() {
        when:
        def test = kubik.run('plugin', 'test', 'kubik-driver-dockerjs')

        then:
        test.exit == 0
        test.out.readLines().last() == '17 passed, 0 failed, 1 skipped'
        test.out.contains('ok   SSH: kubik logs into each machine with its host key pinned')
        test.out.contains('skip Resize in place')
        containersOf('kubik-conformance').isEmpty()
        !Kubik.docker('network', 'ls', '--format', '{{.Name}}').readLines().contains('kubik-js-kubik-conformance')
        pluginPids().isEmpty()
    }

    def "over TCP on 127.0.0.1, as on macOS and Windows, where kubik offers no unix socket, the suite passes too"() {
        given:
        kubik.env.put('KUBIK_PLUGIN_TRANSPORTS', 'tcp')

        when:
        def test = kubik.run('plugin', 'test', 'kubik-driver-dockerjs')

        then:
        test.exit == 0
        test.out.readLines().last() == '17 passed, 0 failed, 1 skipped'
        test.out =~ /ok +handshake: one line on stdout, protocol 1\s+in \d+ ms, on tcp:127\.0\.0\.1:\d+/
        pluginPids().isEmpty()

        cleanup:
        kubik.env.remove('KUBIK_PLUGIN_TRANSPORTS')
    }

    def "a plugin that speaks another protocol version is refused, naming both versions"() {
        given:
        def future = plugins.resolve('kubik-driver-future')
        Files.writeString(future, '#!/bin/sh\necho "2|kubik-driver|unix|/tmp/kubik-future.sock|grpc"\nexec cat >/dev/null\n')
        future.toFile().setExecutable(true)

        when:
        def drivers = kubik.run('drivers')

        then:
        drivers.exit == 0
        drivers.err.contains("plugin $future left out: plugin $future speaks plugin protocol 2; this kubik speaks 1")
        !drivers.out.contains('future')

        cleanup:
        Files.delete(future)
    }

    def "a plugin killed mid-run fails its step with its last lines; the next run converges"() {
        given:
        def file = script('pkill', 2)

        when:
        def process = kubik.start(['run', file.toString()])
        waitFor { containersOf('pkill').size() >= 1 }
        ['kill', '-9', *pluginPids()].execute().waitFor()
        def run = Kubik.finish(process)

        then:
        run.exit != 0
        run.out.contains('plugin kubik-driver-dockerjs exited with status 137')
        run.out.contains('dockerjs: creating pkill')

        when:
        def again = kubik.run('run', file.toString())

        then:
        again.exit == 0
        kubik.run('status', 'pkill').out.readLines().drop(1).every { it.contains(' running ') }
        kubik.run('status', 'pkill').out.readLines().size() == 3
    }

    def "kubik killed mid-run leaves no plugin process behind"() {
        when:
        def process = kubik.start(['run', script('pgone', 1).toString()])
        waitFor { !pluginPids().isEmpty() }
        process.destroyForcibly()
        process.waitFor(10, TimeUnit.SECONDS)

        then:
        waitFor { pluginPids().isEmpty() }
    }

    /** The example plugin's processes started from this test's home. */
    List<String> pluginPids() {
        def pgrep = ['pgrep', '-f', EXAMPLE.resolve('kubik-driver-dockerjs').toString()].execute()
        pgrep.waitFor()
        pgrep.text.readLines()*.trim().findAll { it }
    }

    static List<String> containersOf(String cluster) {
        Kubik.docker('ps', '-a', '--filter', "label=dev.kubik.dockerjs.cluster=$cluster", '--format', '{{.Names}}').readLines().findAll { it }
    }

    static boolean waitFor(Closure<Boolean> condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60)
        while (System.nanoTime() < deadline) {
            if (condition()) return true
            sleep(100)
        }
        false
    }
}
