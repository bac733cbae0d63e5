package dev.kubik.shell

import java.nio.file.Files
import java.nio.file.Path
import spock.lang.IgnoreIf
import spock.lang.Specification

/**
 * The kubeadm bootstrapper on a real node container. No Kubernetes binaries can be had on these machines, so
 * this checks what can be real here: the node files land where they should, and the bootstrap stops early with
 * an error that says what is missing and what to do.
 */
@IgnoreIf(value = { !Kubik.e2e() }, reason = 'no docker daemon here (CI=true or -Dkubik.e2e=true makes this an error)')
class KubeadmE2ESpec extends Specification {
    Kubik kubik = new Kubik()

    def "without binaries kubeadm stops clearly at their step, before init, with the runtime configured and the certificates made"() {
        given:
        def file = kubik.script('kubeadm.kube.groovy', """cluster('e2ekadm') {
    driver 'docker'
    memory '2g'
    options { image '$Kubik.IMAGE' }
    kubernetes {
        bootstrapper 'kubeadm'
        version 'v1.34.0'
        registryMirrors 'docker.io': 'http://127.0.0.1:5000', 'registry.kubik.test:5000': 'https://mirror.kubik.test'
    }
}""")

        when:
        def run = kubik.run('run', file.toString())
        def output = run.out + run.err
        def ssh = { String... command -> kubik.run(['ssh', '-p', 'e2ekadm', '--'] + (command as List)) }

        then: 'the machine and its runtime are up; the binaries\' step fails with a clear message, before init'
        run.exit == 1
        output.contains('Putting the Kubernetes binaries into e2ekadm failed')
        output.contains('kubeadm v1.34.0 not found in the node (/var/lib/kubik/binaries/v1.34.0) and not downloadable')
        output.contains("or use bootstrapper 'none'")
        !output.contains('Initialising the control plane on e2ekadm')
        ssh('sudo', 'ctr', 'version').exit == 0

        and: 'containerd accepted kubik\'s configuration'
        def dump = ssh('sudo', 'containerd', 'config', 'dump').out
        dump.contains('SystemdCgroup = true')
        dump.contains('sandbox_image = "registry.k8s.io/pause:3.10.1"')
        ssh('sudo', 'crictl', 'info').exit == 0 || ssh('sudo', 'ctr', 'plugins', 'ls').out.contains('io.containerd.grpc.v1')

        and: 'the registry mirrors are where containerd\'s CRI plugin reads them, and containerd still answers'
        ssh('sudo', 'cat', '/etc/containerd/certs.d/docker.io/hosts.toml').out.contains('[host."http://127.0.0.1:5000"]')
        ssh('sudo', 'cat', '/etc/containerd/certs.d/registry.kubik.test:5000/hosts.toml').out.contains('server = "https://registry.kubik.test:5000"')
        dump.contains('config_path = "/etc/containerd/certs.d"')
        ssh('sudo', 'ctr', 'version').exit == 0

        and: 'the certificates were made on the host, naming the node'
        def ip = kubik.run('status', 'e2ekadm').out.readLines()[1].split(/\s+/)[4]
        def text = ['openssl', 'x509', '-noout', '-text', '-in', kubik.home.resolve('profiles/e2ekadm/certs/apiserver.crt').toString()].execute().text
        text.contains("IP Address:$ip") && text.contains('DNS:control-plane.kubik.internal')

        when: 'the run is repeated: the state says what exists, so only the failed step is planned again'
        def again = kubik.run('run', file.toString(), '--dry-run')

        then:
        again.out =~ /\+ binaries\s+e2ekadm\s+\(Kubernetes v1.34.0, into the node before kubeadm runs\)/
        again.out.contains('+ control-plane e2ekadm')
        again.out.contains('Plan: 4 to add, 0 to change, 0 to destroy.') // the binaries, the certificates, init, the kubeconfig entry

        cleanup:
        kubik.run('delete', 'e2ekadm')
    }

