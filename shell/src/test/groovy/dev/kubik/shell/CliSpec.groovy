package dev.kubik.shell

import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths

/** The command line without docker: help, version, exit codes, and the malformed corpus end to end. */
class CliSpec extends Specification {
    Kubik kubik = new Kubik()

    static List<Path> malformed() {
        Files.list(Paths.get('../dsl/src/test/resources/malformed')).withCloseable {
            it.filter { it.toString().endsWith('.kube.groovy') }.sorted().toList()
        }
    }

    def "--version and --help answer"() {
        expect:
        kubik.run('--version').out.startsWith('kubik ')
        kubik.run('--help').out.contains('run')
        kubik.run('defaults').out.contains('kubernetes.version')
    }

    def "drivers and bootstrappers declare what they can do; a script asking a driver for more is refused with who can"() {
        when:
        def lines = kubik.run('drivers', '--capabilities').out.readLines()
        def can = lines.drop(lines.findIndexOf { it ==~ /DRIVER\s+CAN/ })
        def refused = kubik.run(['run', '-', '--dry-run'], "cluster('caps') {\n    driver 'qemu'\n    mount '/srv', to: '/srv'\n}")

        then:
        can.find { it.startsWith('docker ') } ==~ /docker\s+multi-node, mounts, ports, resize \(cpus, disk, memory\)/
        can.find { it.startsWith('qemu ') } ==~ /qemu\s+multi-node, resize \(cpus, memory\)/
        can.find { it.startsWith('vfkit ') } ==~ /vfkit\s+multi-node, mounts/
        can.find { it.startsWith('kubeadm ') } ==~ /kubeadm\s+kubernetes, upgrade, etcd-snapshots/
        refused.exit == 2
        refused.err.contains("3:5: error: driver 'qemu' cannot share host folders (mount)")
        refused.err.contains('drivers that can: docker, podman; or remove mount') // vfkit can, but not on Linux
    }

    def "every malformed script exits 2, names file, line and column, and writes nothing"() {
        when:
        def failures = malformed().collect { file ->
            def result = kubik.run('run', file.toString())
            def ok = result.exit == 2 && result.err =~ /${java.util.regex.Pattern.quote(file.toString())}:\d+:\d+: error: / &&
                    result.err.contains('nothing was changed')
            ok ? null : "$file.fileName: $result"
        }.findAll()

        then:
        malformed().size() >= 30
        failures == []
        !Files.exists(kubik.home.resolve('profiles'))
    }

    def "a driver checks how its settings combine with the cluster, at the line and column, before anything is made"() {
        given:
        def script = kubik.home.resolve('user-net.kube.groovy')
        Files.createDirectories(script.parent)
        Files.writeString(script, """cluster('usernet') {
            |    driver 'qemu'
            |    nodes 2
            |    options { network 'user' }
            |}
            |""".stripMargin())

        when:
        def result = kubik.run('run', script.toString(), '--dry-run')

        then:
        result.exit == 2
        result.err.contains("${script}:4:23: error: network 'user' gives each VM a network of its own: the 2 nodes could not reach each other")
        result.err.contains("options { network 'socket' } (the default) for more than one node")
        !Files.exists(kubik.home.resolve('profiles/usernet'))

        and: 'one node on the user network is fine'
        kubik.run(['run', '-', '--dry-run'], "cluster('usernet') { driver 'qemu'; options { network 'user' } }").exit == 0
    }

    def "a plan can be seen without docker: --dry-run of a script that names its driver"() {
        when:
        def result = kubik.run(['run', '-', '--dry-run'], "cluster('dry') { driver 'docker'; nodes 3; kubernetes { bootstrapper 'none' } }")

        then:
        result.exit == 0
        result.out.contains('+ machine       dry-m03')
        result.out.contains('Plan: 7 to add, 0 to change, 0 to destroy.')
        !Files.exists(kubik.home.resolve('profiles/dry/state.json'))
    }

