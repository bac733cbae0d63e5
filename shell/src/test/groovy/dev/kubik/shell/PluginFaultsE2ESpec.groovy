package dev.kubik.shell

import java.nio.file.Files
import java.nio.file.Path
import spock.lang.IgnoreIf
import spock.lang.Shared
import spock.lang.Specification

/**
 * Plugins that misbehave as plugins have in the field, through the real CLI, with a real gRPC plugin in Node.js
 * (src/test/resources/plugins/kubik-driver-stall): a Create that never answers must fail its step at the call's
 * deadline and stop the plugin; two that hang together must both end, in the text and in the JSON events; a fix
 * trailer percent-encoded as the proto asks reaches the user decoded.
 */
@IgnoreIf(value = { !Kubik.e2e() && !Files.isDirectory(PluginE2ESpec.EXAMPLE.resolve('node_modules/@grpc/grpc-js')) },
        reason = 'the plugin tests need Node.js and the example plugin\'s packages (scripts/setup.sh --plugins)')
class PluginFaultsE2ESpec extends Specification {
    static final Path STALL = Path.of('src/test/resources/plugins/kubik-driver-stall').toAbsolutePath()
    static final Path PROTO = Path.of('../drivers/plugin/src/main/proto/kubik/driver/v1/driver.proto').toAbsolutePath().normalize()
    @Shared Kubik kubik = new Kubik()

    def setupSpec() {
        assert Files.isDirectory(PluginE2ESpec.EXAMPLE.resolve('node_modules/@grpc/grpc-js')): 'scripts/setup.sh --plugins installs the packages (npm ci)'
        def plugins = Files.createDirectories(kubik.home.resolve('plugins'))
        def wrapper = plugins.resolve('kubik-driver-stall')
        Files.writeString(wrapper, "#!/bin/sh\nNODE_PATH='${PluginE2ESpec.EXAMPLE.resolve('node_modules')}' KUBIK_DRIVER_PROTO='$PROTO' "
                + "exec node '$STALL' \"\$@\"\n")
        wrapper.toFile().setExecutable(true)
        kubik.env.put('KUBIK_PLUGIN_TIMEOUTS', 'Create=3s')
    }

    Path script(String name, int nodes) {
        kubik.script("${name}.kube.groovy", """cluster('$name') {
    driver 'stall'
    nodes $nodes
    kubernetes { bootstrapper 'none' }
}""")
    }

    List<String> stallPids() {
        def pgrep = ['pgrep', '-f', STALL.toString()].execute()
        pgrep.waitFor()
        pgrep.text.readLines()*.trim().findAll { it }
    }

    def "a Create that never answers fails at its deadline, naming it and the way to a longer one, and the plugin is stopped"() {
        when:
        long start = System.nanoTime()
        def run = kubik.run('run', script('stalled', 1).toString())
        long seconds = (System.nanoTime() - start) / 1_000_000_000

        then:
        run.exit != 0
        run.out.contains('plugin kubik-driver-stall did not answer Create of stalled within 3 s, and kubik stopped it')
        run.out.contains('stall: stalling create of stalled') // its last lines
        run.out.contains('KUBIK_PLUGIN_TIMEOUTS=Create=6s')
        seconds < 60

        and: 'its whole standard error is kept in its log, which the fix names'
        def log = kubik.home.resolve('logs/kubik-driver-stall.log')
        run.out.contains("with its log, $log")
        Files.readString(log) =~ /(?s)--- \S+ started \S+kubik-driver-stall \(pid \d+\)\n.*stall: stalling create of stalled\n/
        PluginE2ESpec.waitFor { stallPids().isEmpty() }
    }

    def "two Creates that hang together both fail: every started step ends once, in the report and in the JSON events"() {
        when:
        def run = kubik.run('run', script('twostall', 2).toString(), '--output', 'json')
        def events = EventSchema.events(run.out)
        def started = events.findAll { it.type == 'dev.kubik.step' }*.data*.id
        def ended = events.findAll { it.type in ['dev.kubik.step.done', 'dev.kubik.step.failed'] }*.data*.id
        def failed = events.findAll { it.type == 'dev.kubik.step.failed' }*.data*.id
        def error = events.find { it.type == 'dev.kubik.error' }

        then:
        run.exit != 0
        started.sort() == ended.sort()
        ended.size() == ended.toSet().size()
        failed.toSet() == ['machine/twostall', 'machine/twostall-m02'] as Set
        error.data.message.contains('Creating machine twostall failed')
        error.data.message.contains('Creating machine twostall-m02 failed')
    }

    def "the conformance suite fails a plugin whose Create hangs, says where, and stops it"() {
        when:
        def test = kubik.run('plugin', 'test', 'stall')

        then:
        test.exit == 1
        test.out.contains('ok   handshake')
        test.out.contains('FAIL Create: two machines at once')
        test.out.contains('did not answer Create of kubik-conformance within 3 s')
        test.out.readLines().last() ==~ /\d+ passed, [1-9]\d* failed, \d+ skipped/
        PluginE2ESpec.waitFor { stallPids().isEmpty() }
    }

    def "a list option takes the language's usual forms, and the plugin gets a list each time"() {
        expect:
        [["labels 'a=b', 'c'", '["a=b","c"]'], ["labels 'x'", '["x"]'], ["labels(['a=b'])", '["a=b"]']].every { written, arrived ->
            def file = kubik.script('lists.kube.groovy', "cluster('lists') {\n    driver 'stall'\n    options { $written }\n}")
            def run = kubik.run('run', file.toString(), '--dry-run')
            run.exit == 2 && run.err.contains("labels arrived as $arrived")
        }
    }

    def "a fix that is not ASCII travels percent-encoded and reaches the user decoded"() {
        when:
        def run = kubik.run('run', script('needsfix', 1).toString())

        then:
        run.exit != 0
        run.out.contains('needsfix needs a package')
        run.out.contains('fix: install the café package')
    }
}
