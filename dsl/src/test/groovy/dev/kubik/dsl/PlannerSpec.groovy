package dev.kubik.dsl

import dev.kubik.model.ClusterSpec
import dev.kubik.plan.*
import dev.kubik.spi.MachineState
import spock.lang.Specification

import static dev.kubik.dsl.Fixtures.run

class PlannerSpec extends Specification {
    static final DriverTraits DOCKER_NONE = new DriverTraits(['cpus', 'memory'] as Set, [image: 'kubik/node:dev'], false)
    static final DriverTraits DOCKER_KUBEADM = new DriverTraits(['cpus', 'memory'] as Set, [image: 'kubik/node:dev'], true)
    static final DriverTraits QEMU_KUBEADM = new DriverTraits([] as Set, [network: 'user'], true)

    static ClusterSpec spec(String body, String driver = 'docker') {
        run("cluster('dev') { driver '$driver'; $body }").clusters()[0].spec()
    }

    /** The state a successful run of {@code spec} leaves behind. */
    static ClusterState applied(ClusterSpec spec, DriverTraits traits, MachineState state = MachineState.RUNNING) {
        new ClusterState(spec.name(), spec.driver(), spec.kubernetes().runtime(), spec.kubernetes().bootstrapper(),
                spec.kubernetes().version(), true, traits.installsKubernetes(),
                spec.nodes().collect { new MachineRecord(it.name(), it.shortName(), it.role(), it.resources(), traits.effectiveOptions(), state, true,
                        traits.installsKubernetes(), spec.kubernetes().registryMirrors(), null, [:], HostLinks.of(spec, it),
                        traits.installsKubernetes() ? spec.kubernetes().version() : null) },
                spec.addons(), traits.installsKubernetes() ? spec.nodes().findAll { it.role() == dev.kubik.model.Role.CONTROL_PLANE }*.name() : [],
                'a-lineage', 1)
    }

    static List<String> lines(Plan plan) {
        plan.steps().collect { "${it.action().symbol()} ${it.id()}".toString() }
    }

    def "a new machines-only cluster: network, then each machine and its runtime"() {
        when:
        def plan = Planner.plan(spec("nodes 2; kubernetes { bootstrapper 'none' }"), ClusterState.none('dev'), DOCKER_NONE)

        then:
        lines(plan) == ['+ network/dev', '+ machine/dev', '+ runtime/dev', '+ machine/dev-m02', '+ runtime/dev-m02']
        plan.steps().find { it.id() == 'machine/dev-m02' }.dependsOn() == ['network/dev']
        plan.steps().find { it.id() == 'runtime/dev-m02' }.dependsOn() == ['machine/dev-m02']
        plan.summary() == 'Plan: 5 to add, 0 to change, 0 to destroy.'
    }

    def "a new Kubernetes cluster initialises the primary, then joins the others after it"() {
        when:
        def plan = Planner.plan(spec("nodes 2; addons 'metrics-server'"), ClusterState.none('dev'), DOCKER_KUBEADM)

        then:
        lines(plan) == ['+ network/dev', '+ machine/dev', '+ runtime/dev', '+ binaries/dev', '+ certificates/dev', '+ control_plane/dev',
                        '+ kubeconfig/dev', '+ machine/dev-m02', '+ runtime/dev-m02', '+ binaries/dev-m02', '+ join/dev-m02',
                        '+ addon/metrics-server']
        // Every side effect is a step: the binaries copied beside the runtime's setup, the certificates made on the
        // host before init, the kubeconfig entry after it.
        plan.steps().find { it.id() == 'binaries/dev' }.dependsOn() == ['machine/dev']
        plan.steps().find { it.id() == 'binaries/dev' }.after().kubernetesVersion() == plan.steps().find { it.id() == 'control_plane/dev' }.after().kubernetesVersion()
        plan.steps().find { it.id() == 'certificates/dev' }.dependsOn() == ['machine/dev']
        plan.steps().find { it.id() == 'control_plane/dev' }.dependsOn() == ['runtime/dev', 'binaries/dev', 'certificates/dev']
        plan.steps().find { it.id() == 'kubeconfig/dev' }.dependsOn() == ['control_plane/dev']
        plan.steps().find { it.id() == 'join/dev-m02' }.dependsOn() == ['runtime/dev-m02', 'binaries/dev-m02', 'control_plane/dev']
        plan.steps().find { it.id() == 'addon/metrics-server' }.dependsOn() == ['control_plane/dev']
    }