    def "binaries come from the mirror through the cache into the node; init writes the kubelet unit, sysctls, alias and certificates, and kubeadm runs there"() {
        given: 'a local mirror laid out like dl.k8s.io, with stand-ins for the binaries this machine cannot have'
        def dir = kubik.home.resolve("mirror/release/$Kubik.K8S/bin/linux/amd64")
        Files.createDirectories(dir)
        ['kubeadm', 'kubelet', 'kubectl'].each { name ->
            def bytes = "#!/bin/sh\necho \"stand-in $name \$*\" >&2\nexit 3\n".bytes
            Files.write(dir.resolve(name), bytes)
            Files.writeString(dir.resolve(name + '.sha256'), java.security.MessageDigest.getInstance('SHA-256').digest(bytes).encodeHex().toString())
        }
        def file = kubik.cluster('e2ekbin')

        when:
        def run = kubik.run('run', file.toString())
        def output = run.out + run.err

        then: 'the stand-in kubeadm ran in the node: the download, the checksum and the copy all worked'
        run.exit == 1
        output.contains('kubeadm init failed on e2ekbin (exit 3)')
        output.contains('stand-in kubeadm init --config /var/tmp/kubik/kubeadm.yaml')
        Files.isRegularFile(kubik.home.resolve("cache/linux/amd64/$Kubik.K8S/kubelet"))
        kubik.run('ssh', '-p', 'e2ekbin', '--', 'test', '-x', "/var/lib/kubik/binaries/$Kubik.K8S/kubectl").exit == 0

        and: 'init wrote the node\'s files before kubeadm ran'
        def ssh = { String... command -> kubik.run(['ssh', '-p', 'e2ekbin', '--'] + (command as List)) }
        ssh('sudo', 'test', '-s', '/var/lib/kubik/certs/apiserver.crt').exit == 0 // kubeadm's certificatesDir
        ssh('sudo', 'stat', '-c', '%a', '/var/lib/kubik/certs/ca.key').out.trim() == '600'
        ssh('grep', '-q', "ExecStart=/var/lib/kubik/binaries/$Kubik.K8S/kubelet", '/lib/systemd/system/kubelet.service').exit == 0
        ssh('grep', '-q', 'KUBELET_KUBEADM_ARGS', '/etc/systemd/system/kubelet.service.d/10-kubeadm.conf').exit == 0
        ssh('grep', '-q', 'net.ipv4.ip_forward = 1', '/etc/sysctl.d/99-kubik.conf').exit == 0
        ssh('grep', '-q', 'control-plane.kubik.internal', '/etc/hosts').exit == 0
        ssh('cat', '/proc/sys/net/ipv4/ip_forward').out.trim() == '1'

        cleanup:
        kubik.run('delete', 'e2ekbin')
    }

