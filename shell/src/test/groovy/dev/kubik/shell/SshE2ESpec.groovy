package dev.kubik.shell

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions
import spock.lang.IgnoreIf
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

/**
 * The ssh driver on plain Linux hosts this test starts itself (containers from the node image with sshd, on a
 * docker network of the test's, not through kubik's docker driver), each login with its own key: adopting them,
 * containerd (installed by kubik on the host that lacks it), replay, releasing a host, the refusals.
 */
@Stepwise
@IgnoreIf(value = { !Kubik.e2e() }, reason = 'no docker daemon here (CI=true or -Dkubik.e2e=true makes this an error)')
class SshE2ESpec extends Specification {
    static final String NETWORK = 'kubik-ssh-e2e'
    static final String SUBNET = '172.31.78.0/24'
    @Shared Kubik kubik = new Kubik()
    @Shared Map<String, String> ip = [:]
    @Shared Map<String, String> fingerprint = [:]
    @Shared Path aliceKey
    @Shared Path bobKey

    def setupSpec() {
        Kubik.docker('network', 'create', '--subnet', SUBNET, NETWORK)
        ['h1', 'h2'].each { h ->
            Kubik.docker('run', '-d', '--name', "kubik-ssh-e2e-$h", '--hostname', h, '--network', NETWORK,
                    '--tmpfs', '/tmp', '--tmpfs', '/run', '--security-opt', 'seccomp=unconfined', '--security-opt', 'apparmor=unconfined',
                    '--cap-add', 'ALL', '--cap-drop', 'SYS_RESOURCE', '--volume', '/sys/fs/cgroup:/sys/fs/cgroup:rw',
                    '--stop-signal', 'SIGRTMIN+3', Kubik.IMAGE)
            ip[h] = Kubik.docker('inspect', '-f', '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}', "kubik-ssh-e2e-$h").trim()
        }
        aliceKey = key('alice')
        bobKey = key('bob')
        login('h1', 'alice', aliceKey, true)
        login('h2', 'bob', bobKey, true)
        login('h2', 'carol', bobKey, false)
        // h2 has no containerd: adopting it installs Debian's package, and releasing it removes the package again.
        exec('h2', 'systemctl is-system-running --wait >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq containerd >/dev/null')
        ['h1', 'h2'].each { h ->
            fingerprint[h] = exec(h, 'ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub').split(' ')[1]
        }
    }

    def cleanupSpec() {
        ['lab', 'labk', 'wrongkey', 'nokey', 'broken'].each { kubik.run('delete', it) }
        ['h1', 'h2'].each { Kubik.docker('rm', '-f', "kubik-ssh-e2e-$it") }
        Kubik.docker('network', 'rm', NETWORK)
    }

    Path key(String user) {
        def file = kubik.home.resolve("id_$user")
        def keygen = ['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', user, '-f', file.toString()].execute()
        assert keygen.waitFor() == 0
        assert PosixFilePermissions.toString(Files.getPosixFilePermissions(file)) == 'rw-------'
        file
    }

    void login(String host, String user, Path key, boolean sudo) {
        exec(host, "useradd -m -s /bin/bash $user && mkdir -p /home/$user/.ssh && printf '%s\\n' '${Files.readString(Path.of(key.toString() + '.pub')).trim()}' "
                + "> /home/$user/.ssh/authorized_keys && chown -R $user /home/$user/.ssh"
                + (sudo ? " && echo '$user ALL=(ALL) NOPASSWD:ALL' > /etc/sudoers.d/$user" : ''))
    }

    static String exec(String host, String command) {
        def process = ['docker', 'exec', "kubik-ssh-e2e-$host", 'sh', '-c', command].execute()
        def out = new StringBuilder(), err = new StringBuilder()
        process.waitForProcessOutput(out, err)
        assert process.exitValue() == 0: "$command on $host: $err"
        out.toString()
    }

    static boolean succeeds(String host, String command) {
        ['docker', 'exec', "kubik-ssh-e2e-$host", 'sh', '-c', command].execute().waitFor() == 0
    }

    String node(String name, String host, String user, Path key, String hostKey = null, int port = 22) {
        "node('$name') { host '${ip[host]}'; port $port; user '$user'; key '$key'" + (hostKey ? "; hostKey '$hostKey'" : '') + ' }'
    }

    Path lab(List<String> nodes) {
        kubik.script('lab.kube.groovy', (["cluster('lab') {", "    driver 'ssh'"] + nodes.collect { '    ' + it }
                + ["    kubernetes { bootstrapper 'none' }", '}']).join('\n'))
    }

