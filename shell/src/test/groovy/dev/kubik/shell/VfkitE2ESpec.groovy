package dev.kubik.shell

import spock.lang.IgnoreIf
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

import java.nio.file.Files
import java.nio.file.Path

/**
 * The vfkit driver through the real CLI, against a vfkit stand-in (src/test/resources/standins/vfkit: vfkit's
 * documented flags, its REST API on the unix socket, macOS's lease file, a real VM under qemu) and a vmnet-helper
 * stand-in. The driver cannot tell: the only thing swapped is the host OS (KUBIK_HOST_OS, the SPI's seam). One node
 * on nat (the machine directory as minikube lays it out, the lease, the pinned key, containerd, stop/start, delete),
 * then two nodes on vmnet-shared that reach each other.
 */
@Stepwise
@IgnoreIf(value = { !Kubik.vmE2e() }, reason = 'no node ISO here (scripts/setup.sh --vm builds it; CI=true or -Dkubik.e2e=true makes this an error)')
class VfkitE2ESpec extends Specification {
    static final Path STANDINS = Path.of('src/test/resources/standins/vfkit').toAbsolutePath()
    @Shared Kubik kubik = new Kubik()
    @Shared Path leases
    @Shared Path shared

    def setupSpec() {
        assert Files.isRegularFile(Kubik.nodeIso()): "no node ISO at ${Kubik.nodeIso()}: run scripts/setup.sh --vm"
        leases = kubik.home.resolve('dhcpd_leases')
        shared = Files.createDirectories(kubik.home.resolve("it's shared"))
        Files.writeString(shared.resolve('from-host.txt'), 'written on the host\n')
        kubik.env.putAll([KUBIK_HOST_OS: 'macos', VFKIT_STANDIN_LEASES: leases.toString(),
                          PATH: STANDINS.toString() + ':' + System.getenv('PATH')])
    }

    def cleanupSpec() {
        ['vf1', 'vf2'].each { kubik.run('delete', it) }
        ['kbkvf-nat', 'kbkvf-shared'].each { // the stand-ins' "macOS networks"
            ['ip', 'link', 'del', it].execute().waitFor()
            ['iptables', '-D', 'FORWARD', '-i', it, '-o', it, '-j', 'ACCEPT'].execute().waitFor()
        }
    }

    Path script(String name, int nodes, String network, String extra = '') {
        kubik.script("${name}.kube.groovy", """cluster('$name') {
    driver 'vfkit'
    nodes $nodes$extra
    cpus 2
    memory '1800m'
    disk '4g'
    options { network '$network'; leases '$leases' }
    kubernetes { bootstrapper 'none' }
}""")
    }

    static List<String> vfkitProcesses(String machine) {
        def pgrep = ['pgrep', '-f', "standins/vfkit/vfkit .*machines/$machine/"].execute()
        pgrep.waitFor()
        pgrep.text.readLines()*.trim().findAll { it }
    }

    def "on Linux a script naming vfkit is refused at its line and column"() {
        given:
        def plain = new Kubik()

        when:
        def run = plain.run('run', plain.script('mac.kube.groovy', "cluster('mac') {\n    driver 'vfkit'\n}").toString())

        then:
        run.exit == 2
        run.err.contains("mac.kube.groovy:2:12: error: driver 'vfkit' runs only on macOS; this host runs Linux")
    }

    def "kubik drivers finds vfkit and its version; more nodes than nat can join is a validation error naming the fix"() {
        when:
        def drivers = kubik.run('drivers')
        def nat = kubik.run('run', script('vf2', 2, 'nat').toString())

        then:
        drivers.out.readLines().find { it.startsWith('vfkit ') } =~ /vfkit\s+(\*\s+)?macOS\s+preferred\s+healthy\s+0\.6\.1/
        nat.exit == 2
        nat.err.contains("vfkit's nat network cannot join 2 nodes")
        nat.err.contains('install vmnet-helper')
    }