    def "the kubeadm sequence runs on real nodes: init, CNI, join, addons applied and later deleted, replay converges"() {
        given:
        kubik.standInBinaries()
        def script = { String addons -> kubik.cluster('e2eseq', "nodes 2\naddons $addons") }
        def ssh = { String node, String... command -> kubik.run(['ssh', '-p', 'e2eseq', '-n', node, '--'] + (command as List)) }

        when:
        def run = kubik.run('run', script("'storage-provisioner', 'metrics-server'").toString())
        def primaryLog = ssh('e2eseq', 'cat', '/var/log/kubik-stand-in.log').out
        def workerLog = ssh('m02', 'cat', '/var/log/kubik-stand-in.log').out

        then: 'the control plane ran init, waited for the API server, applied the CNI, then both addons (in parallel)'
        run.exit == 0
        def at = ['kubeadm init --config /var/tmp/kubik/kubeadm.yaml', 'get --raw /readyz', 'apply -f /var/tmp/kubik/cni.yaml']
                .collect { primaryLog.indexOf(it) }
        at.every { it >= 0 } && at == at.sort(false)
        ['storage-provisioner', 'metrics-server'].every { primaryLog.indexOf("apply -f /etc/kubernetes/addons/${it}.yaml") > at.last() }
        primaryLog.contains('kubeadm token create --print-join-command')

        and: 'the worker joined with the printed command, under its own name'
        workerLog.contains('kubeadm join control-plane.kubik.internal:8443 --token abcdef.0123456789abcdef')
        workerLog.contains('--node-name=e2eseq-m02')

        and: 'the manifest in the node is the bundled one, byte for byte'
        ssh('e2eseq', 'sudo', 'cat', '/etc/kubernetes/addons/metrics-server.yaml').out ==
                dev.kubik.addons.AddonCatalog.find('metrics-server').get().manifest()
        kubik.run('addons', 'list', '-p', 'e2eseq').out.readLines().find { it.startsWith('metrics-server') }.contains('enabled')

        when: 'metrics-server leaves the script'
        def file = script("'storage-provisioner'")
        def plan = kubik.run('run', file.toString(), '--dry-run')
        def disable = kubik.run('run', file.toString())

        then:
        plan.out =~ /- addon\s+metrics-server\s+\(no longer in the script\)/
        plan.out.contains('Plan: 0 to add, 0 to change, 1 to destroy.')
        disable.exit == 0
        ssh('e2eseq', 'cat', '/var/log/kubik-stand-in.log').out.contains('delete --ignore-not-found -f /etc/kubernetes/addons/metrics-server.yaml')
        ssh('e2eseq', 'test', '-e', '/etc/kubernetes/addons/metrics-server.yaml').exit == 1
        kubik.run('addons', 'list', '-p', 'e2eseq').out.readLines().find { it.startsWith('metrics-server') }.contains('disabled')

        and: 'a replay does nothing'
        kubik.run('run', file.toString()).out.contains("No changes. Cluster 'e2eseq' matches the script.")

        cleanup:
        kubik.run('delete', 'e2eseq')
    }

    def "registry mirrors really serve pulls: containerd on a node pulls through a mirror the script adds later"() {
        given: 'a one-node cluster (stand-in Kubernetes binaries) and an image only a test registry has'
        kubik.standInBinaries()
        def script = { String mirrors -> kubik.cluster('e2emir', "kubernetes { $mirrors }") }
        assert kubik.run('run', script('').toString()).exit == 0
        def image = kubik.helloImage('kubik-test/mirrored:1')
        def archive = kubik.home.resolve('mirrored.tar')
        Kubik.docker('save', '--output', archive.toString(), image)
        Kubik.docker('rmi', image)
        // The registry listens on the gateway of the cluster network this test created, the only way a node reaches the host.
        def gateway = Kubik.docker('network', 'inspect', 'kubik-e2emir', '--format', '{{(index .IPAM.Config 0).Gateway}}')
        def registry = new TestRegistry(archive, 'kubik-test/mirrored', '1', gateway)
        def file = script("registryMirrors 'docker.io': '${registry.url()}'")

        when: 'the script gains the mirror'
        def plan = kubik.run('run', file.toString(), '--dry-run')
        def run = kubik.run('run', file.toString())
        def pull = kubik.run('ssh', '-p', 'e2emir', '--', 'sudo', 'ctr', '--namespace', 'k8s.io', 'images', 'pull',
                '--hosts-dir', '/etc/containerd/certs.d', 'docker.io/kubik-test/mirrored:1')
        def hello = kubik.run('ssh', '-p', 'e2emir', '--', 'sudo', 'ctr', '--namespace', 'k8s.io', 'run', '--rm',
                'docker.io/kubik-test/mirrored:1', 'mirrored', '/bin/busybox', 'echo', 'pulled through the mirror')

        then: 'only the runtime is reconfigured, and the pull went through the mirror'
        plan.out =~ /~ runtime\s+e2emir\s+\(registry mirrors changed\)/
        plan.out.contains('Plan: 0 to add, 1 to change, 0 to destroy.')
        run.exit == 0
        pull.exit == 0
        registry.requests.contains('GET /v2/kubik-test/mirrored/manifests/1') || registry.requests.contains('HEAD /v2/kubik-test/mirrored/manifests/1')
        registry.requests.count { it.startsWith('GET /v2/kubik-test/mirrored/blobs/') } == 2
        hello.out.trim() == 'pulled through the mirror'

        and: 'a replay does nothing'
        kubik.run('run', file.toString()).out.contains("No changes. Cluster 'e2emir' matches the script.")

        cleanup:
        registry?.close()
        kubik.run('delete', 'e2emir')
    }