    def "two existing hosts are adopted as a cluster: pinned keys, their own logins, containerd on both"() {
        when:
        def run = kubik.run('run', lab([node('cp', 'h1', 'alice', aliceKey, fingerprint.h1),
                                        node('w1', 'h2', 'bob', bobKey, fingerprint.h2)]).toString())

        then:
        run.exit == 0
        run.out.contains("+ machine       lab-cp  (control-plane, adopt alice@${ip.h1}:22)")
        run.out.contains("+ machine       lab-w1  (worker, adopt bob@${ip.h2}:22)")
        !run.out.contains('network')
        run.out.contains('Installing containerd on lab-w1 with apt-get')
        kubik.run('ssh', '-p', 'lab', '-n', 'cp', '--', 'id', '-un').out.trim() == 'alice'
        kubik.run('ssh', '-p', 'lab', '-n', 'w1', '--', 'id', '-un').out.trim() == 'bob'
        ['cp', 'w1'].every { kubik.run('ssh', '-p', 'lab', '-n', it, '--', 'sudo', 'ctr', 'version').exit == 0 }

        when: 'status shows what each host really has'
        def rows = kubik.run('status', 'lab').out.readLines().drop(1).collect { it.split(/\s+/) }
        def cores = exec('h1', 'nproc').trim()
        def memory = (exec('h1', "awk '/^MemTotal:/ { print \$2 }' /proc/meminfo").trim() as long).intdiv(1024)

        then:
        rows*.getAt(0) == ['lab-cp', 'lab-w1']
        rows.every { it[1] in ['control-plane', 'worker'] && it[2] == 'ssh' && it[3] == 'running' }
        rows[0][4] == ip.h1
        rows[0][6] == cores && rows[0][7] == "$memory".toString()
    }

    def "a replay changes nothing"() {
        when:
        def replay = kubik.run('run', kubik.home.resolve('lab.kube.groovy').toString())

        then:
        replay.exit == 0
        replay.out.contains("No changes. Cluster 'lab' matches the script.")
    }

    def "a host that refuses logins while it boots (systemd's /run/nologin) is waited for, not taken for a wrong key"() {
        given: 'pam_nologin refuses every user but root until the boot removes the file, as systemd-user-sessions does'
        exec('h1', "printf 'System is booting up.\\n' > /run/nologin")
        def booted = Thread.start { sleep 3000; exec('h1', 'rm -f /run/nologin') }

        when:
        long start = System.nanoTime()
        def ssh = kubik.run('ssh', '-p', 'lab', '-n', 'cp', '--', 'id', '-un')
        long waited = (System.nanoTime() - start).intdiv(1_000_000)
        booted.join()

        then:
        ssh.exit == 0
        ssh.out.trim() == 'alice'
        waited >= 2500
    }

    def "removing a node releases its host: kubik's files and the containerd it installed go, the host keeps running"() {
        when:
        def run = kubik.run('run', '--yes', lab([node('cp', 'h1', 'alice', aliceKey, fingerprint.h1)]).toString())

        then:
        run.exit == 0
        run.out.contains('- machine       lab-w1  (no longer in the script; release: reset, host left running)')
        Kubik.docker('inspect', '-f', '{{.State.Running}}', 'kubik-ssh-e2e-h2').trim() == 'true'
        !succeeds('h2', 'test -e /var/lib/kubik')
        !succeeds('h2', 'command -v containerd')
        succeeds('h2', 'systemctl is-system-running')
        kubik.run('status', 'lab').out.readLines().size() == 2
    }

    def "kubeadm on an adopted host: the sequence runs there, and delete resets it and undoes kubik's changes"() {
        given: 'stand-ins for the Kubernetes binaries, which log what they are asked'
        kubik.standInBinaries('v1.34.0')
        def hosts = exec('h2', 'cat /etc/hosts')
        def file = kubik.script('labk.kube.groovy', """cluster('labk') {
    driver 'ssh'
    ${node('cp', 'h2', 'bob', bobKey, fingerprint.h2)}
    kubernetes { version 'v1.34.0' }
}""")

        when:
        def run = kubik.run('run', file.toString())

        then:
        run.exit == 0
        exec('h2', 'cat /var/log/kubik-stand-in.log').contains('kubeadm init --config /var/tmp/kubik/kubeadm.yaml')
        exec('h2', 'cat /etc/containerd/config.toml').contains('SystemdCgroup = true')
        succeeds('h2', 'test -e /etc/systemd/system/kubelet.service.d/10-kubeadm.conf')
        exec('h2', 'cat /etc/hosts').contains('control-plane.kubik.internal')

        when:
        def delete = kubik.run('delete', 'labk')

        then:
        delete.exit == 0
        exec('h2', 'cat /var/log/kubik-stand-in.log').contains('kubeadm reset --force')
        exec('h2', 'cat /etc/hosts') == hosts
        !succeeds('h2', 'test -e /etc/systemd/system/kubelet.service.d/10-kubeadm.conf')
        !succeeds('h2', 'test -e /lib/systemd/system/kubelet.service')
        !succeeds('h2', 'test -e /etc/sysctl.d/99-kubik.conf')
        !succeeds('h2', 'test -e /var/lib/kubik')
        !succeeds('h2', 'command -v containerd')
        !succeeds('h2', 'systemctl is-active kubelet')
    }