    def "mounts and ports are fixed when a machine is made: changing them replaces the machines they reach"() {
        given:
        def before = spec("nodes 2; mount '/srv/a', to: '/a'; port 8080, to: 80; kubernetes { bootstrapper 'none' }")
        def state = applied(before, DOCKER_NONE)

        expect: 'the same script: nothing'
        Planner.plan(before, state, DOCKER_NONE).isEmpty()

        when: 'a new mount: every node is replaced'
        def mounts = Planner.plan(spec("nodes 2; mount '/srv/b', to: '/a'; port 8080, to: 80; kubernetes { bootstrapper 'none' }"), state, DOCKER_NONE)

        then:
        lines(mounts).findAll { it.contains('machine/') } == ['-/+ machine/dev', '-/+ machine/dev-m02']
        mounts.steps().find { it.id() == 'machine/dev' }.reason() == 'mounts /srv/a:/a → /srv/b:/a: fixed when a machine is made'

        when: 'a new port: only the primary, which the ports reach'
        def ports = Planner.plan(spec("nodes 2; mount '/srv/a', to: '/a'; port 9090, to: 80; kubernetes { bootstrapper 'none' }"), state, DOCKER_NONE)

        then:
        lines(ports).findAll { it.contains('machine/') } == ['-/+ machine/dev']
        ports.steps().find { it.id() == 'machine/dev' }.reason() == 'ports 8080:80 → 9090:80: fixed when a machine is made'

        when: 'state written before kubik recorded them is taken as it is'
        def old = new ClusterState(state.profile(), state.driver(), state.runtime(), state.bootstrapper(), state.kubernetesVersion(),
                true, false, state.machines().collect { it.withLinks(null) }, [], [], null, 0)

        then:
        Planner.plan(spec("nodes 2; kubernetes { bootstrapper 'none' }"), old, DOCKER_NONE).isEmpty()
    }

    def "replaying an applied script plans nothing"() {
        given:
        def desired = spec("nodes 3; addons 'metrics-server'")

        when:
        def plan = Planner.plan(desired, applied(desired, DOCKER_KUBEADM), DOCKER_KUBEADM)

        then:
        plan.isEmpty()
        plan.summary() == "No changes. Cluster 'dev' matches the script."
        PlanRenderer.render(plan, false) == "No changes. Cluster 'dev' matches the script.\n"
    }

    def "nodes 3 to 4 plans one new worker and nothing else"() {
        when:
        def plan = Planner.plan(spec('nodes 4'), applied(spec('nodes 3'), DOCKER_KUBEADM), DOCKER_KUBEADM)

        then:
        lines(plan) == ['+ machine/dev-m04', '+ runtime/dev-m04', '+ binaries/dev-m04', '+ join/dev-m04']
        plan.steps().every { it.target() == 'dev-m04' }
        plan.summary() == 'Plan: 4 to add, 0 to change, 0 to destroy.'
    }

    def "removing a node plans its drain, then its removal"() {
        when:
        def plan = Planner.plan(spec('nodes 2'), applied(spec('nodes 3'), DOCKER_KUBEADM), DOCKER_KUBEADM)

        then:
        lines(plan) == ['- drain/dev-m03', '- reset/dev-m03', '- machine/dev-m03']
        plan.steps()[1].dependsOn() == ['drain/dev-m03']
        plan.steps()[2].dependsOn() == ['reset/dev-m03']
        plan.summary() == 'Plan: 0 to add, 0 to change, 3 to destroy.'
        plan.destroysAnything()
    }

    def "without Kubernetes, a removed node has nothing to drain"() {
        given:
        def before = spec("nodes 3; kubernetes { bootstrapper 'none' }")

        expect:
        lines(Planner.plan(spec("nodes 2; kubernetes { bootstrapper 'none' }"), applied(before, DOCKER_NONE), DOCKER_NONE)) ==
                ['- machine/dev-m03']
    }