    def "--output json: every line matches the documented schema; the plan is an object; problems are error events"() {
        when:
        def plan = kubik.run(['run', '-', '--dry-run', '--output', 'json'], "cluster('j') { driver 'docker'; nodes 2; kubernetes { bootstrapper 'none' } }")
        def bad = kubik.run(['run', '-', '--output', 'json'], "cluster { cpus 0 }")

        then:
        plan.exit == 0
        def events = EventSchema.events(plan.out)
        def steps = events.find { it.type == 'dev.kubik.plan' }.data.plan.steps
        steps*.id == ['network/j', 'machine/j', 'runtime/j', 'machine/j-m02', 'runtime/j-m02']
        steps[1].action == 'CREATE'

        bad.exit == 2
        EventSchema.events(bad.out).collect { [it.type, it.data.exitcode] } == [['dev.kubik.error', '2']]
    }

    def "a damaged state file is named with the way out, never a stack trace, and is not overwritten; delete clears it"() {
        given:
        def state = kubik.home.resolve('profiles/broken/state.json')
        Files.createDirectories(state.parent)
        Files.writeString(state, '{"profile":"broken","driver":"docker","mach')

        when:
        def status = kubik.run('status', 'broken')
        def run = kubik.run(['run', '-', '--dry-run'], "cluster('broken') { driver 'docker' }")

        then:
        [status, run].every { it.exit == 1 && it.err.contains("kubik: ${state} is damaged") && it.err.contains('fix: kubik delete broken') }
        [status, run].every { !it.err.contains('Exception') && !it.err.contains('\tat ') }
        Files.readString(state) == '{"profile":"broken","driver":"docker","mach'

        when:
        def delete = kubik.run('delete', 'broken')

        then:
        delete.exit == 0
        !Files.exists(state.parent)
    }

    def "a script naming a driver that cannot work here stops before anything, with the driver's own status and fix"() {
        given: 'a docker client pointed at a daemon that is not there'
        kubik.env.DOCKER_HOST = 'unix:///nonexistent/kubik-test-docker.sock'

        when:
        def run = kubik.run(['run', '-'], "cluster('nodocker') { driver 'docker'; kubernetes { bootstrapper 'none' } }")

        then:
        run.exit == 1
        run.err.contains('kubik: the docker driver cannot run here: the docker daemon does not answer')
        run.err.contains('nothing was changed')
        run.err =~ /fix: .*start/
        !run.out.contains('Plan:')
        !Files.exists(kubik.home.resolve('profiles/nodocker/state.json'))
    }

    def "built-in functions run in scripts; in a dry run the ones that change clusters only say so"() {
        when:
        def result = kubik.run(['run', '-', '--dry-run'], "println nodes('none-such'); println kubectl('version --client'); stop('x')")

        then:
        result.exit == 0
        result.out.contains('[]')
        result.out.contains('Client Version')
        result.out.contains("(dry run) would stop cluster 'x'")
        result.out.contains('describes no cluster; nothing to plan.')
    }

    def "render prints each node's files with placeholders for unknown addresses, and creates nothing"() {
        when:
        def all = kubik.run('render', '../examples/dev.kube.groovy')
        def worker = kubik.run('render', '../examples/dev.kube.groovy', '--node', 'm02')

        then:
        all.exit == 0
        all.out.contains('# ==> dev:/var/tmp/kubik/kubeadm.yaml')
        all.out.contains('<ip of dev>')
        all.out.contains('kind: InitConfiguration')
        all.out.contains('# ==> dev-m03:/lib/systemd/system/kubelet.service')
        !worker.out.contains('# ==> dev:')
        worker.out.contains('# ==> dev-m02:/etc/containerd/config.toml')
        !worker.out.contains('kubeadm.yaml')
        all.out.contains('# ==> dev:/etc/kubernetes/addons/storage-provisioner.yaml')
        !worker.out.contains('/etc/kubernetes/addons/')
        !Files.exists(kubik.home.resolve('profiles'))
    }

    def "a missing script and a bad option are usage errors"() {
        expect:
        kubik.run('run', '/no/such.kube.groovy').exit == 1
        kubik.run('run', '--no-such-flag', 'x').exit == 2
    }

    def "a step deadline that is not a duration is named with how to write one"() {
        given:
        def other = new Kubik()
        other.env.put('KUBIK_STEP_TIMEOUT', 'soon')

        when:
        def run = other.run(['run', '-', '--dry-run'], "cluster { driver 'docker'; kubernetes { bootstrapper 'none' } }")

        then:
        run.exit != 0
        run.err.contains("KUBIK_STEP_TIMEOUT: 'soon' is not a duration: write it as 90s, 20m or 1h30m")
        run.err.contains('fix: e.g. KUBIK_STEP_TIMEOUT=45m, or unset it for 20m')
        !run.err.contains('Exception')
    }

