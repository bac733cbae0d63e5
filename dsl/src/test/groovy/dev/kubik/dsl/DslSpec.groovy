package dev.kubik.dsl

import dev.kubik.model.Role
import spock.lang.Specification

import static dev.kubik.dsl.Fixtures.problems
import static dev.kubik.dsl.Fixtures.run

class DslSpec extends Specification {

    def "a one-line cluster fills the model with explicit values and defaults"() {
        when:
        def spec = run("cluster { driver 'docker'; cpus 2; memory 4096 }").clusters()[0].spec()

        then:
        spec.name() == 'kubik'
        spec.driver() == 'docker'
        spec.nodes().size() == 1
        with(spec.primary()) {
            name() == 'kubik'
            role() == Role.CONTROL_PLANE
            resources().cpus() == 2
            resources().memoryMiB() == 4096
            resources().diskMiB() == 20480
        }
        spec.kubernetes().version() == 'v1.37.0'
        spec.kubernetes().runtime() == 'containerd'
        spec.kubernetes().bootstrapper() == 'kubeadm'
        spec.kubernetes().podSubnet() == '10.244.0.0/16'
    }

    def "a minor alone means its newest patch kubik knows"() {
        expect:
        run("cluster { kubernetes { version '$written' } }").clusters()[0].spec().kubernetes().version() == meant

        where:
        written   | meant
        'v1.36'   | 'v1.36.3'
        'v1.31'   | 'v1.31.14'
        '1.37'    | 'v1.37.0'
        'v1.35.2' | 'v1.35.2'
    }

    def "the full example of the language binds every keyword"() {
        given: 'a directory with the Kubernetes binaries, as an air-gapped user keeps them'
        def bin = java.nio.file.Files.createTempDirectory('k8s-bin')
        ['kubeadm', 'kubelet', 'kubectl'].each { java.nio.file.Files.writeString(bin.resolve(it), '') }

        when:
        def spec = run('''
cluster('dev') {
    driver 'docker'
    cpus 4
    memory '8g'            // MiB as a number, or '512m' / '8g'
    disk '20g'
    kubernetes {
        version 'v1.34.0'
        runtime 'containerd'
        bootstrapper 'kubeadm'
        podSubnet '10.244.0.0/16'
        serviceSubnet '10.96.0.0/12'
        extraConfig 'kubelet.max-pods': 150, 'apiserver.v': 2
        featureGates 'SidecarContainers': true
        registryMirrors 'docker.io': ['https://mirror.example:5000', 'http://10.0.0.5:5000'], 'quay.io': 'https://q.example'
        binaries 'BIN'
        imageRepository 'registry.example:5000/k8s'
    }
    nodes 3
    node('db') { role 'worker'; memory '2g'; labels tier: 'db' }
    controlPlanes 3
    addons 'storage-provisioner', 'metrics-server'
    mount '/home/me/src', to: '/src'
    port 8080, to: 80
    options { network 'user' }
}'''.replace('BIN', bin.toString())).clusters()[0].spec()

        then:
        spec.name() == 'dev'
        spec.driver() == 'docker'
        spec.nodes()*.name() == ['dev', 'dev-m02', 'dev-m03', 'dev-db']
        spec.nodes()*.role() == [Role.CONTROL_PLANE, Role.CONTROL_PLANE, Role.CONTROL_PLANE, Role.WORKER]
        spec.nodes()[0].resources().memoryMiB() == 8192
        spec.nodes()[0].resources().diskMiB() == 20480
        spec.nodes()[3].resources().memoryMiB() == 2048
        spec.nodes()[3].resources().cpus() == 4
        spec.nodes()[3].labels() == [tier: 'db']
        spec.kubernetes().extraConfig() == [apiserver: [v: '2'], kubelet: ['max-pods': '150']]
        spec.kubernetes().featureGates() == [SidecarContainers: true]
        spec.kubernetes().registryMirrors() == ['docker.io': ['https://mirror.example:5000', 'http://10.0.0.5:5000'], 'quay.io': ['https://q.example']]
        spec.kubernetes().binaries() == bin.toString()
        spec.kubernetes().imageRepository() == 'registry.example:5000/k8s'
        spec.addons() == ['storage-provisioner', 'metrics-server']
        spec.mounts()*.hostPath() == ['/home/me/src']
        spec.mounts()*.guestPath() == ['/src']
        spec.ports()*.hostPort() == [8080]
        spec.ports()*.nodePort() == [80]
        spec.driverOptions() == [network: 'user']
    }

    def "workers follow the control planes; unnamed nodes are m02, m03"() {
        expect:
        run("cluster { nodes 3 }").clusters()[0].spec().nodes().collect { "$it.name:$it.role" as String } ==
                ['kubik:control-plane', 'kubik-m02:worker', 'kubik-m03:worker']
    }

    def "sizes accept MiB numbers and unit strings"() {
        expect:
        run("cluster { memory $text }").clusters()[0].spec().primary().resources().memoryMiB() == mib

        where:
        text        || mib
        '4096'      || 4096
        "'2048m'"   || 2048
        "'8g'"      || 8192
        "'8G'"      || 8192
        "'8GiB'"    || 8192
        "'2.5g'"    || 2560
        "'2097152k'"|| 2048
    }

    def "variables, vars and the script's own functions work inside blocks"() {
        when:
        def spec = run('''
def size() { '3g' }
def n = 2
cluster(vars.name) { nodes n; memory size(); cpus Integer.parseInt(cpus_var) }
''', 'v.kube.groovy', [name: 'lab', cpus_var: '3']).clusters()[0].spec()

        then:
        spec.name() == 'lab'
        spec.nodes().size() == 2
        spec.primary().resources().memoryMiB() == 3072
        spec.primary().resources().cpus() == 3
    }