    def "a driver that resizes in place changes the machine; one that cannot replaces it"() {
        when:
        def docker = Planner.plan(spec('cpus 4'), applied(spec('cpus 2'), DOCKER_KUBEADM), DOCKER_KUBEADM)
        def qemuBefore = spec("cpus 2; options { network 'user' }", 'qemu')
        def qemu = Planner.plan(spec("cpus 4; options { network 'user' }", 'qemu'), applied(qemuBefore, QEMU_KUBEADM), QEMU_KUBEADM)

        then:
        lines(docker) == ['~ machine/dev']
        docker.steps()[0].reason() == 'cpus 2 → 4'
        docker.summary() == 'Plan: 0 to add, 1 to change, 0 to destroy.'
        // The values the executor applies, and a saved plan shows: the resources before and after.
        docker.steps()[0].before().resources().cpus() == 2
        docker.steps()[0].after().resources().cpus() == 4
        docker.steps()[0].after().role() == null
        PlanJson.read(PlanJson.write(docker)) == docker

        lines(qemu) == ['-/+ machine/dev', '+ runtime/dev', '+ binaries/dev', '+ certificates/dev', '+ control_plane/dev', '+ kubeconfig/dev']
        qemu.steps()[0].reason() == 'cpus 2 → 4: the qemu driver cannot change cpus in place'
        qemu.summary() == 'Plan: 6 to add, 0 to change, 1 to destroy.'
    }

    def "a stopped machine is started, a vanished one created again"() {
        given:
        def desired = spec("nodes 2; kubernetes { bootstrapper 'none' }")
        def state = applied(desired, DOCKER_NONE)
        state = new ClusterState(state.profile(), state.driver(), state.runtime(), state.bootstrapper(), state.kubernetesVersion(),
                true, false, [state.machines()[0].withState(MachineState.STOPPED), state.machines()[1].withState(MachineState.MISSING)], [], [], null, 0)

        when:
        def plan = Planner.plan(desired, state, DOCKER_NONE)

        then:
        lines(plan) == ['~ start/dev', '+ machine/dev-m02', '+ runtime/dev-m02']
        plan.steps()[0].reason() == 'stopped → running'
        plan.steps()[1].reason().endsWith('was removed outside kubik')
    }

    def "a runtime left unready by a failed run is configured again"() {
        given:
        def desired = spec("kubernetes { bootstrapper 'none' }")
        def state = applied(desired, DOCKER_NONE)
        def m = state.machines()[0]
        state = new ClusterState(state.profile(), state.driver(), state.runtime(), state.bootstrapper(), state.kubernetesVersion(),
                true, false, [new MachineRecord(m.name(), m.shortName(), m.role(), m.resources(), m.options(), m.state(), false, false)], [], [], null, 0)

        expect:
        lines(Planner.plan(desired, state, DOCKER_NONE)) == ['+ runtime/dev']
    }

    def "changing the driver or a driver option rebuilds what depends on it"() {
        given:
        def before = spec("nodes 2; kubernetes { bootstrapper 'none' }")

        when:
        def optionChange = Planner.plan(before, applied(before, DOCKER_NONE),
                new DriverTraits(DOCKER_NONE.resizableInPlace(), [image: 'kubik/node:v2'], false))
        def driverChange = Planner.plan(spec("nodes 2; kubernetes { bootstrapper 'none' }; options { network 'user' }", 'qemu'),
                applied(before, DOCKER_NONE), new DriverTraits([] as Set, [network: 'user'], false))

        then:
        lines(optionChange) == ['-/+ machine/dev', '+ runtime/dev', '-/+ machine/dev-m02', '+ runtime/dev-m02']
        optionChange.steps()[0].reason() == 'driver options changed: image kubik/node:dev → kubik/node:v2'
        lines(driverChange)[0] == '-/+ network/dev'
        driverChange.steps()[1].reason() == 'driver docker → qemu'
    }

    def "changed registry mirrors reconfigure each node's runtime and nothing else"() {
        given:
        def before = spec("nodes 2")
        def after = spec("nodes 2; kubernetes { registryMirrors 'docker.io': 'https://mirror.example' }")

        when:
        def plan = Planner.plan(after, applied(before, DOCKER_KUBEADM), DOCKER_KUBEADM)

        then:
        lines(plan) == ['~ runtime/dev', '~ runtime/dev-m02']
        plan.steps().every { it.reason() == 'registry mirrors changed' && it.dependsOn().isEmpty() }
        plan.summary() == 'Plan: 0 to add, 2 to change, 0 to destroy.'
        Planner.plan(after, applied(after, DOCKER_KUBEADM), DOCKER_KUBEADM).steps().isEmpty()
    }

