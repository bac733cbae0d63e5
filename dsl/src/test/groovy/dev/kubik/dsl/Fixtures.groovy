package dev.kubik.dsl

import dev.kubik.dsl.lang.DslSession
import dev.kubik.dsl.source.ScriptProblemsException
import dev.kubik.dsl.source.ScriptSource
import dev.kubik.dsl.validate.HostFacts
import dev.kubik.dsl.validate.SpecValidator
import dev.kubik.bootstrapper.kubeadm.KubeadmBootstrapper
import dev.kubik.bootstrapper.none.NoKubernetes
import dev.kubik.spi.*

/**
 * Plugins for validation specs: driver descriptors (only their names, OSes and schemas matter here: the validator
 * is what is under test, not a driver) and the real bootstrappers.
 */
class Fixtures {
    static final HostFacts LINUX_4_CORES = new HostFacts(4, HostOs.LINUX)

    static Driver driver(String name, Set<HostOs> oses, OptionSchema schema = OptionSchema.EMPTY, Set<String> resizable = [] as Set,
                         Set<Capability> capabilities = [Capability.MULTI_NODE] as Set) {
        [name: { name }, aliases: { [] }, description: { name }, supportedOn: { oses }, priority: { Priority.DEFAULT },
         options: { schema }, status: { DriverStatus.healthy('1') }, resizableInPlace: { resizable },
         capabilities: { capabilities }] as Driver
    }

    static final OptionSchema DOCKER_OPTIONS = OptionSchema.of(
            OptionSpec.string('image', 'kubik/node:dev', 'node image'),
            OptionSpec.string('network', null, 'docker network name'),
            OptionSpec.bool('privileged', true, 'run nodes privileged'))

    static final List<Driver> DRIVERS = [
            driver('docker', [HostOs.LINUX, HostOs.MACOS, HostOs.WINDOWS] as Set, DOCKER_OPTIONS, ['cpus', 'memory'] as Set,
                    [Capability.MULTI_NODE, Capability.RESIZE, Capability.MOUNTS, Capability.PORT_FORWARDING] as Set),
            driver('qemu', [HostOs.LINUX, HostOs.MACOS] as Set, OptionSchema.of(OptionSpec.string('network', 'user', 'network mode', 'user', 'socket_vmnet'))),
            driver('vfkit', [HostOs.MACOS] as Set, OptionSchema.EMPTY, [] as Set, [Capability.MULTI_NODE, Capability.MOUNTS] as Set),
            driver('solo', [HostOs.LINUX] as Set, OptionSchema.EMPTY, [] as Set, [] as Set),
            driver('hyperv', [HostOs.WINDOWS] as Set),
            new dev.kubik.driver.ssh.SshDriver()]

    /** The real bootstrappers: versions, runtimes and components are theirs to declare and check. */
    static final List<Bootstrapper> BOOTSTRAPPERS = [new KubeadmBootstrapper(), new NoKubernetes()]

    static SpecValidator validator(HostFacts host = LINUX_4_CORES) {
        new SpecValidator(host, DRIVERS, BOOTSTRAPPERS)
    }

    static DslSession.Result run(String text, String name = 'test.kube.groovy', Map<String, String> vars = [:]) {
        new DslSession(validator(), 'kubik', vars).evaluate(new ScriptSource(name, text))
    }

    /** The problems a script has, as "line:col message", or fails when it has none. */
    /** What each problem says would be valid. */
    static List<String> problemsWithValid(String text) {
        try {
            run(text)
        } catch (ScriptProblemsException e) {
            return e.problems().collect { it.valid() }
        }
        throw new AssertionError('expected problems, got none')
    }

    static List<String> problems(String text) {
        try {
            run(text)
        } catch (ScriptProblemsException e) {
            return e.problems().collect { "${it.at().line()}:${it.at().column()} ${it.message()}".toString() }
        }
        throw new AssertionError('expected problems, got none')
    }
}