    def "every command on one cluster takes it by position or by -p, and refuses two different names"() {
        expect:
        ['stop', 'start', 'status', 'delete'].every { command ->
            def byPosition = kubik.run(command, 'nosuch')
            def byOption = kubik.run(command, '-p', 'nosuch')
            !byPosition.err.contains('Unmatched argument') && [byPosition.exit, byPosition.out, byPosition.err] == [byOption.exit, byOption.out, byOption.err]
        }
        kubik.run('stop', 'nosuch').err.contains("no cluster 'nosuch'")
        kubik.run('start', 'nosuch').err.contains("no cluster 'nosuch'")
        kubik.run('stop', 'one', '-p', 'two').with { exit == 2 && err.contains("two clusters named: 'one' and -p 'two'; name one") }

        and: 'kubik start NAME with minikube\'s flags names the script\'s cluster'
        kubik.run('start', 'flagged', '--driver', 'docker', '--no-kubernetes', '--print-script', '--dry-run').out
                .startsWith("cluster('flagged') {")
    }

    def "kubik start with minikube's flags prints the equivalent script and plans it"() {
        when:
        def result = kubik.run('start', '--driver', 'docker', '--cpus', '1', '--memory', '2g', '--nodes', '2', '-p', 'flags',
                '--no-kubernetes', '--print-script', '--dry-run')

        then:
        result.exit == 0
        result.out.startsWith("""cluster('flags') {
    driver 'docker'
    cpus 1
    memory '2g'
    nodes 2
    kubernetes {
        bootstrapper 'none'
    }
}""")
        result.out.contains('Plan: 5 to add, 0 to change, 0 to destroy.')
    }

    def "kubik start with Kubernetes enables minikube's default addons plus those asked for, and takes its mirror flags"() {
        when:
        def result = kubik.run('start', '--driver', 'docker', '--addons', 'ingress,metrics-server', '--addons', 'storage-provisioner',
                '--registry-mirror', 'https://m1.example,http://10.0.0.5:5000', '--image-repository', 'registry.example/k8s',
                '-p', 'adds', '--print-script', '--dry-run')

        then:
        result.exit == 0
        result.out.startsWith("""cluster('adds') {
    driver 'docker'
    kubernetes {
        registryMirrors 'docker.io': ['https://m1.example', 'http://10.0.0.5:5000']
        imageRepository 'registry.example/k8s'
    }
    addons 'storage-provisioner', 'default-storageclass', 'ingress', 'metrics-server'
}""")
        result.out =~ /\+ addon\s+ingress/
    }

    def "addons list shows every bundled addon; images lists what one runs; an unknown name says what exists"() {
        when:
        def list = kubik.run('addons', 'list')
        def images = kubik.run('addons', 'images', 'dashboard')
        def unknown = kubik.run('addons', 'images', 'ingres')

        then:
        list.exit == 0
        list.out.readLines()[0] =~ /^ADDON\s+PROFILE\s+STATUS\s+MAINTAINER\s+DESCRIPTION$/
        dev.kubik.addons.AddonCatalog.names().every { name -> list.out.readLines().any { it =~ /^$name\s+kubik\s+disabled\s/ } }
        list.out.contains('(no cluster named kubik yet)')
        images.out.readLines() == dev.kubik.addons.AddonCatalog.find('dashboard').get().images()
        unknown.exit == 2
        unknown.err.contains("unknown addon 'ingres'; did you mean 'ingress'?")
    }

    def "a flag value cannot inject code into the script it builds"() {
        when:
        def result = kubik.run('start', '--driver', "docker'; System.exit(7); '", '--print-script', '--dry-run')

        then:
        result.exit == 2
        result.err.contains("unknown driver 'docker'; System.exit(7); ''")
    }

    def "completion for bash is generated from the commands"() {
        when:
        def result = kubik.run('completion', 'bash')

        then:
        result.exit == 0
        result.out.contains('complete -F _complete_kubik -o default kubik')
        result.out.contains('delete')
    }
}
