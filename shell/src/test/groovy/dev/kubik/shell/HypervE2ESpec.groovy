package dev.kubik.shell

import spock.lang.IgnoreIf
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

import java.nio.file.Files
import java.nio.file.Path

/**
 * The Hyper-V driver through the real CLI, against a PowerShell stand-in (src/test/resources/standins/hyperv:
 * only the statements and parameters kubik sends, PowerShell's quoting rules, VM records, a real VM under qemu
 * for Start-VM). The only thing swapped is the host OS (KUBIK_HOST_OS, the SPI's seam). The switch the script
 * names is full of quotes, typographic quotes, $(), backticks and a semicolon: the VM only lands on it if every
 * value reached PowerShell as data.
 */
@Stepwise
@IgnoreIf(value = { !Kubik.vmE2e() }, reason = 'no node ISO here (scripts/setup.sh --vm builds it; CI=true or -Dkubik.e2e=true makes this an error)')
class HypervE2ESpec extends Specification {
    static final Path STANDINS = Path.of('src/test/resources/standins/hyperv').toAbsolutePath()
    static final String SWITCH = "Lab ‘sw’ it's; \$(Stop-Computer) `n"
    @Shared Kubik kubik = new Kubik()
    @Shared Path state

    def setupSpec() {
        assert Files.isRegularFile(Kubik.nodeIso()): "no node ISO at ${Kubik.nodeIso()}: run scripts/setup.sh --vm"
        state = kubik.home.resolve('hyperv')
        kubik.env.putAll([KUBIK_HOST_OS: 'windows', HYPERV_STANDIN_DIR: state.toString(),
                          HYPERV_STANDIN_SWITCHES: new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString([[Id: 'a1', Name: SWITCH, SwitchType: 2]]),
                          PATH: STANDINS.toString() + ':' + System.getenv('PATH')])
    }

    def cleanupSpec() {
        kubik.run('delete', 'hv1')
        ['ip', 'link', 'del', 'kbkhv-default'].execute().waitFor() // the stand-in's Default Switch
        ['iptables', '-D', 'FORWARD', '-i', 'kbkhv-default', '-o', 'kbkhv-default', '-j', 'ACCEPT'].execute().waitFor()
    }

    String scripts() {
        Files.readString(state.resolve('scripts.log'))
    }

    def "the kubik under test is this build's, or the installed release's when one is named"() {
        when:
        def version = kubik.run('version')

        then:
        version.exit == 0
        version.out.contains('version: ' + Version.get())
        !Kubik.INSTALLED || version.out.contains('javaHome: ' + Path.of(Kubik.INSTALLED).toRealPath().parent.parent.resolve('runtime'))
    }

    def "on Linux a script naming hyperv is refused at its line and column"() {
        given:
        def plain = new Kubik()

        when:
        def run = plain.run('run', plain.script('win.kube.groovy', "cluster('win') {\n    driver 'hyperv'\n}").toString())

        then:
        run.exit == 2
        run.err.contains("win.kube.groovy:2:12: error: driver 'hyperv' runs only on Windows; this host runs Linux")
    }