    def "one node on nat: minikube's machine directory, a DHCP lease, the host key from the serial log, containerd, a shared folder"() {
        when:
        def run = kubik.run('run', script('vf1', 1, 'nat', "\n    mount \"$shared\", to: '/src/it\\'s here'").toString())
        def dir = kubik.home.resolve('machines/vf1')
        def ip = kubik.run('status', 'vf1').out.readLines()[1].split(/\s+/)[4]

        then:
        run.exit == 0
        ['boot2docker.iso', 'bzimage', 'initrd', 'disk.img', 'vfkit.pid', 'vfkit.sock', 'vfkit.log', 'serial.log'].every {
            Files.exists(dir.resolve(it))
        }
        Files.readString(leases).contains("name=vf1\n\tip_address=$ip\n")
        ip.startsWith('192.168.64.')
        kubik.run('ssh', '-p', 'vf1', '--', 'hostname; sudo ctr version >/dev/null && echo containerd').out == 'vf1\ncontainerd\n'
        def pinned = Files.readString(kubik.home.resolve('profiles/vf1/machines/vf1/host_key.pub')).trim()
        Files.readString(dir.resolve('serial.log')).contains(pinned.split(' ')[1])

        and: 'vfkit leads a process group of its own: a Ctrl-C at kubik\'s terminal does not reach it'
        def pid = Files.readString(dir.resolve('vfkit.pid')).trim()
        ['ps', '-o', 'pgid=', '-p', pid].execute().text.trim() == pid

        and: 'the folder is a virtio-fs device on vfkit\'s command line, mounted by its tag in the guest, both ways'
        ['ps', '-o', 'args=', '-p', pid].execute().text.contains("--device virtio-fs,sharedDir=$shared,mountTag=kubik-mount-0")
        kubik.run('ssh', '-p', 'vf1', '--', "findmnt -n -o FSTYPE,SOURCE '/src/it'\\''s here'").out.trim() == 'virtiofs kubik-mount-0'
        kubik.run('ssh', '-p', 'vf1', '--', "cat '/src/it'\\''s here/from-host.txt'").out == 'written on the host\n'
        kubik.run('ssh', '-p', 'vf1', '--', "echo from the node | sudo tee '/src/it'\\''s here/from-node.txt'").exit == 0
        Files.readString(shared.resolve('from-node.txt')) == 'from the node\n'
    }

    def "stop asks vfkit's REST API, start boots it again at the same address"() {
        given:
        def ip = kubik.run('status', 'vf1').out.readLines()[1].split(/\s+/)[4]

        when:
        def stop = kubik.run('stop', '-p', 'vf1')

        then:
        stop.exit == 0
        kubik.run('status', 'vf1').out.readLines()[1].split(/\s+/)[3] == 'stopped'
        vfkitProcesses('vf1').isEmpty()

        when:
        def start = kubik.run('start', '-p', 'vf1')

        then:
        start.exit == 0
        kubik.run('status', 'vf1').out.readLines()[1].split(/\s+/)[4] == ip
        kubik.run('ssh', '-p', 'vf1', '--', 'sudo', 'ctr', 'version').exit == 0
        kubik.run('ssh', '-p', 'vf1', '--', "cat '/src/it'\\''s here/from-node.txt'").out == 'from the node\n'
    }

    def "delete leaves no VM, no process and no machine directory"() {
        when:
        def delete = kubik.run('delete', 'vf1')

        then:
        delete.exit == 0
        !Files.exists(kubik.home.resolve('machines/vf1'))
        vfkitProcesses('vf1').isEmpty()
    }

    def "two nodes on vmnet-shared (auto, with vmnet-helper installed) reach each other"() {
        when:
        def run = kubik.run('run', script('vf2', 2, 'auto').toString())
        def ips = kubik.run('status', 'vf2').out.readLines().drop(1).collect { it.split(/\s+/)[4] }

        then:
        run.exit == 0
        ips.size() == 2 && ips.every { it.startsWith('192.168.105.') }
        Files.exists(kubik.home.resolve('machines/vf2/vmnet-helper.sock'))
        kubik.run('ssh', '-p', 'vf2', '--', 'ping', '-c', '1', '-W', '2', ips[1]).exit == 0
        kubik.run('ssh', '-p', 'vf2', '-n', 'm02', '--', 'ping', '-c', '1', '-W', '2', ips[0]).exit == 0

        when:
        def delete = kubik.run('delete', 'vf2')

        then:
        delete.exit == 0
        vfkitProcesses('vf2').isEmpty()
        ['pgrep', '-f', "standins/vfkit/vmnet-helper .*machines/vf2"].execute().waitFor() != 0
    }
}
