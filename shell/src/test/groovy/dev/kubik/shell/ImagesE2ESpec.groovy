package dev.kubik.shell

import spock.lang.IgnoreIf
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

/**
 * kubik image load on real node containers: a tiny image built here from busybox goes into containerd on each node
 * and runs there with ctr, by name from the host's docker and from an archive file; a preload made from that
 * node's image store gives a new Kubernetes node the image before kubeadm runs.
 */
@Stepwise
@IgnoreIf(value = { !Kubik.e2e() }, reason = 'no docker daemon here (CI=true or -Dkubik.e2e=true makes this an error)')
class ImagesE2ESpec extends Specification {
    @Shared Kubik kubik = new Kubik()
    static final String IMAGE = 'kubik-test/hello:1'

    def setupSpec() {
        kubik.helloImage(IMAGE)
        def file = kubik.script('img.kube.groovy', """cluster('e2eimg') {
    driver 'docker'
    cpus 1
    memory '2g'
    nodes 2
    options { image '$Kubik.IMAGE' }
    kubernetes { bootstrapper 'none' }
}""")
        def run = kubik.run('run', file.toString())
        assert run.exit == 0: run
    }

    def cleanupSpec() {
        kubik.run('delete', 'e2epre')
        kubik.run('delete', 'e2eimg')
        ['docker', 'rmi', '-f', IMAGE, 'kubik-test/hello:2'].execute().waitFor()
    }

    def ctr(String node, String... args) {
        def profile = node.startsWith('e2epre') ? 'e2epre' : 'e2eimg'
        kubik.run(['ssh', '-p', profile, '-n', node, '--', 'sudo', 'ctr', '--namespace', 'k8s.io'] + (args as List))
    }

    def "an image from the host's docker lands in every node's containerd and runs there"() {
        when:
        def load = kubik.run('image', 'load', IMAGE, '-p', 'e2eimg')

        then:
        load.exit == 0
        load.out.contains("Loaded $IMAGE into e2eimg (")
        load.out.contains("Loaded $IMAGE into e2eimg-m02 (")
        ['e2eimg', 'm02'].every { node -> ctr(node, 'images', 'ls', '-q').out.readLines().contains('docker.io/' + IMAGE) }
        ctr('m02', 'run', '--rm', 'docker.io/' + IMAGE, 'hello-m02', '/bin/busybox', 'echo', 'hello from kubik').out.trim() == 'hello from kubik'
    }

    def "an archive file goes only to the node asked for"() {
        given:
        Kubik.docker('tag', IMAGE, 'kubik-test/hello:2')
        def archive = kubik.home.resolve('hello2.tar')
        Kubik.docker('save', '--output', archive.toString(), 'kubik-test/hello:2')

        when:
        def load = kubik.run('image', 'load', archive.toString(), '-p', 'e2eimg', '-n', 'm02', '-o', 'json')

        then:
        load.exit == 0
        EventSchema.events(load.out)*.type.contains('dev.kubik.info')
        ctr('m02', 'images', 'ls', '-q').out.readLines().contains('docker.io/kubik-test/hello:2')
        !ctr('e2eimg', 'images', 'ls', '-q').out.readLines().contains('docker.io/kubik-test/hello:2')

        and: 'image ls says which node holds what'
        def listed = kubik.run('image', 'ls', '-p', 'e2eimg').out.readLines()
        listed[0] =~ /^IMAGE\s+NODES$/
        listed.any { it =~ /^docker\.io\/kubik-test\/hello:1\s+e2eimg,e2eimg-m02$/ }
        listed.any { it =~ /^docker\.io\/kubik-test\/hello:2\s+e2eimg-m02$/ }
    }

    def "a large stream over SSH arrives intact: the path for drivers without a local channel"() {
        given: 'the engine\'s own SSH access to the node, pinned host key and all'
        def home = new dev.kubik.engine.KubikHome(kubik.home)
        def store = new dev.kubik.engine.ClusterService(home, new TextEvents(System.err, false)).store()
        def driver = dev.kubik.spi.Plugins.driver('docker').get()
        def context = dev.kubik.spi.DriverContext.local(kubik.home, dev.kubik.spi.Reporter.SILENT)
        def machine = store.state('e2eimg').get().machine('e2eimg-m02').get().ref()
        def bytes = new byte[8 * 1024 * 1024]
        new Random(7).nextBytes(bytes)
        def digest = java.security.MessageDigest.getInstance('SHA-256').digest(bytes).encodeHex().toString()

        when:
        def result = new dev.kubik.engine.exec.NodeAccess('e2eimg', store).withCloseable { nodes ->
            nodes.runner('e2eimg-m02', { driver.ssh(machine, context) }).run(['sudo', 'sha256sum'], new ByteArrayInputStream(bytes), java.time.Duration.ofMinutes(1))
        }

        then:
        result.ok()
        result.stdout().split(/\s+/)[0] == digest
    }

