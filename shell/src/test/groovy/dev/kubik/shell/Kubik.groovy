package dev.kubik.shell

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/** Runs the real kubik command in a child JVM, as a user would, with its own KUBIK_HOME. */
class Kubik {
    /** The Kubernetes version a script that names none gets (the kubeadm bootstrapper's default). */
    static final String K8S = 'v1.37.0'
    static final String IMAGE = System.getenv('KUBIK_NODE_IMAGE') ?: 'kubik/node:dev'

    /**
     * An installed kubik's launcher (…/bin/kubik of an unpacked release) to run instead of this build's classes:
     * -Dkubik.installed=PATH, as .ci/run does for the Hyper-V spec, so a spec proves the distribution too.
     */
    static final String INSTALLED = System.getProperty('kubik.installed') ?: null

    final Path home = Files.createTempDirectory('kubik-home')
    /** More environment for the child, e.g. a DOCKER_HOST. */
    final Map<String, String> env = [:]

    static class Result {
        int exit
        String out
        String err

        String toString() { "exit $exit\n--- stdout\n$out--- stderr\n$err" }
    }

    Process start(List<String> args, String stdin = null) {
        def java = Path.of(System.getProperty('java.home'), 'bin', 'java').toString()
        def command = INSTALLED ? [INSTALLED] + args
                : [java, '-XX:TieredStopAtLevel=1', '-cp', System.getProperty('java.class.path'), Main.name] + args
        def builder = new ProcessBuilder(command)
        builder.environment().put('KUBIK_HOME', home.toString())
        builder.environment().put('KUBIK_NODE_IMAGE', IMAGE)
        builder.environment().put('KUBIK_NODE_ISO', nodeIso().toString())
        builder.environment().put('KUBECONFIG', home.resolve('kubeconfig').toString())
        // Downloads come from a local, empty mirror: no test sends traffic beyond this machine.
        builder.environment().put('KUBIK_MIRROR', home.resolve('mirror').toString())
        builder.environment().putAll(env)
        def process = builder.start()
        process.outputStream.withCloseable { if (stdin != null) it.write(stdin.bytes) }
        process
    }

    static Result finish(Process process, long seconds = 600) {
        def out = new StringBuilder()
        def err = new StringBuilder()
        // The reader threads must be the only ones: a second consumer (waitForProcessOutput()) would race them for
        // the stream and throw away what it reads, losing lines of output now and then.
        def readers = [process.consumeProcessOutputStream(out), process.consumeProcessErrorStream(err)]
        assert process.waitFor(seconds, TimeUnit.SECONDS): 'kubik did not finish'
        readers*.join()
        new Result(exit: process.exitValue(), out: out.toString(), err: err.toString())
    }

    Result run(List<String> args, String stdin = null) {
        finish(start(args, stdin))
    }

    Result run(String... args) {
        run(args as List)
    }

    /** A script for a test cluster on docker with the test node image and 2 GiB per node; {@code body} adds lines. */
    Path cluster(String name, String body = '') {
        def lines = body.readLines().findAll { it.trim() }.collect { '    ' + it.trim() }
        script(name + '.kube.groovy', (["cluster('$name') {", "    driver 'docker'", "    memory '2g'",
                "    options { image '$IMAGE' }"] + lines + ['}']).join('\n'))
    }

    /** A script file for this test. */
    Path script(String name, String text) {
        def file = home.resolve(name)
        Files.writeString(file, text)
        file
    }

    static String docker(String... args) {
        def process = (['docker'] + (args as List)).execute()
        def out = new StringBuilder(), err = new StringBuilder()
        process.waitForProcessOutput(out, err)
        assert process.exitValue() == 0: "docker ${args.join(' ')}: $err"
        out.toString().trim()
    }

    static boolean dockerWorks() {
        try {
            def process = ['docker', 'info'].execute()
            process.waitForOrKill(10_000)
            return process.exitValue() == 0
        } catch (IOException ignored) {
            return false
        }
    }

