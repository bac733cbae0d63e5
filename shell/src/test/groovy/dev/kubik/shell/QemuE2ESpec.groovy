package dev.kubik.shell

import spock.lang.IgnoreIf
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

import java.nio.file.Files
import java.nio.file.Path

/**
 * Two qemu VMs from the node ISO, through the real CLI, under emulation here (TCG): SSH with host keys pinned from
 * the serial console, containerd, the cluster network between the nodes, stop/start keeping /var, a VM killed from
 * outside found stopped and repaired, delete leaving nothing. The VMs are booted once and shared by the steps.
 */
@Stepwise
@IgnoreIf(value = { !Kubik.vmE2e() }, reason = 'no node ISO here (scripts/setup.sh --vm builds it; CI=true or -Dkubik.e2e=true makes this an error)')
class QemuE2ESpec extends Specification {
    @Shared Kubik kubik = new Kubik()
    @Shared String profile = 'e2eqemu'
    @Shared Path script

    def setupSpec() {
        assert Files.isRegularFile(Kubik.nodeIso()): "no node ISO at ${Kubik.nodeIso()}: run scripts/setup.sh --vm"
        script = kubik.script('qemu.kube.groovy', """cluster('$profile') {
    driver 'qemu'
    cpus 2
    memory '1800m'
    disk '4g'
    nodes 2
    kubernetes { bootstrapper 'none' }
}""")
    }

    def cleanupSpec() {
        kubik.run('delete', profile)
    }

    Path machineDir(String name) {
        kubik.home.resolve("machines/$name")
    }

    def "two VMs boot; each answers over SSH with the host key its serial console printed"() {
        when:
        def run = kubik.run('run', script.toString())

        then:
        run.exit == 0
        run.out.contains('Apply complete! Resources: 5 added, 0 changed, 0 destroyed.')
        ['e2eqemu': null, 'e2eqemu-m02': 'm02'].every { name, shortName ->
            def ssh = kubik.run(['ssh', '-p', profile] + (shortName ? ['-n', shortName] : []) + ['--', 'hostname; sudo ctr version >/dev/null && echo containerd'])
            ssh.out == "$name\ncontainerd\n"
        }

        and: 'the pinned key is the one the VM printed on its console, never one taken on first contact'
        ['e2eqemu', 'e2eqemu-m02'].every { name ->
            def pinned = Files.readString(kubik.home.resolve("profiles/$profile/machines/$name/host_key.pub")).trim()
            def serial = Files.readString(machineDir(name).resolve('serial.log')).replace('\r', '')
            pinned.startsWith('ssh-ed25519 ') && serial.contains(pinned.split(' ')[1])
        }
    }

    def "the nodes reach each other on the cluster network, at their fixed addresses"() {
        when:
        def status = kubik.run('status', profile)
        def ips = status.out.readLines().drop(1).collect { it.split(/\s+/)[4] }

        then:
        ips == ['192.168.105.2', '192.168.105.3'] || ips.every { it ==~ /192\.168\.\d+\.[23]/ }
        kubik.run('ssh', '-p', profile, '--', "ping -c 1 -W 5 ${ips[1]}").exit == 0
        kubik.run('ssh', '-p', profile, '-n', 'm02', '--', "ping -c 1 -W 5 ${ips[0]}").exit == 0
    }

    def "stop keeps the disk; start boots from it and /var survives"() {
        given:
        assert kubik.run('ssh', '-p', profile, '--', 'echo kept | sudo tee /var/lib/kubik/marker').exit == 0

        when:
        def stop = kubik.run('stop', '-p', profile)

        then:
        stop.exit == 0
        kubik.run('status', profile).out.readLines().drop(1).every { it.contains('stopped') }
        !Files.exists(machineDir('e2eqemu').resolve('qemu.pid'))

        when:
        def start = kubik.run('start', '-p', profile)

        then:
        start.exit == 0
        kubik.run('ssh', '-p', profile, '--', 'cat /var/lib/kubik/marker').out == 'kept\n'
    }

    def "a VM killed from outside is found stopped, and the next run starts it again"() {
        given:
        long pid = Files.readString(machineDir('e2eqemu-m02').resolve('qemu.pid')).trim() as long
        ['kill', '-9', pid as String].execute().waitFor()
        ProcessHandle.of(pid).ifPresent { it.onExit().get() }

        when:
        def status = kubik.run('status', profile)
        def run = kubik.run('run', script.toString())

        then:
        status.out.readLines().find { it.startsWith('e2eqemu-m02') }.contains('stopped')
        run.exit == 0
        run.out.contains('Starting machine e2eqemu-m02')
        kubik.run('ssh', '-p', profile, '-n', 'm02', '--', 'hostname').out == 'e2eqemu-m02\n'
        kubik.run('run', script.toString()).out.contains("No changes. Cluster '$profile' matches the script.")
    }

    def "fewer CPUs and less memory are applied by restarting the VMs, not replacing them"() {
        given:
        Files.writeString(script, Files.readString(script).replace("cpus 2", "cpus 1").replace("memory '1800m'", "memory '2000m'"))

        when:
        def run = kubik.run('run', script.toString())

        then:
        run.exit == 0
        run.out.contains('Plan: 0 to add, 2 to change, 0 to destroy.')
        kubik.run('ssh', '-p', profile, '--', 'nproc').out == '1\n'
        kubik.run('ssh', '-p', profile, '-n', 'm02', '--', 'cat /var/lib/kubik/marker 2>/dev/null; nproc').out == '1\n'
        kubik.run('ssh', '-p', profile, '--', 'cat /var/lib/kubik/marker').out == 'kept\n'
    }

    def "delete leaves no process, socket or file"() {
        given:
        def pids = ['e2eqemu', 'e2eqemu-m02'].collect { Files.readString(machineDir(it).resolve('qemu.pid')).trim() as long }

        when:
        def delete = kubik.run('delete', profile)

        then:
        delete.exit == 0
        pids.every { !ProcessHandle.of(it).map { it.isAlive() }.orElse(false) }
        !Files.exists(machineDir('e2eqemu'))
        !Files.exists(machineDir('e2eqemu-m02'))
        !Files.exists(kubik.home.resolve("networks/qemu-$profile"))
        !Files.exists(kubik.home.resolve("profiles/$profile"))
    }
}