    def "what is neither an archive nor a host image is refused, and nothing is loaded"() {
        when:
        def notAFile = kubik.run('image', 'load', '/no/such.tar', '-p', 'e2eimg')
        def notAnImage = kubik.run('image', 'load', 'kubik-test/absent:1', '-p', 'e2eimg')
        def option = kubik.run('image', 'load', '--', '--output=/etc/passwd', '-p', 'e2eimg')
        def garbage = kubik.script('garbage.tar', 'not an archive')
        def bad = kubik.run('image', 'load', garbage.toString(), '-p', 'e2eimg', '-n', 'e2eimg')

        then:
        notAFile.exit == 1
        notAFile.err.contains("'/no/such.tar' is neither a file nor an image name")
        notAnImage.exit == 1
        notAnImage.err.contains('the host\'s docker has no image kubik-test/absent:1')
        option.exit != 0
        bad.exit == 1
        bad.err.contains('loading ' + garbage + ' into e2eimg failed')
    }

    def "kubik cp puts a file into a node and takes one out byte for byte, its paths reaching the node as data"() {
        given:
        byte[] bytes = (0..255).collect { it as byte } as byte[]
        def local = kubik.home.resolve('all bytes.bin')
        java.nio.file.Files.write(local, bytes)
        def odd = '/tmp/kubik cp $(touch /tmp/pwned) `touch /tmp/pwned`; y/all bytes.bin'
        def back = kubik.home.resolve('back.bin')

        when:
        def into = kubik.run('cp', '-p', 'e2eimg', local.toString(), 'm02:' + odd)
        def out = kubik.run('cp', '-p', 'e2eimg', 'm02:' + odd, back.toString())
        def primary = kubik.run('cp', '-p', 'e2eimg', local.toString(), '/home/docker/copy.bin')

        then:
        [into, out, primary].every { it.exit == 0 }
        java.nio.file.Files.readAllBytes(back) == bytes
        Kubik.docker('exec', 'e2eimg-m02', 'stat', '-c', '%a %U', odd) == '644 root'
        Kubik.docker('exec', 'e2eimg-m02', 'sh', '-c', 'test -e /tmp/pwned && echo touched || echo clean') == 'clean'
        Kubik.docker('exec', 'e2eimg', 'sha256sum', '/home/docker/copy.bin').startsWith(
                java.security.MessageDigest.getInstance('SHA-256').digest(bytes).encodeHex().toString())

        when: 'a file that is not there, a relative place in a node, a file the node does not have'
        def missing = kubik.run('cp', '-p', 'e2eimg', kubik.home.resolve('nope').toString(), '/tmp/x')
        def relative = kubik.run('cp', '-p', 'e2eimg', local.toString(), 'tmp/x')
        def absent = kubik.run('cp', '-p', 'e2eimg', 'm02:/nonexistent', kubik.home.resolve('n').toString())

        then:
        missing.exit != 0 && missing.err.contains('no file ' + kubik.home.resolve('nope'))
        relative.exit != 0 && relative.err.contains("'tmp/x' is not a place in a node")
        absent.exit != 0 && absent.err.contains('cannot read /nonexistent in the node: no file /nonexistent')
        !java.nio.file.Files.exists(kubik.home.resolve('n'))
    }

    def "kubik logs prints a node's journal for its runtime, to a file too, and follows it"() {
        when:
        def logs = kubik.run('logs', 'e2eimg')
        def file = kubik.home.resolve('m02.log')
        def m02 = kubik.run('logs', '-p', 'e2eimg', '-n', 'm02', '--file', file.toString(), '--length', '500')

        then:
        logs.exit == 0
        logs.out =~ /containerd\[\d+\]: /
        m02.exit == 0 && m02.out == ''
        java.nio.file.Files.readString(file) =~ /containerd\[\d+\]: /

        when: 'following, while containerd restarts on m02'
        def follow = kubik.start(['logs', '-p', 'e2eimg', '-n', 'm02', '--follow', '--length', '0'])
        def seen = new java.util.concurrent.LinkedBlockingQueue<String>()
        Thread.start { follow.inputStream.eachLine { seen.add(it) } }
        sleep(3000)
        Kubik.docker('exec', 'e2eimg-m02', 'systemctl', 'restart', 'containerd')
        def line = null
        def deadline = System.currentTimeMillis() + 30_000
        while (line == null && System.currentTimeMillis() < deadline) {
            def next = seen.poll(1, java.util.concurrent.TimeUnit.SECONDS)
            if (next != null && next.contains('containerd')) line = next
        }

        then: 'the restart shows up while kubik logs runs'
        line != null
        follow.alive

        cleanup:
        follow?.descendants()?.each { it.destroy() }
        follow?.destroy()
    }