    /** E2E specs run where docker works, and must run in CI (-Dkubik.e2e=true, or CI=true), where they fail loudly. */
    static boolean e2e() {
        Boolean.getBoolean('kubik.e2e') || System.getenv('CI') == 'true' || dockerWorks()
    }

    /** Whether the notebook and kernel specs must run: Jupyter's tools (scripts/setup.sh --jupyter) are required in CI. */
    static boolean jupyter() {
        if (Boolean.getBoolean('kubik.e2e') || System.getenv('CI') == 'true') return true
        try {
            def probe = ['/usr/bin/python3', '-c', 'import jupyter_client, nbformat, nbconvert, jupyter_kernel_test'].execute()
            return probe.waitFor(20, java.util.concurrent.TimeUnit.SECONDS) && probe.exitValue() == 0
        } catch (IOException ignored) {
            return false
        }
    }

    /** The node ISO the qemu specs boot (scripts/setup.sh --vm builds it). */
    static Path nodeIso() {
        def env = System.getenv('KUBIK_NODE_ISO')
        env ? Path.of(env) : Path.of(System.getProperty('user.home'), '.kubik/cache/node-iso/kubik-node.iso')
    }

    /** VM specs run where qemu and the node ISO are, and must run in CI, where they fail loudly without them. */
    static boolean vmE2e() {
        Boolean.getBoolean('kubik.e2e') || System.getenv('CI') == 'true' || Files.isRegularFile(nodeIso())
    }

    /** A tiny image (busybox alone) in the host's docker, made from Debian's busybox-static; returns its name. */
    String helloImage(String name) {
        assert Files.isExecutable(Path.of('/bin/busybox')): 'scripts/setup.sh installs busybox-static'
        def rootfs = Files.createDirectories(home.resolve('hello-rootfs/bin'))
        if (!Files.exists(rootfs.resolve('busybox'))) Files.copy(Path.of('/bin/busybox'), rootfs.resolve('busybox'))
        def build = ['sh', '-c', 'tar -C "$0" -c . | docker import - "$1"', home.resolve('hello-rootfs').toString(), name].execute()
        def err = new StringBuilder()
        build.waitForProcessOutput(new StringBuilder(), err)
        assert build.exitValue() == 0: err
        name
    }

    /**
     * Stand-ins for the Kubernetes binaries that answer like kubeadm and kubectl do and log what they were asked:
     * the whole kubeadm sequence then runs over real SSH on real node containers, and the log shows it.
     */
    void standInBinaries(String version = K8S) {
        def dir = home.resolve("mirror/release/$version/bin/linux/amd64")
        Files.createDirectories(dir)
        // Each line ends with the version whose binary ran: upgrades switch from one to the next.
        def log = 'echo "$(basename "$0") $* @$(basename "$(dirname "$0")")" >> /var/log/kubik-stand-in.log'
        // A test makes one kubeadm command fail by writing a word of it to this file in the node.
        def fail = 'f=/var/tmp/kubik-stand-in-fail; if [ -s $f ] && echo "$*" | grep -qF -- "$(cat $f)"; then echo "stand-in kubeadm failed: $*" >&2; exit 1; fi'
        def scripts = [
                kubeadm: """#!/bin/sh
$log
$fail
case "\$*" in
  *"token create"*) echo "kubeadm join control-plane.kubik.internal:8443 --token abcdef.0123456789abcdef --discovery-token-ca-cert-hash sha256:${'0' * 64}" ;;
  *"upload-certs"*) echo "[upload-certs] Using certificate key:"; echo "0123456789abcdef" ;;
esac
""",
                // kubectl wait answers 0 when the condition holds, as it would for a Ready node.
                kubectl: "#!/bin/sh\n$log\n",
                kubelet: '#!/bin/sh\nexec sleep infinity\n']
        scripts.each { name, text ->
            Files.write(dir.resolve(name), text.bytes)
            Files.writeString(dir.resolve(name + '.sha256'), java.security.MessageDigest.getInstance('SHA-256').digest(text.bytes).encodeHex().toString())
        }
    }
}