    def "keepContext is off unless the script says so"() {
        expect:
        !run("cluster { nodes 1 }").clusters()[0].spec().keepContext()
        run("cluster { keepContext true }").clusters()[0].spec().keepContext()
    }

    def "apiServerPort is 8443 unless the script says; a port a node already uses, or none, is refused at its value"() {
        expect:
        run("cluster { nodes 1 }").clusters()[0].spec().kubernetes().apiServerPort() == 8443
        run("cluster { apiServerPort 6443 }").clusters()[0].spec().kubernetes().apiServerPort() == 6443
        problems("cluster {\n    apiServerPort 10250\n}") == ["2:19 apiServerPort 10250 is taken by the kubelet in every node"]
        problems("cluster {\n    apiServerPort 70000\n}") == ["2:19 apiServerPort 70000 is not a port"]
    }

    def "the memory floor is the bootstrapper's: Kubernetes' 1800 MiB, 512 MiB for machines without it"() {
        expect:
        run("cluster { memory '1g'; kubernetes { bootstrapper 'none' } }").clusters()[0].spec().nodes()[0].resources().memoryMiB() == 1024
        problems("cluster {\n    memory '1g'\n}") == ["2:12 memory 1024 MiB is too little"]
        problems("cluster {\n    memory '256m'\n    kubernetes { bootstrapper 'none' }\n}") == ["2:12 memory 256 MiB is too little"]
        Fixtures.problemsWithValid("cluster {\n    memory '256m'\n    kubernetes { bootstrapper 'none' }\n}") ==
                ["at least 512 MiB for bootstrapper 'none', e.g. memory '1g'"]
    }

    def "cluster returns the model, so the REPL can inspect it"() {
        expect:
        run("def c = cluster { nodes 2 }; c.nodes().size()").value() == 2
    }

    def "a keyword's value error points at the value, an unknown keyword at the keyword"() {
        expect:
        problems("cluster {\n    cpus 'two'\n}") == ["2:10 cpus takes a whole number, got 'two'"]
        problems("cluster {\n  memroy '8g'\n}") == ["2:3 unknown keyword 'memroy' in cluster { }; did you mean 'memory'?"]
    }

    def "in a console session top-level defs persist between evaluations; in a script they stay local"() {
        given:
        def console = dev.kubik.dsl.lang.DslSession.forConsole(Fixtures.validator(), 'kubik', [:])
        def batch = new dev.kubik.dsl.lang.DslSession(Fixtures.validator(), 'kubik', [:])

        when:
        console.evaluate(new dev.kubik.dsl.source.ScriptSource('<repl>', 'def n = 3'))
        def c = console.evaluate(new dev.kubik.dsl.source.ScriptSource('<repl>', 'def c = cluster { nodes n }')).value()
        batch.evaluate(new dev.kubik.dsl.source.ScriptSource('a', 'def n = 3'))

        then:
        c.nodes().size() == 3
        console.evaluate(new dev.kubik.dsl.source.ScriptSource('<repl>', 'c.nodes().size()')).value() == 3
        !batch.binding().hasVariable('n')
    }

    def "existing hosts: only named nodes, the first is the control plane, ~ is the home directory"() {
        given:
        def key = java.nio.file.Files.createTempFile(java.nio.file.Path.of(System.getProperty('user.home')), 'kubik-test-key', '')
        java.nio.file.Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString('rw-------'))

        when:
        def spec = Fixtures.run("""cluster('lab') {
    driver 'ssh'
    node('cp') { host '10.0.0.5'; user 'ubuntu'; key '~/${key.fileName}'; hostKey 'SHA256:${'a' * 43}' }
    node('w1') { host 'w1.lab'; port 2222; user 'ubuntu'; key '$key' }
}""").clusters()[0].spec()

        then:
        spec.nodes()*.name() == ['lab-cp', 'lab-w1']
        spec.nodes()*.role()*.keyword() == ['control-plane', 'worker']
        spec.nodes()[0].host() == new dev.kubik.spi.ExistingHost('10.0.0.5', 22, 'ubuntu', key, 'SHA256:' + 'a' * 43)
        spec.nodes()[1].host() == new dev.kubik.spi.ExistingHost('w1.lab', 2222, 'ubuntu', key, null)

        when: 'a key others can read'
        java.nio.file.Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString('rw-r--r--'))
        def problems = Fixtures.problems("cluster('lab') { driver 'ssh'; node('cp') { host '10.0.0.5'; user 'u'; key '$key' } }")

        then:
        problems == ["1:76 key file $key can be read by others (its mode is rw-r--r--)".toString()]

        cleanup:
        java.nio.file.Files.deleteIfExists(key)
    }

    def "a script saved with Windows' line endings reads and reports as one with Unix's"() {
        given:
        def lf = "cluster('win') {\n    driver 'docker'\n    cpus 2\n    memory 'lots'\n}\n"

        expect:
        Fixtures.problems(lf.replace('\n', '\r\n')) == Fixtures.problems(lf)
        Fixtures.problems(lf.replace('\n', '\r\n'))[0].startsWith('4:12 ')
        Fixtures.run(lf.replace("'lots'", "'2g'").replace('\n', '\r\n')).clusters()[0].spec().nodes()[0].resources().memoryMiB() == 2048
    }
}