    def "a new HA cluster's first control plane waits for the other control-plane machines, whose addresses its certificate names"() {
        when:
        def plan = Planner.plan(spec("nodes 4; controlPlanes 2"), ClusterState.none('dev'), DOCKER_KUBEADM)

        then:
        plan.steps().find { it.id() == 'control_plane/dev' }.dependsOn() == ['runtime/dev', 'binaries/dev', 'certificates/dev']
        plan.steps().find { it.id() == 'certificates/dev' }.dependsOn() == ['machine/dev', 'machine/dev-m02']
        // A new cluster's certificates are made once, before init, never re-made in the same plan.
        plan.steps().findAll { it.kind() == StepKind.CERTIFICATES }*.action() == [Action.CREATE]
    }

    def "adding or removing a control plane re-makes the API server certificate and says so; a worker does not"() {
        given:
        def before = spec("nodes 2")

        when:
        def more = Planner.plan(spec("nodes 3; controlPlanes 2"), applied(before, DOCKER_KUBEADM), DOCKER_KUBEADM)
        def worker = Planner.plan(spec("nodes 3"), applied(before, DOCKER_KUBEADM), DOCKER_KUBEADM)
        def fewer = Planner.plan(spec("nodes 3"), applied(spec("nodes 3; controlPlanes 2"), DOCKER_KUBEADM), DOCKER_KUBEADM)

        then: 'the new control plane dev-m02 is the former worker, replaced; the certificate follows its new machine'
        def step = more.steps().find { it.kind() == StepKind.CERTIFICATES }
        step.id() == 'certificates/dev'
        step.action() == Action.UPDATE
        step.reason() == 'API server names change: + dev-m02'
        step.dependsOn() == ['machine/dev-m02']
        more.steps().find { it.id() == 'join/dev-m02' }.dependsOn().contains('certificates/dev')
        PlanRenderer.render(more, false) =~ /~ certificate\s+dev\s+\(API server names change: \+ dev-m02\)/
        !worker.steps().any { it.kind() == StepKind.CERTIFICATES }
        fewer.steps().find { it.kind() == StepKind.CERTIFICATES }.reason() == 'API server names change: - dev-m02'
    }

    def "addons are enabled and disabled by difference"() {
        given:
        def before = spec("addons 'metrics-server', 'dashboard'")

        expect:
        lines(Planner.plan(spec("addons 'metrics-server', 'ingress'"), applied(before, DOCKER_KUBEADM), DOCKER_KUBEADM)) ==
                ['+ addon/ingress', '- addon/dashboard']
    }

    def "the text form is Terraform's: symbol, kind, target, reason, summary"() {
        when:
        def text = PlanRenderer.render(Planner.plan(spec('nodes 2'), applied(spec('nodes 3'), DOCKER_KUBEADM), DOCKER_KUBEADM), false)

        then:
        text == """kubik will perform these actions on cluster 'dev' (driver docker):
    - drain         dev-m03  (before its machine is removed)
    - reset         dev-m03  (kubeadm reset on the node, once drained)
    - machine       dev-m03  (no longer in the script)

Plan: 0 to add, 0 to change, 3 to destroy.
"""
    }

    def "plans are values: equal inputs give equal plans, and they round-trip through JSON"() {
        given:
        def desired = spec('nodes 3')
        def plan = Planner.plan(desired, ClusterState.none('dev'), DOCKER_KUBEADM)

        when:
        def json = PlanJson.write(plan)

        then:
        plan == Planner.plan(desired, ClusterState.none('dev'), DOCKER_KUBEADM)
        PlanJson.read(json) == plan
        json.contains('"action":"CREATE"')
    }

    static final DriverTraits SSH_KUBEADM = new DriverTraits([] as Set, [:], true, true, false)

    /** A cluster of existing hosts; the key must exist and be the owner's alone, as the validator checks. */
    static ClusterSpec hosts(String nodes) {
        spec("kubernetes { bootstrapper 'kubeadm' }; $nodes", 'ssh')
    }