    def "one node on the switch the script names: PowerShell got every value as data"() {
        given:
        def file = kubik.script('hv1.kube.groovy', """cluster('hv1') {
    driver 'hyperv'
    cpus 2
    memory '1800m'
    disk '4g'
    options { virtualSwitch '${SWITCH.replace("'", "\\'").replace('$', '\\$')}' }
    kubernetes { bootstrapper 'none' }
}""")

        when:
        def drivers = kubik.run('drivers')
        def run = kubik.run('run', file.toString())
        def dir = kubik.home.resolve('machines/hv1').toString()

        then:
        drivers.out.readLines().find { it.startsWith('hyperv ') } =~ /hyperv\s+Windows\s+preferred\s+healthy\s+Hyper-V/
        run.exit == 0
        scripts().contains("Hyper-V\\New-VM 'hv1' -Path '$dir' -SwitchName 'Lab ‘‘sw’’ it''s; \$(Stop-Computer) `n' -MemoryStartupBytes 1800MB\n")
        scripts().contains("Hyper-V\\New-VHD -Path '$dir/fixed.vhd' -SizeBytes 10MB -Fixed\n")
        scripts().contains("Hyper-V\\Convert-VHD -Path '$dir/fixed.vhd' -DestinationPath '$dir/disk.vhd' -VHDType Dynamic -DeleteSource\n")
        scripts().contains("Hyper-V\\Resize-VHD -Path '$dir/disk.vhd' -SizeBytes 4096MB\n")
        scripts().contains("Hyper-V\\Set-VMMemory -VMName 'hv1' -DynamicMemoryEnabled \$false\n")
        scripts().contains("Hyper-V\\Set-VMProcessor 'hv1' -Count 2\n")
        scripts().contains("Hyper-V\\Set-VMDvdDrive -VMName 'hv1' -Path '$dir/boot2docker.iso'\n")
        scripts().contains("Hyper-V\\Add-VMHardDiskDrive -VMName 'hv1' -Path '$dir/disk.vhd'\n")
        def vm = new com.fasterxml.jackson.databind.ObjectMapper().readValue(state.resolve('vms/hv1.json').toFile(), Map)
        vm.Switch == SWITCH && vm.Cpus == 2 && vm.DynamicMemory == false && vm.Memory == 1800L * 1024 * 1024

        and: 'SSH as docker with the key the magic disk carried, containerd answers'
        kubik.run('ssh', '-p', 'hv1', '--', 'hostname; sudo ctr version >/dev/null && echo containerd').out == 'hv1\ncontainerd\n'
        kubik.run('status', 'hv1').out.readLines()[1].split(/\s+/)[4].startsWith('172.31.240.')
    }

    def "stop shuts the guest down through Stop-VM, start boots it again"() {
        when:
        def stop = kubik.run('stop', '-p', 'hv1')

        then:
        stop.exit == 0
        kubik.run('status', 'hv1').out.readLines()[1].split(/\s+/)[3] == 'stopped'
        scripts().contains("Hyper-V\\Stop-VM 'hv1'\n")

        when:
        def start = kubik.run('start', '-p', 'hv1')

        then:
        start.exit == 0
        kubik.run('ssh', '-p', 'hv1', '--', 'sudo', 'ctr', 'version').exit == 0
    }

    def "delete turns the VM off, removes it and its directory"() {
        when:
        def delete = kubik.run('delete', 'hv1')

        then:
        delete.exit == 0
        scripts().contains("Hyper-V\\Stop-VM 'hv1' -TurnOff\n")
        scripts().contains("Hyper-V\\Remove-VM 'hv1' -Force\n")
        !Files.exists(state.resolve('vms/hv1.json'))
        !Files.exists(kubik.home.resolve('machines/hv1'))
    }

    def "the stand-in refuses what PowerShell would: an unknown cmdlet, an unknown parameter, an unquoted expression"() {
        expect:
        powershell('Hyper-V\\New-VMX x').err.contains("The term 'Hyper-V\\New-VMX' is not recognized as the name of a cmdlet")
        powershell("Hyper-V\\Start-VM 'x' -Now").err.contains("A parameter cannot be found that matches parameter name 'Now'.")
        powershell('Hyper-V\\Start-VM $(Stop-Computer)').err.contains('Unexpected token')
    }

    Map powershell(String script) {
        def process = [STANDINS.resolve('powershell.exe').toString(), '-NoProfile', '-NonInteractive', '-Command', '-'].execute(
                ["HYPERV_STANDIN_DIR=${state}"], null)
        process.outputStream.withCloseable { it.write(script.bytes) }
        def out = new StringBuilder(), err = new StringBuilder()
        process.waitForProcessOutput(out, err)
        [exit: process.exitValue(), out: out.toString(), err: err.toString()]
    }
}