    def "a second control plane puts its address into the API server certificate, and the plan says so"() {
        given:
        kubik.standInBinaries()
        def script = { int controlPlanes -> kubik.cluster('e2eha', "nodes 2\ncontrolPlanes $controlPlanes") }
        def certificate = { ['openssl', 'x509', '-noout', '-ext', 'subjectAltName', '-in',
                            kubik.home.resolve('profiles/e2eha/certs/apiserver.crt').toString()].execute().text }
        def ipOf = { String node -> kubik.run('status', 'e2eha').out.readLines().find { it.startsWith(node + ' ') }.split(/\s+/)[4] }

        when:
        def first = kubik.run('run', script(1).toString())
        def before = certificate()
        def plan = kubik.run('run', script(2).toString(), '--dry-run')
        def second = kubik.run('run', script(2).toString())
        def after = certificate()

        then: 'one control plane: only its address; two: both, with the plan line before'
        first.exit == 0
        before.contains("IP Address:${ipOf('e2eha')}")
        !before.contains("IP Address:${ipOf('e2eha-m02')}")
        plan.out =~ /~ certificate\s+e2eha\s+\(API server names change: \+ e2eha-m02\)/
        second.exit == 0
        after.contains("IP Address:${ipOf('e2eha')}") && after.contains("IP Address:${ipOf('e2eha-m02')}")
        kubik.run('ssh', '-p', 'e2eha', '--', 'sudo', 'cat', '/var/lib/kubik/certs/apiserver.crt').out ==
                Files.readString(kubik.home.resolve('profiles/e2eha/certs/apiserver.crt'))

        and: 'the second control plane joined as one'
        kubik.run('ssh', '-p', 'e2eha', '-n', 'm02', '--', 'cat', '/var/log/kubik-stand-in.log').out
                .contains('--control-plane --certificate-key=0123456789abcdef')
        kubik.run('run', script(2).toString()).out.contains("No changes. Cluster 'e2eha' matches the script.")

        cleanup:
        kubik.run('delete', 'e2eha')
    }