    def "a host key that is not the script's is refused, naming the key the host offers"() {
        when:
        def wrong = 'SHA256:' + 'A' * 43
        def run = kubik.run('run', kubik.script('wrongkey.kube.groovy', """cluster('wrongkey') {
    driver 'ssh'
    ${node('cp', 'h2', 'bob', bobKey, wrong)}
    kubernetes { bootstrapper 'none' }
}""").toString())

        then:
        run.exit != 0
        run.out.contains("the SSH host key of wrongkey-cp (${ip.h2}:22) is not the one the script pins ($wrong): it offers ssh-ed25519 ${fingerprint.h2}")
        run.out.contains('refusing to connect')
        !succeeds('h2', 'test -e /var/lib/kubik')
    }

    def "with no fingerprint, a batch run refuses and prints the one to put in the script"() {
        when:
        def run = kubik.run('run', kubik.script('nokey.kube.groovy', """cluster('nokey') {
    driver 'ssh'
    ${node('cp', 'h2', 'bob', bobKey)}
    kubernetes { bootstrapper 'none' }
}""").toString())

        then:
        run.exit != 0
        run.out.contains("nobody is here to confirm the one it offers: ssh-ed25519 ${fingerprint.h2}")
        run.out.contains("hostKey '${fingerprint.h2}'")
    }

    def "at a terminal, kubik shows the host's fingerprint and asks; yes adopts the host"() {
        given:
        def tmux = new Tmux(kubik)

        when:
        tmux.launch('run', kubik.home.resolve('nokey.kube.groovy').toString())
        def question = tmux.waitFor('[y/N]')
        tmux.line('y')
        def screen = tmux.waitFor('Apply complete!', 1, 120)

        then:
        question.contains("The host ${ip.h2}:22 for nokey-cp offers the ssh-ed25519 key ${fingerprint.h2}. Is this the host you mean?")
        kubik.run('ssh', '-p', 'nokey', '--', 'id', '-un').out.trim() == 'bob'
        Files.readString(kubik.home.resolve('profiles/nokey/machines/nokey-cp/host_key.pub')).contains(
                exec('h2', 'cut -d" " -f2 /etc/ssh/ssh_host_ed25519_key.pub').trim())

        cleanup:
        tmux.close()
        kubik.run('delete', 'nokey')
    }

    def "an unreachable host and a login without passwordless sudo are reported by name, with the reason"() {
        when:
        def unreachable = kubik.run('run', kubik.script('broken.kube.groovy', """cluster('broken') {
    driver 'ssh'
    ${node('gone', 'h1', 'alice', aliceKey, fingerprint.h1, 2222)}
    kubernetes { bootstrapper 'none' }
}""").toString())
        def nosudo = kubik.run('run', kubik.script('broken.kube.groovy', """cluster('broken') {
    driver 'ssh'
    ${node('carol', 'h2', 'carol', bobKey, fingerprint.h2)}
    kubernetes { bootstrapper 'none' }
}""").toString())

        then:
        unreachable.exit != 0
        unreachable.out.contains("broken-gone (${ip.h1}:2222) cannot be reached")
        nosudo.exit != 0
        nosudo.out.contains("the login carol on broken-carol (carol@${ip.h2}:22) cannot use sudo without a password")
        nosudo.out.contains("echo 'carol ALL=(ALL) NOPASSWD:ALL'")
    }

    def "stop stops the kubelet and marks the node stopped, the host runs on; start undoes it"() {
        when:
        def stop = kubik.run('stop', '-p', 'lab')
        def stopped = kubik.run('status', 'lab').out.readLines()[1].split(/\s+/)[3]

        then:
        stop.exit == 0
        stopped == 'stopped'
        succeeds('h1', 'test -e /var/lib/kubik/stopped')

        when:
        def start = kubik.run('start', '-p', 'lab')

        then:
        start.exit == 0
        kubik.run('status', 'lab').out.readLines()[1].split(/\s+/)[3] == 'running'
        !succeeds('h1', 'test -e /var/lib/kubik/stopped')
    }

    def "delete releases every host and leaves it running"() {
        given: 'something of kubik on the host for the release to undo'
        kubik.run('stop', '-p', 'lab')

        when:
        def delete = kubik.run('delete', 'lab')

        then:
        delete.exit == 0
        Kubik.docker('inspect', '-f', '{{.State.Running}}', 'kubik-ssh-e2e-h1').trim() == 'true'
        !succeeds('h1', 'test -e /var/lib/kubik')
        succeeds('h1', 'command -v containerd') // it was the host's own: it stays
        kubik.run('status', 'lab').exit != 0
    }
}