    static String key() {
        def key = java.nio.file.Files.createTempFile('kubik-test-key', '')
        java.nio.file.Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString('rw-------'))
        key.toString()
    }

    def "existing hosts are adopted without a network, never resized, moved by replacing and released on removal"() {
        given:
        def k = key()
        def two = hosts("node('cp') { host '10.0.0.5'; user 'ubuntu'; key '$k' }; node('w1') { host '10.0.0.6'; user 'ubuntu'; key '$k' }")
        def before = applied(two, SSH_KUBEADM)
        // Adopted hosts keep their real size, and their driver records where they are.
        before = before.withMachine(before.machine('dev-cp').get().withResources(new dev.kubik.model.Resources(16, 65536, 20480))
                .withDriverState([host: '10.0.0.5:22']))
        before = before.withMachine(before.machine('dev-w1').get().withDriverState([host: '10.0.0.6:22']))

        expect: 'a new cluster: machines only, described as adoptions'
        lines(Planner.plan(two, ClusterState.none('dev'), SSH_KUBEADM)) ==
                ['+ machine/dev-cp', '+ runtime/dev-cp', '+ binaries/dev-cp', '+ certificates/dev', '+ control_plane/dev-cp',
                 '+ kubeconfig/dev', '+ machine/dev-w1', '+ runtime/dev-w1', '+ binaries/dev-w1', '+ join/dev-w1']
        Planner.plan(two, ClusterState.none('dev'), SSH_KUBEADM).steps()[0].reason() == 'control-plane, adopt ubuntu@10.0.0.5:22'

        and: 'a replay plans nothing, though the host has more than the defaults'
        Planner.plan(two, before, SSH_KUBEADM).isEmpty()

        when: 'w1 moves to another host'
        def moved = hosts("node('cp') { host '10.0.0.5'; user 'ubuntu'; key '$k' }; node('w1') { host '10.0.0.7'; user 'ubuntu'; key '$k' }")
        def plan = Planner.plan(moved, before, SSH_KUBEADM)

        then:
        plan.steps().find { it.id() == 'machine/dev-w1' }.action() == Action.REPLACE
        plan.steps().find { it.id() == 'machine/dev-w1' }.reason() == 'host 10.0.0.6:22 → 10.0.0.7:22'

        when: 'w1 leaves the script'
        def removal = Planner.plan(hosts("node('cp') { host '10.0.0.5'; user 'ubuntu'; key '$k' }"), before, SSH_KUBEADM)

        then:
        lines(removal) == ['- drain/dev-w1', '- reset/dev-w1', '- machine/dev-w1']
        removal.steps()[2].reason() == 'no longer in the script; release: reset, host left running'
    }

    def "a new apiServerPort replaces the machines: it is published when a machine is made, and kubeadm binds it at init"() {
        when:
        def plan = Planner.plan(spec('nodes 2; apiServerPort 6443'), applied(spec('nodes 2'), DOCKER_KUBEADM), DOCKER_KUBEADM)

        then:
        lines(plan).take(2) == ['-/+ machine/dev', '+ runtime/dev']
        plan.steps().find { it.id() == 'machine/dev' }.reason() == 'apiServerPort 8443 → 6443: fixed when a machine is made'
        lines(plan).contains('+ control_plane/dev')
    }

    static final DriverTraits DOCKER_UPGRADES = new DriverTraits(['cpus', 'memory'] as Set, [image: 'kubik/node:dev'], true, false, true)

    static ClusterSpec versioned(String version, String body = 'nodes 4; controlPlanes 2') {
        spec("$body; kubernetes { version '$version' }")
    }

    def "a new version upgrades in place: binaries first, then the control planes one at a time, primary first, then the workers"() {
        when:
        def plan = Planner.plan(versioned('v1.36.3'), applied(versioned('v1.35.7'), DOCKER_UPGRADES), DOCKER_UPGRADES)

        then: 'a chain, in kubeadm\'s order'
        lines(plan) == ['+ binaries/v1.36.3', '~ upgrade/dev', '~ upgrade/dev-m02', '~ upgrade/dev-m03', '~ upgrade/dev-m04']
        plan.steps()*.dependsOn() == [[], ['binaries/v1.36.3'], ['upgrade/dev'], ['upgrade/dev-m02'], ['upgrade/dev-m03']]
        plan.steps()[1].reason() == 'v1.35.7 → v1.36.3; upgrades the cluster first'
        plan.steps()[1].before().kubernetesVersion() == 'v1.35.7' && plan.steps()[1].after().kubernetesVersion() == 'v1.36.3'
        PlanJson.write(plan).contains('"before":{"kubernetesVersion":"v1.35.7"},"after":{"kubernetesVersion":"v1.36.3"}')
        plan.steps()[2].reason() == 'v1.35.7 → v1.36.3'
        PlanRenderer.render(plan, false).contains('~ kubernetes    dev-m03  (v1.35.7 → v1.36.3)')
        plan.summary() == 'Plan: 1 to add, 4 to change, 0 to destroy.'
        !plan.destroysAnything()
    }

    def "without an in-place upgrade the bootstrapper's new version rebuilds, and says why"() {
        when:
        def plan = Planner.plan(versioned('v1.36.3', 'nodes 1'), applied(versioned('v1.35.7', 'nodes 1'), DOCKER_KUBEADM), DOCKER_KUBEADM)

        then:
        lines(plan).contains('-/+ machine/dev')
        plan.steps().find { it.id() == 'machine/dev' }.reason() == 'Kubernetes v1.35.7 → v1.36.3: in-place upgrades are not supported yet'
    }

    def "an upgrade stopped half-way continues with the nodes still on the old version"() {
        given: 'the primary and the second control plane moved, the workers did not'
        def before = applied(versioned('v1.35.7'), DOCKER_UPGRADES)
        def state = ['dev', 'dev-m02'].inject(before.madeWith('docker', 'containerd', 'kubeadm', 'v1.36.3')) { s, name ->
            s.withMachine(s.machine(name).get().withKubernetesVersion('v1.36.3'))
        }

        when:
        def plan = Planner.plan(versioned('v1.36.3'), state, DOCKER_UPGRADES)

        then: 'the state kept each worker\'s version when the cluster\'s moved, so they are still planned'
        state.versionOf(state.machine('dev-m04').get()) == 'v1.35.7'
        state.runningVersions() == ['v1.36.3', 'v1.35.7'] || state.runningVersions() == ['v1.35.7', 'v1.36.3']
        lines(plan) == ['+ binaries/v1.36.3', '~ upgrade/dev-m03', '~ upgrade/dev-m04']

        when: 'every node moved'
        def done = ['dev-m03', 'dev-m04'].inject(state) { s, name -> s.withMachine(s.machine(name).get().withKubernetesVersion('v1.36.3')) }

        then:
        Planner.plan(versioned('v1.36.3'), done, DOCKER_UPGRADES).isEmpty()
    }

    def "a node added with the upgrade joins after the control planes moved; a stopped one starts before its binaries"() {
        given:
        def state = applied(versioned('v1.35.7', 'nodes 3'), DOCKER_UPGRADES)
        state = state.withMachine(state.machine('dev-m03').get().withState(MachineState.STOPPED))

        when:
        def plan = Planner.plan(versioned('v1.36.3', 'nodes 4'), state, DOCKER_UPGRADES)

        then:
        lines(plan) == ['~ start/dev-m03', '+ machine/dev-m04', '+ runtime/dev-m04', '+ binaries/dev-m04', '+ join/dev-m04',
                        '+ binaries/v1.36.3', '~ upgrade/dev', '~ upgrade/dev-m02', '~ upgrade/dev-m03']
        plan.steps().find { it.id() == 'binaries/v1.36.3' }.dependsOn() == ['start/dev-m03']
        // The new node gets the new version's binaries: its step names it, not the version.
        plan.steps().find { it.id() == 'binaries/dev-m04' }.after().kubernetesVersion() == 'v1.36.3'
        plan.steps().find { it.id() == 'join/dev-m04' }.dependsOn() == ['runtime/dev-m04', 'binaries/dev-m04', 'upgrade/dev']
    }

    def "a node removed during an upgrade is drained with the new version's kubectl, once the binaries are in"() {
        when:
        def plan = Planner.plan(versioned('v1.36.3', 'nodes 2'), applied(versioned('v1.35.7', 'nodes 3'), DOCKER_UPGRADES), DOCKER_UPGRADES)

        then:
        lines(plan) == ['+ binaries/v1.36.3', '~ upgrade/dev', '~ upgrade/dev-m02', '- drain/dev-m03', '- reset/dev-m03', '- machine/dev-m03']
        plan.steps().find { it.id() == 'drain/dev-m03' }.dependsOn() == ['binaries/v1.36.3']
    }
}