    def "an edited version upgrades each node in place, in kubeadm's order; stopped half-way, the next run goes on"() {
        given: 'a two-node cluster at v1.35.7 on kubeadm\'s own port, stand-ins for v1.35.7 and v1.36.3'
        ['v1.35.7', 'v1.36.3'].each { kubik.standInBinaries(it) }
        def script = { String version -> kubik.cluster('e2eup', "nodes 2\napiServerPort 6443\nkubernetes { version '$version' }") }
        def ssh = { String node, String... command -> kubik.run(['ssh', '-p', 'e2eup', '-n', node, '--'] + (command as List)) }
        def versions = { kubik.run('status', 'e2eup').out.readLines().drop(1).collectEntries { def c = it.split(/\s+/); [c[0], c[-1]] } }
        assert kubik.run('run', script('v1.35.7').toString()).exit == 0
        def file = script('v1.36.3')

        expect: 'the API server port is kubeadm\'s bind port, published by docker, and the kubeconfig\'s'
        ssh('e2eup', 'sudo', 'cat', '/var/tmp/kubik/kubeadm.yaml').out.contains('bindPort: 6443')
        ssh('e2eup', 'sudo', 'cat', '/var/tmp/kubik/kubeadm.yaml').out.contains('controlPlaneEndpoint: control-plane.kubik.internal:6443')
        def published = Kubik.docker('port', 'e2eup', '6443/tcp').readLines()[0].tokenize(':').last()
        Files.readString(kubik.home.resolve('kubeconfig')).contains("server: https://127.0.0.1:$published")
        (ssh('e2eup-m02', 'cat', '/var/log/kubik-stand-in.log').out =~ /kubeadm join .*--node-name=e2eup-m02/).find()

        when: 'the script moves to v1.36.3'
        def plan = kubik.run('run', file.toString(), '--dry-run')

        then: 'the binaries first, then the primary (which upgrades the cluster), then the worker'
        versions() == ['e2eup': 'v1.35.7', 'e2eup-m02': 'v1.35.7']
        def lines = plan.out.readLines()
        def at = [/\+ binaries\s+v1.36.3/, /~ kubernetes\s+e2eup\s+\(v1.35.7 → v1.36.3; upgrades the cluster first\)/,
                  /~ kubernetes\s+e2eup-m02\s+\(v1.35.7 → v1.36.3\)/].collect { re -> lines.findIndexOf { it =~ re } }
        at.every { it >= 0 } && at == at.sort(false)
        plan.out.contains('Plan: 1 to add, 2 to change, 0 to destroy.')

        when: "the worker's kubeadm fails half-way"
        ssh('e2eup-m02', "echo 'upgrade node' | sudo tee /var/tmp/kubik-stand-in-fail")
        def failed = kubik.run('run', file.toString())

        then: 'the run stops at the worker; the state says which node runs which version'
        failed.exit == 1
        (failed.out + failed.err).contains('Upgrading Kubernetes on e2eup-m02 failed: kubeadm upgrade node failed on e2eup-m02 (exit 1)')
        versions() == ['e2eup': 'v1.36.3', 'e2eup-m02': 'v1.35.7']
        kubik.run('run', file.toString(), '--dry-run').out =~ /(?s)\+ binaries\s+v1.36.3.*~ kubernetes\s+e2eup-m02.*Plan: 1 to add, 1 to change/

        when: 'the cause is gone and the script runs again'
        ssh('e2eup-m02', 'sudo', 'rm', '/var/tmp/kubik-stand-in-fail')
        def resumed = kubik.run('run', file.toString())
        def primaryLog = ssh('e2eup', 'cat', '/var/log/kubik-stand-in.log').out
        def workerLog = ssh('e2eup-m02', 'cat', '/var/log/kubik-stand-in.log').out

        then: 'the primary uploaded the new configuration and applied the upgrade once, with the new kubeadm'
        resumed.exit == 0
        primaryLog.count('kubeadm upgrade apply v1.36.3 --yes --certificate-renewal=false') == 1
        primaryLog.indexOf('kubeadm init phase upload-config kubeadm --config /var/tmp/kubik/kubeadm.yaml @v1.36.3') <
                primaryLog.indexOf('kubeadm upgrade apply v1.36.3')
        primaryLog.readLines().find { it.startsWith('kubeadm upgrade apply') }.endsWith('@v1.36.3')

        and: 'the worker was drained from the control plane, upgraded, and uncordoned after it was Ready'
        def drained = primaryLog.lastIndexOf('drain e2eup-m02 --ignore-daemonsets')
        drained >= 0 && drained < primaryLog.lastIndexOf('wait --for=condition=Ready node/e2eup-m02')
        primaryLog.lastIndexOf('wait --for=condition=Ready node/e2eup-m02') < primaryLog.lastIndexOf('uncordon e2eup-m02')
        workerLog.readLines().findAll { it.startsWith('kubeadm upgrade node') }.last().endsWith('@v1.36.3')

        and: "each node's kubelet runs the new binary, under systemd"
        ['e2eup', 'e2eup-m02'].every { node ->
            ssh(node, 'systemctl', 'show', '-p', 'ExecStart', 'kubelet').out.contains('/var/lib/kubik/binaries/v1.36.3/kubelet') &&
                    ssh(node, 'systemctl', 'is-active', 'kubelet').out.trim() == 'active'
        }
        versions() == ['e2eup': 'v1.36.3', 'e2eup-m02': 'v1.36.3']

        and: 'a replay does nothing'
        kubik.run('run', file.toString()).out.contains("No changes. Cluster 'e2eup' matches the script.")

        when: 'the script goes back (skipping a minor is refused the same way: UpgradeValidationSpec)'
        def back = kubik.run('run', script('v1.35.7').toString(), '--dry-run')

        then: "refused at the version, with kubeadm's rule; nothing changed"
        back.exit == 2
        back.err.contains("e2eup.kube.groovy:7:") && back.err.contains("runs Kubernetes v1.36.3: Kubernetes v1.36.3 → v1.35.7 goes back: kubeadm upgrades, it never downgrades")
        versions() == ['e2eup': 'v1.36.3', 'e2eup-m02': 'v1.36.3']

        when: "pause, with a system pod's container and a user's one running in the primary's containerd"
        def image = kubik.helloImage('kubik-test/pause:1')
        assert kubik.run('image', 'load', '-p', 'e2eup', image).exit == 0
        def ctr = { String... args -> Kubik.docker(((['exec', 'e2eup', 'ctr', '-n', 'k8s.io'] + (args as List)) as String[])) }
        // Unique names: on a cgroup v1 host the nodes' containerd cgroups (k8s.io/NAME) are the host's own.
        def sys1 = "kbk-sys-${ProcessHandle.current().pid()}", user1 = "kbk-user-${ProcessHandle.current().pid()}"
        ctr('run', '-d', '--label', 'io.kubernetes.pod.namespace=kube-system', 'docker.io/' + image, sys1, '/bin/busybox', 'sleep', '6007')
        ctr('run', '-d', '--label', 'io.kubernetes.pod.namespace=default', 'docker.io/' + image, user1, '/bin/busybox', 'sleep', '6008')
        def task = { String id -> ctr('tasks', 'ls').readLines().find { it.startsWith(id + ' ') }?.split(/\s+/)?.last() }
        def paused = kubik.run('pause', 'e2eup')
        def pausedAgain = kubik.run('pause', '-p', 'e2eup')

        then: "the system pod's container is frozen, the user's runs on, every kubelet is stopped; a second pause changes nothing"
        paused.exit == 0
        paused.out.contains('Paused 1 container on e2eup.') && paused.out.contains('Paused 0 containers on e2eup-m02.')
        task(sys1) == 'PAUSED' && task(user1) == 'RUNNING'
        ['e2eup', 'e2eup-m02'].every { ssh(it, 'systemctl', 'is-active', 'kubelet').out.trim() == 'inactive' }
        pausedAgain.out.contains('Paused 0 containers on e2eup.')
        def statusRow = { Kubik.Result status, String node -> status.out.readLines().find { it.startsWith(node + ' ') } }
        def pausedStatus = kubik.run('status', 'e2eup')
        statusRow(pausedStatus, 'e2eup').endsWith('v1.36.3, paused')
        statusRow(pausedStatus, 'e2eup-m02').endsWith('v1.36.3') // its runtime holds no system pod's container

        when: "the worker's sshd takes connections and never answers (stopped), as a wedged node's does"
        Kubik.docker('exec', 'e2eup-m02', 'pkill', '-STOP', '-x', 'sshd')
        long asked = System.nanoTime()
        def stuck = kubik.run('status', 'e2eup')
        long answeredIn = (System.nanoTime() - asked).intdiv(1_000_000)
        Kubik.docker('exec', 'e2eup-m02', 'pkill', '-CONT', '-x', 'sshd')

        then: "status still answers for every node, after the few seconds it gives a running node's sshd, not a boot's 120 s"
        stuck.exit == 0
        statusRow(stuck, 'e2eup').endsWith('v1.36.3, paused')
        statusRow(stuck, 'e2eup-m02').endsWith('v1.36.3')
        answeredIn < 60_000

        when:
        def unpaused = kubik.run('unpause', 'e2eup')

        then:
        unpaused.exit == 0 && unpaused.out.contains('Unpaused 1 container on e2eup.')
        task(sys1) == 'RUNNING'
        statusRow(kubik.run('status', 'e2eup'), 'e2eup').endsWith('v1.36.3')
        ['e2eup', 'e2eup-m02'].every { ssh(it, 'systemctl', 'is-active', 'kubelet').out.trim() == 'active' }

        when: 'the kubeconfig points elsewhere (as after a restart moved the port) and update-context runs'
        def config = kubik.home.resolve('kubeconfig')
        Files.writeString(config, Files.readString(config).replace("https://127.0.0.1:$published", 'https://127.0.0.1:1'))
        def updated = kubik.run('update-context', 'e2eup')
        def again = kubik.run('update-context', '-p', 'e2eup')

        then: 'it points at the published port again, and says what it was; a second run has nothing to change'
        updated.exit == 0
        updated.out.contains("Context 'e2eup' now points at https://127.0.0.1:$published (was https://127.0.0.1:1).")
        Files.readString(config).contains("server: https://127.0.0.1:$published")
        again.out.contains("Context 'e2eup' already points at https://127.0.0.1:$published.")

        when: 'kubik kubectl runs kubectl'
        def log = Path.of('/var/log/kubik-stand-in.log')
        def before = Files.exists(log) ? Files.readAllLines(log).size() : 0
        def kubectl = kubik.run('kubectl', '-p', 'e2eup', '--', 'get', 'pods', '-A')

        then: "the cluster's own version's, from kubik's cache (the stand-in logs where it ran from), on its context"
        kubectl.exit == 0
        Files.readAllLines(log).drop(before).contains('kubectl --context e2eup get pods -A @v1.36.3')

        when: 'paused again, then deleted'
        assert kubik.run('pause', 'e2eup').out.contains('Paused 1 container on e2eup.')
        def deleted = kubik.run('delete', 'e2eup')
        def frozen = { ['pgrep', '-f', 'busybox sleep 600[78]'].execute().text.trim() }
        def deadline = System.currentTimeMillis() + 30_000
        while (frozen() && System.currentTimeMillis() < deadline) sleep(500)

        then: 'the frozen container was resumed before its machine went: no process of the cluster outlives it'
        deleted.exit == 0
        frozen() == ''

        cleanup:
        kubik.run('delete', 'e2eup')
        ['docker', 'rmi', '-f', 'kubik-test/pause:1'].execute().waitFor()
    }
    /**
     * crictl and etcd's tools as the snapshot code meets them, where no etcd can run: a static pod runs while its
     * manifest is in /etc/kubernetes/manifests (the kubelet's rule), etcdctl copies the data directory's db file,
     * etcdutl lays a snapshot out as a new member directory. Installed ahead of the node's real crictl on root's PATH.
     */
    static final String STAND_IN_CRICTL = '''#!/bin/sh
echo "crictl $*" >> /var/log/kubik-stand-in.log
while [ "$1" = "--runtime-endpoint" ]; do shift 2; done
case "$1" in
  ps) pattern=$(echo "$*" | sed -n 's/.*--name \\([^ ]*\\).*/\\1/p')
      for m in /etc/kubernetes/manifests/*.yaml; do
        [ -e "$m" ] || continue
        c=$(basename "$m" .yaml); echo "$c" | grep -Eq "$pattern" && echo "id-$c"
      done
      exit 0 ;;
  exec) shift 2
      case "$1 $2 $3" in
        "etcdctl "*) for last; do :; done; cp /var/lib/kubik/etcd/member/db "$last" ;;
        "etcdutl snapshot restore") dir=$(echo "$*" | sed -n 's/.*--data-dir \\([^ ]*\\).*/\\1/p')
            mkdir -p "$dir/member" && cp "$4" "$dir/member/db" ;;
        *) exit 1 ;;
      esac ;;
esac
'''

