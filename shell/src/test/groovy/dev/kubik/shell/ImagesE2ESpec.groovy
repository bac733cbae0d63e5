package dev.kubik.shell

import spock.lang.IgnoreIf
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

/**
 * kubik image load on real node containers: a tiny image built here from busybox goes into containerd on each node
 * and runs there with ctr, by name from the host's docker and from an archive file.
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
        kubik.run('delete', 'e2eimg')
        ['docker', 'rmi', '-f', IMAGE, 'kubik-test/hello:2'].execute().waitFor()
    }

    def ctr(String node, String... args) {
        kubik.run(['ssh', '-p', 'e2eimg', '-n', node, '--', 'sudo', 'ctr', '--namespace', 'k8s.io'] + (args as List))
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
        load.out.contains('"type":"dev.kubik.info"')
        ctr('m02', 'images', 'ls', '-q').out.readLines().contains('docker.io/kubik-test/hello:2')
        !ctr('e2eimg', 'images', 'ls', '-q').out.readLines().contains('docker.io/kubik-test/hello:2')
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
}