    def "kubik image build builds on the host and loads the image into every node; image rm takes it out"() {
        given:
        def context = java.nio.file.Files.createDirectories(kubik.home.resolve('build context'))
        java.nio.file.Files.writeString(context.resolve('Dockerfile'), "FROM $IMAGE\nCOPY msg /msg\n")
        java.nio.file.Files.writeString(context.resolve('msg'), 'built by kubik image build\n')

        when:
        def build = kubik.run('image', 'build', '-p', 'e2eimg', '-t', 'kubik-test/built:1', context.toString())

        then:
        build.exit == 0
        ['e2eimg', 'e2eimg-m02'].every { ctr(it, 'images', 'ls', '-q').out.readLines().contains('docker.io/kubik-test/built:1') }
        ctr('e2eimg-m02', 'run', '--rm', 'docker.io/kubik-test/built:1', 'built', '/bin/busybox', 'cat', '/msg').out == 'built by kubik image build\n'

        when: 'removed by the name docker gave it'
        def rm = kubik.run('image', 'rm', '-p', 'e2eimg', 'kubik-test/built:1')
        def again = kubik.run('image', 'rm', '-p', 'e2eimg', 'kubik-test/built:1')

        then:
        rm.exit == 0
        rm.out.contains('Removed kubik-test/built:1 from e2eimg, e2eimg-m02.')
        ['e2eimg', 'e2eimg-m02'].every { !ctr(it, 'images', 'ls', '-q').out.contains('kubik-test/built:1') }
        again.exit != 0 && again.err.contains('no node holds image kubik-test/built:1')

        when: 'a directory that is not there'
        def none = kubik.run('image', 'build', '-p', 'e2eimg', '-t', 'x:1', kubik.home.resolve('no such dir').toString())

        then:
        none.exit != 0 && none.err.contains('no directory ' + kubik.home.resolve('no such dir'))

        cleanup:
        ['docker', 'rmi', '-f', 'kubik-test/built:1'].execute().waitFor()
    }

    def "kubectl, update-context and pause are refused on a cluster without Kubernetes, saying so"() {
        when:
        def kubectl = kubik.run('kubectl', '-p', 'e2eimg', '--', 'get', 'pods')
        def update = kubik.run('update-context', 'e2eimg')
        def pause = kubik.run('pause', 'e2eimg')

        then:
        pause.exit != 0 && pause.err.contains("cluster 'e2eimg' runs no Kubernetes to pause")
        kubectl.exit != 0 && kubectl.err.contains("cluster 'e2eimg' runs no Kubernetes")
        update.exit != 0 && update.err.contains("cluster 'e2eimg' runs no Kubernetes API server, so it has no kubeconfig context")
    }

    def "a preload made from a node's image store gives a new Kubernetes node its images before kubeadm runs"() {
        given: "a preload in minikube's format: e2eimg's /var/lib/containerd (it holds the loaded image) as .tar.lz4"
        Kubik.docker('exec', 'e2eimg', 'systemctl', 'stop', 'containerd')
        def tar = kubik.home.resolve('store.tar')
        def save = new ProcessBuilder('docker', 'exec', 'e2eimg', 'tar', '-C', '/var', '-cf', '-', 'lib/containerd')
                .redirectOutput(tar.toFile()).start()
        assert save.waitFor() == 0
        Kubik.docker('exec', 'e2eimg', 'systemctl', 'start', 'containerd')
        def dir = java.nio.file.Files.createDirectories(kubik.home.resolve("mirror/minikube-preloaded-volume-tarballs/v18/$Kubik.K8S"))
        def preload = dir.resolve("preloaded-images-k8s-v18-$Kubik.K8S-containerd-overlay2-amd64.tar.lz4")
        // Compressed with the lz4 tool minikube's preloads are made with; kubik reads them with commons-compress.
        def compress = ['lz4', '-q', '-f', tar.toString(), preload.toString()].execute()
        assert compress.waitFor() == 0: compress.errorStream.text
        java.nio.file.Files.writeString(java.nio.file.Path.of(preload.toString() + '.sha256'),
                java.security.MessageDigest.getInstance('SHA-256').digest(java.nio.file.Files.readAllBytes(preload)).encodeHex().toString())
        kubik.standInBinaries()
        def file = kubik.cluster('e2epre')

        when:
        def run = kubik.run('run', file.toString())

        then: 'the image is in the new node without any pull or load, and runs'
        run.exit == 0
        run.out.contains('Preloaded images into e2epre (')
        ctr('e2epre', 'images', 'ls', '-q').out.readLines().contains('docker.io/' + IMAGE)
        ctr('e2epre', 'run', '--rm', 'docker.io/' + IMAGE, 'preloaded', '/bin/busybox', 'echo', 'preloaded').out.trim() == 'preloaded'
        java.nio.file.Files.isRegularFile(kubik.home.resolve('cache/preloaded-tarball/' + preload.fileName))
    }
}