    def "etcd snapshots are saved to the host, listed, checked, restored into the node's etcd data and removed"() {
        given: 'a one-node cluster whose etcd "runs" (its manifest is in place) with data of generation 1'
        kubik.standInBinaries()
        def file = kubik.cluster('e2esnap')
        assert kubik.run('run', file.toString()).exit == 0
        def ssh = { String... command -> kubik.run(['ssh', '-p', 'e2esnap', '--'] + (command as List)) }
        // kubik ssh joins its words for the node's shell, as OpenSSH does: the script travels quoted.
        def sh = { String script -> ssh("sudo sh -c '" + script.replace("'", "'\\''") + "'") }
        sh("cat > /usr/local/bin/crictl <<'EOF'\n${STAND_IN_CRICTL}EOF\nchmod 755 /usr/local/bin/crictl")
        sh('mkdir -p /etc/kubernetes/manifests /var/lib/kubik/etcd/member && for c in etcd kube-apiserver kube-controller-manager kube-scheduler; do echo "kind: Pod" > /etc/kubernetes/manifests/$c.yaml; done')
        sh('echo "generation 1" > /var/lib/kubik/etcd/member/db')

        when:
        def save = kubik.run('etcd', 'snapshot', 'save', 'before-upgrade', '-p', 'e2esnap')
        def db = kubik.home.resolve('profiles/e2esnap/snapshots/before-upgrade.db')
        def sum = java.security.MessageDigest.getInstance('SHA-256').digest(Files.readAllBytes(db)).encodeHex().toString()

        then: "the node's etcd data is on the host, the owner's alone, with its checksum; the node keeps no copy"
        save.exit == 0
        save.out.contains("Saved etcd snapshot before-upgrade of cluster 'e2esnap' (13 bytes, Kubernetes $Kubik.K8S, sha256 $sum)")
        Files.readString(db) == 'generation 1\n'
        java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(db)) == 'rw-------'
        kubik.run('etcd', 'snapshot', 'ls', '-p', 'e2esnap').out.readLines()[1] =~ /^before-upgrade\s+\S+\s+${java.util.regex.Pattern.quote(Kubik.K8S)}\s+13\s+$sum/
        ssh('sudo', 'test', '-e', '/var/lib/kubik/etcd/kubik-snapshot.db').exit == 1
        ssh('cat', '/var/log/kubik-stand-in.log').out.contains('etcdctl --endpoints=https://127.0.0.1:2379 --cacert=/var/lib/kubik/certs/etcd/ca.crt')

