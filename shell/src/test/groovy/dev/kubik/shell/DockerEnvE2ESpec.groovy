package dev.kubik.shell

import java.nio.file.Files
import java.nio.file.Path
import spock.lang.IgnoreIf
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

/**
 * kubik docker-env on a real node container whose runtime is docker (bootstrapper 'none': no cri-dockerd needed),
 * driven by the host's real docker client over TLS to the node's real dockerd.
 */
@Stepwise
@IgnoreIf(value = { !Kubik.e2e() }, reason = 'no docker daemon here (CI=true or -Dkubik.e2e=true makes this an error)')
class DockerEnvE2ESpec extends Specification {
    @Shared Kubik kubik = new Kubik()
    @Shared Map<String, String> env

    def setupSpec() {
        def run = kubik.run('run', kubik.cluster('e2edenv', "kubernetes { bootstrapper 'none'; runtime 'docker' }").toString())
        assert run.exit == 0: run
    }

    def cleanupSpec() {
        kubik.run('delete', 'e2edenv')
    }

    /** The host's docker client with these variables (and no others of docker's). */
    static Kubik.Result docker(Map<String, String> vars, List<String> args, byte[] stdin = null) {
        def builder = new ProcessBuilder(['docker'] + args)
        ['DOCKER_HOST', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH', 'DOCKER_CONTEXT'].each { builder.environment().remove(it) }
        builder.environment().putAll(vars)
        def process = builder.start()
        process.outputStream.withCloseable { if (stdin) it.write(stdin) }
        Kubik.finish(process, 120)
    }

    def "docker-env prints the lines that point docker at the node's dockerd, over TLS with kubik's CA"() {
        when:
        def result = kubik.run('docker-env', '-p', 'e2edenv', '--shell', 'bash')
        env = result.out.readLines().findAll { it.startsWith('export ') }.collectEntries {
            def (name, value) = (it - 'export ').split('=', 2)
            [name, value[1..-2]]
        }
        def ip = kubik.run('ip', '-p', 'e2edenv').out.trim()

        then: "minikube's variables (kubik's own name for the active one), the node's address, the profile's client certificate"
        result.exit == 0
        env == [DOCKER_TLS_VERIFY: '1', DOCKER_HOST: "tcp://$ip:2376".toString(),
                DOCKER_CERT_PATH: kubik.home.resolve('profiles/e2edenv/certs/docker').toString(), KUBIK_ACTIVE_DOCKERD: 'e2edenv']
        result.out.contains('# eval $(kubik -p e2edenv docker-env)')
        result.err.contains('dockerd on e2edenv now serves TLS on its address (restarted once)')
        ['ca.pem', 'cert.pem', 'key.pem'].every { Files.isRegularFile(Path.of(env.DOCKER_CERT_PATH, it)) }
        java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(env.DOCKER_CERT_PATH, 'key.pem'))) == 'rw-------'
    }

    def "the host's docker client then talks to the node's dockerd: it builds nothing on the host and runs containers in the node"() {
        given: 'a busybox image made from the host\'s busybox, imported through the node\'s dockerd'
        def rootfs = Files.createDirectories(kubik.home.resolve('denv-rootfs/bin'))
        Files.copy(Path.of('/bin/busybox'), rootfs.resolve('busybox'))
        def tar = ['tar', '-C', rootfs.parent.toString(), '-c', '.'].execute()
        def archive = tar.inputStream.bytes
        assert tar.waitFor() == 0

        when:
        def info = docker(env, ['info', '--format', '{{.Name}}'])
        def imported = docker(env, ['import', '-', 'kubik-test/denv:1'], archive)
        def ran = docker(env, ['run', '--rm', '--network', 'none', 'kubik-test/denv:1', '/bin/busybox', 'echo', 'hello from the node'])

        then: "dockerd's own name is the node's; the image is the node's, not the host's"
        info.exit == 0 && info.out.trim() == 'e2edenv'
        imported.exit == 0
        ran.exit == 0 && ran.out.trim() == 'hello from the node'
        Kubik.docker('exec', 'e2edenv', 'docker', 'images', '--format', '{{.Repository}}:{{.Tag}}').readLines().contains('kubik-test/denv:1')
        ['docker', 'image', 'inspect', 'kubik-test/denv:1'].execute().waitFor() != 0
    }

    def "image build builds in the node's dockerd: nothing is built on the host or copied"() {
        given: 'a build context on top of the image only the node has'
        def context = Files.createDirectories(kubik.home.resolve('denv-build'))
        Files.writeString(context.resolve('Dockerfile'), 'FROM kubik-test/denv:1\nCOPY greeting.txt /greeting.txt\n')
        Files.writeString(context.resolve('greeting.txt'), 'built in the node\n')

        when:
        def built = kubik.run('image', 'build', '-t', 'kubik-test/denv-built:1', context.toString(), '-p', 'e2edenv')
        def ran = docker(env, ['run', '--rm', '--network', 'none', 'kubik-test/denv-built:1', '/bin/busybox', 'cat', '/greeting.txt'])

        then: "FROM an image the host does not have worked, so the build was the node's"
        built.exit == 0
        built.out.contains('Built kubik-test/denv-built:1 in the dockerd of e2edenv')
        ran.out == 'built in the node\n'
        ['docker', 'image', 'inspect', 'kubik-test/denv-built:1'].execute().waitFor() != 0
    }

    def "without the client certificate dockerd refuses; a second docker-env changes nothing"() {
        when:
        def anonymous = ['curl', '-sS', '--cacert', "$env.DOCKER_CERT_PATH/ca.pem", "https://${env.DOCKER_HOST - 'tcp://'}/version"].execute()
        anonymous.waitForProcessOutput(new StringBuilder(), new StringBuilder())
        def certified = ['curl', '-sS', '--cacert', "$env.DOCKER_CERT_PATH/ca.pem", '--cert', "$env.DOCKER_CERT_PATH/cert.pem",
                         '--key', "$env.DOCKER_CERT_PATH/key.pem", "https://${env.DOCKER_HOST - 'tcp://'}/version"].execute().text
        def again = kubik.run('docker-env', '-p', 'e2edenv', '--shell', 'bash')

        then: "the server's certificate is kubik's CA's for the node's address, and the client's is required"
        anonymous.exitValue() != 0
        certified.contains('"ApiVersion"')
        again.exit == 0 && !again.err.contains('restarted')
        again.out.readLines().findAll { it.startsWith('export ') } == env.collect { k, v -> "export $k='$v'".toString() }
    }

    def "--ssh-host: docker through the node's sshd, trusting only the key kubik pinned (ssh-host --append-known) and kubik's key in a new ssh-agent"() {
        given: "a user whose home is the test's: kubik finds ~/.ssh as OpenSSH does (the account's home, user.home), and the ssh docker runs is told that home's files, no tty"
        def user = Files.createDirectories(kubik.home.resolve('user'))
        def knownHosts = user.resolve('.ssh/known_hosts')
        def bin = Files.createDirectories(kubik.home.resolve('user-bin'))
        Files.writeString(bin.resolve('ssh'), '#!/bin/sh\nexec /usr/bin/ssh -F /dev/null -o BatchMode=yes -o GlobalKnownHostsFile=/dev/null ' +
                "-o UserKnownHostsFile='$knownHosts' \"\$@\"\n")
        bin.resolve('ssh').toFile().setExecutable(true)
        kubik.env.putAll([JAVA_TOOL_OPTIONS: "-Duser.home=$user".toString(), SSH_AUTH_SOCK: ''])
        def path = "$bin:${System.getenv('PATH')}".toString()
        def nodeKey = kubik.run('ssh', '-p', 'e2edenv', '--', 'cat /etc/ssh/ssh_host_ed25519_key.pub').out.trim().split(' ')[0..1].join(' ')

        when: 'docker-env --ssh-host before the key is known'
        def first = kubik.run('docker-env', '--ssh-host', '--ssh-add', '-p', 'e2edenv', '--shell', 'bash')
        def vars = exports(first.out)
        def refused = docker(vars + [PATH: path], ['info', '--format', '{{.Name}}'])

        then: "DOCKER_HOST is the node's sshd as the host reaches it; the agent kubik started is printed; ssh refuses the unknown key"
        first.exit == 0
        vars.DOCKER_HOST ==~ /ssh:\/\/docker@127\.0\.0\.1:\d+/
        vars.KUBIK_ACTIVE_DOCKERD == 'e2edenv'
        vars.SSH_AUTH_SOCK && vars.SSH_AGENT_PID
        first.err.contains('does not hold the host key') && first.err.contains('ssh-host --append-known')
        first.out.contains('# eval $(kubik -p e2edenv docker-env --ssh-host)')
        refused.exit != 0 && refused.err.contains('Host key verification failed')

        when: 'the pinned key is appended to known_hosts'
        def hostLine = kubik.run('ssh-host', '--append-known', '-p', 'e2edenv')
        def again = kubik.run('ssh-host', '--append-known', 'e2edenv')
        def info = docker(vars + [PATH: path], ['info', '--format', '{{.Name}}'])

        then: "the line holds the node's own key at the address docker's ssh uses; added once; docker reaches the node's dockerd"
        hostLine.exit == 0
        hostLine.out.trim() == "[127.0.0.1]:${vars.DOCKER_HOST.split(':')[-1]} $nodeKey".toString()
        hostLine.err.contains("added [127.0.0.1]:${vars.DOCKER_HOST.split(':')[-1]} to $knownHosts")
        again.err.contains('already holds this key')
        Files.readAllLines(knownHosts) == [hostLine.out.trim()]
        info.exit == 0 && info.out.trim() == 'e2edenv'

        when: "the user's own ssh, with kubik ssh-key's key and that known_hosts, checking host keys strictly"
        def key = kubik.run('ssh-key', '-p', 'e2edenv').out.trim()
        def port = vars.DOCKER_HOST.split(':')[-1]
        def plain = new ProcessBuilder('ssh', '-F', '/dev/null', '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=yes',
                '-o', "UserKnownHostsFile=$knownHosts".toString(), '-o', 'IdentitiesOnly=yes', '-i', key, '-p', port,
                'docker@127.0.0.1', 'hostname').start()

        then:
        key == kubik.home.resolve('profiles/e2edenv/id_ed25519').toString()
        Kubik.finish(plain, 60).with { it.exit == 0 && it.out.trim() == 'e2edenv' }

        cleanup:
        kubik.env.remove('JAVA_TOOL_OPTIONS')
        kubik.env.remove('SSH_AUTH_SOCK')
        if (vars?.SSH_AGENT_PID) ['kill', vars.SSH_AGENT_PID].execute().waitFor()
    }

    static Map<String, String> exports(String out) {
        out.readLines().findAll { it.startsWith('export ') }.collectEntries {
            def (name, value) = (it - 'export ').split('=', 2)
            [name, value[1..-2]]
        }
    }

    def "--unset, per shell; a cluster whose runtime is not docker is refused"() {
        given:
        assert kubik.run('run', kubik.cluster('e2edenv2', "kubernetes { bootstrapper 'none' }").toString()).exit == 0

        when:
        def bash = kubik.run('docker-env', '--unset', '--shell', 'bash', '-p', 'e2edenv')
        def fish = kubik.run('docker-env', '-u', '--shell', 'fish', '-p', 'e2edenv')
        def powershell = kubik.run('docker-env', '-u', '--shell', 'powershell', '-p', 'e2edenv')
        def containerd = kubik.run('docker-env', '-p', 'e2edenv2')

        then:
        bash.out == 'unset DOCKER_TLS_VERIFY;\nunset DOCKER_HOST;\nunset DOCKER_CERT_PATH;\nunset KUBIK_ACTIVE_DOCKERD;\n'
        fish.out.readLines() == ['set -e DOCKER_TLS_VERIFY;', 'set -e DOCKER_HOST;', 'set -e DOCKER_CERT_PATH;', 'set -e KUBIK_ACTIVE_DOCKERD;']
        powershell.out.readLines()[1] == 'Remove-Item Env:\\DOCKER_HOST -ErrorAction SilentlyContinue'
        containerd.exit == 1
        containerd.err.contains("cluster 'e2edenv2' runs containerd, which has no docker daemon to point docker at")

        cleanup:
        kubik.run('delete', 'e2edenv2')
    }
}
