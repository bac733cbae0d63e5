package dev.kubik.shell

import dev.kubik.engine.KubikHome
import dev.kubik.engine.state.ProfileStore
import spock.lang.IgnoreIf
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit

/**
 * The docker daemon stops in the middle of a run: the running step fails with docker's own message, the state
 * records what exists, and once the daemon is back the next run converges. The test stops and restarts this
 * machine's dockerd itself, so it runs only where it may: as root, on a host where no init system owns dockerd.
 */
@IgnoreIf(value = { !Kubik.e2e() || !DaemonLossE2ESpec.mayRestartDockerd() },
        reason = 'needs a docker daemon this test may stop and start (root, not managed by systemd)')
class DaemonLossE2ESpec extends Specification {
    Kubik kubik = new Kubik()
    String profile = 'e2eloss'

    static boolean mayRestartDockerd() {
        'id -u'.execute().text.trim() == '0' && !Files.exists(Path.of('/run/systemd/system')) && dockerdPid() != null
    }

    static Long dockerdPid() {
        def pids = ['pgrep', '-x', 'dockerd'].execute().text.readLines()
        pids.size() == 1 ? pids[0] as Long : null
    }

    def cleanup() {
        if (!Kubik.dockerWorks()) startDockerd(dockerdCommandLine ?: ['dockerd'])
        kubik.run('delete', profile)
    }

    List<String> dockerdCommandLine

    def "a run whose docker daemon stops fails with docker's message, records what exists, and converges later"() {
        given:
        def script = kubik.cluster(profile, "nodes 2\nkubernetes { bootstrapper 'none' }")
        long pid = dockerdPid()
        dockerdCommandLine = Files.readString(Path.of("/proc/$pid/cmdline")).split('\u0000').findAll { it } as List

        when: 'the daemon is stopped as soon as the machines are being created'
        def process = kubik.start(['run', script.toString()])
        def out = new StringBuilder(), err = new StringBuilder()
        def creating = new CountDownLatch(1)
        def reader = Thread.start {
            process.inputStream.newReader().eachLine { line ->
                synchronized (out) { out << line << '\n' }
                if (line.contains('Creating machine')) creating.countDown()
            }
        }
        def errors = process.consumeProcessErrorStream(err)
        assert creating.await(120, TimeUnit.SECONDS): "kubik never started a machine:\n$out\n$err"
        ['kill', '-TERM', pid as String].execute().waitFor()
        assert process.waitFor(300, TimeUnit.SECONDS)
        [reader, errors]*.join()
        waitForExit(pid)

        then: 'the step fails with what docker said'
        process.exitValue() == 1
        def said = out.toString() + err
        said =~ /(?i)(cannot connect to the docker daemon|error during connect|is the docker daemon running|connection refused|no such file)/
        said.contains('failed')

        and: 'the state is readable and says what exists'
        def state = new ProfileStore(new KubikHome(kubik.home)).state(profile)
        state.isPresent()
        state.get().networkReady()

        when: 'the daemon is back'
        startDockerd(dockerdCommandLine)
        def again = kubik.run('run', script.toString())
        def replay = kubik.run('run', script.toString())

        then:
        again.exit == 0
        again.out.contains('Apply complete!')
        replay.exit == 0
        replay.out.contains("No changes. Cluster '$profile' matches the script.")
        ['e2eloss', 'm02'].every { kubik.run('ssh', '-p', profile, '-n', it, '--', 'sudo', 'ctr', 'version').exit == 0 }
    }

    private static void waitForExit(long pid) {
        for (int i = 0; i < 600 && Files.exists(Path.of("/proc/$pid")); i++) Thread.sleep(100)
        assert !Files.exists(Path.of("/proc/$pid")): 'dockerd did not stop'
    }

    /** As scripts/setup.sh starts it; a CI run that started the first one is told the new pid, to stop it at the end. */
    private static void startDockerd(List<String> commandLine) {
        def log = new File('/var/log/kubik-dockerd.log')
        def builder = new ProcessBuilder(['setsid', '--fork'] + commandLine).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
        builder.start().waitFor()
        for (int i = 0; i < 120 && !Kubik.dockerWorks(); i++) Thread.sleep(500)
        assert Kubik.dockerWorks(): 'dockerd did not come back; see /var/log/kubik-dockerd.log'
        // Only where .ci/run started the first dockerd (its pid file is filled) is it to stop this one.
        def pidFile = System.getenv('KUBIK_DOCKERD_PIDFILE')
        if (pidFile && Files.size(Path.of(pidFile)) > 0) Files.writeString(Path.of(pidFile), dockerdPid() as String)
    }
}