        when: 'etcd moves on, then the snapshot is restored from a script'
        sh('echo "generation 2" > /var/lib/kubik/etcd/member/db')
        def restore = kubik.run('run', kubik.script('restore.kube.groovy', "restore('e2esnap', 'before-upgrade')").toString())

        then: "etcd's data is the snapshot's again; the static pods are back; nothing of the swap is left"
        restore.exit == 0
        restore.out.contains("Restored etcd snapshot before-upgrade into cluster 'e2esnap'")
        ssh('sudo', 'cat', '/var/lib/kubik/etcd/member/db').out == 'generation 1\n'
        ssh('ls', '/etc/kubernetes/manifests').out.readLines().sort() == ['etcd.yaml', 'kube-apiserver.yaml', 'kube-controller-manager.yaml', 'kube-scheduler.yaml']
        ssh('sudo', 'ls', '/var/lib/kubik/etcd').out.readLines() == ['member']
        ssh('test', '-e', '/etc/kubernetes/kubik-paused').exit == 1
        def log = ssh('cat', '/var/log/kubik-stand-in.log').out
        log.indexOf('etcdutl snapshot restore') >= 0
        log.indexOf('etcdutl snapshot restore') < log.lastIndexOf('ps -q --name ^(etcd|kube-apiserver)$')

        when: 'the file on the host changes'
        Files.writeString(db, 'generation 3\n')
        def tampered = kubik.run('etcd', 'snapshot', 'restore', 'before-upgrade', '-p', 'e2esnap')

        then: 'refused before the node is touched'
        tampered.exit == 1
        tampered.err.contains('snapshot before-upgrade does not match its recorded sha256')
        ssh('sudo', 'cat', '/var/lib/kubik/etcd/member/db').out == 'generation 1\n'

        when:
        def rm = kubik.run('etcd', 'snapshot', 'rm', 'before-upgrade', '-p', 'e2esnap')

        then:
        rm.exit == 0
        !Files.exists(db)
        kubik.run('etcd', 'snapshot', 'ls', '-p', 'e2esnap').out.readLines().size() == 1

        cleanup:
        kubik.run('delete', 'e2esnap')
    }
}
