package dev.kubik.engine.fakes;

import dev.kubik.spi.ClusterNetwork;
import dev.kubik.spi.CreatedMachine;
import dev.kubik.spi.Driver;
import dev.kubik.spi.DriverContext;
import dev.kubik.spi.DriverException;
import dev.kubik.spi.DriverStatus;
import dev.kubik.spi.Endpoint;
import dev.kubik.spi.HostOs;
import dev.kubik.spi.MachineConfig;
import dev.kubik.spi.MachineRef;
import dev.kubik.spi.MachineState;
import dev.kubik.spi.Priority;
import dev.kubik.spi.SshAccess;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An in-memory driver (docker-machine's fakedriver, for kubik): machines are entries in {@link FakeWorld}, boot
 * instantly, and carry a driver state ({@code boots}, {@code index}) that must come back on every call.
 */
public final class FakeDriver implements Driver {
    static final String HOST_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeFakeFakeFakeFakeFakeFakeFakeFakeFake";

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public String description() {
        return "in-memory machines for engine tests";
    }

    @Override
    public Set<HostOs> supportedOn() {
        return Set.of(HostOs.values());
    }

    @Override
    public Priority priority() {
        return Priority.FALLBACK;
    }

    @Override
    public DriverStatus status() {
        return DriverStatus.healthy("1");
    }

    @Override
    public Set<String> resizableInPlace() {
        return Set.of("cpus", "memory");
    }

    @Override
    public ClusterNetwork ensureNetwork(String cluster, Map<String, Object> options, DriverContext context) {
        FakeWorld.CALLS.add("network " + cluster);
        return new ClusterNetwork("fake-" + cluster, "10.9.0.0/24", "10.9.0.1");
    }

    @Override
    public void removeNetwork(String cluster, DriverContext context) {
        FakeWorld.CALLS.add("remove-network " + cluster);
    }

    @Override
    public CreatedMachine create(MachineConfig config, DriverContext context) {
        FakeWorld.CALLS.add("create " + config.name());
        FakeWorld.CONFIGS.put(config.name(), config);
        FakeWorld.hold(config.name());
        FakeWorld.hang("create " + config.name());
        if (FakeWorld.FAIL_CREATE.remove(config.name())) {
            throw new DriverException("the fake hypervisor refused " + config.name(), "try again");
        }
        FakeWorld.MACHINES.put(config.name(), new FakeWorld.Machine(config.cluster(), config.index(), MachineState.RUNNING, 1));
        return new CreatedMachine(ip(config.index()), SshAccess.node(new Endpoint("127.0.0.1", 2200 + config.index())),
                List.of(HOST_KEY), state(config.index(), 1));
    }

    private static Map<String, String> state(int index, int boots) {
        return Map.of("index", String.valueOf(index), "boots", String.valueOf(boots));
    }

    private static String ip(int index) {
        return "10.9.0." + (2 + index);
    }

    /** Every call after creation must carry the state create or start returned. */
    private static FakeWorld.Machine known(MachineRef ref) {
        FakeWorld.REFS.add(ref);
        FakeWorld.Machine machine = FakeWorld.MACHINES.get(ref.name());
        if (machine == null) throw new DriverException("no machine " + ref.name(), null);
        if (!ref.require("boots").equals(String.valueOf(machine.boots()))) {
            throw new DriverException(ref.name() + " was handed stale state " + ref.state(), null);
        }
        return machine;
    }

    @Override
    public MachineRef resize(MachineConfig config, MachineRef machine, DriverContext context) {
        FakeWorld.CALLS.add("resize " + machine.name() + " " + config.cpus() + " " + config.memoryMiB());
        known(machine);
        return machine;
    }

    @Override
    public MachineRef start(MachineRef machine, DriverContext context) {
        FakeWorld.CALLS.add("start " + machine.name());
        if (FakeWorld.FAIL_START.contains(machine.name())) throw new DriverException("fake start of " + machine.name() + " failed", null);
        FakeWorld.Machine m = known(machine);
        FakeWorld.Machine started = m.with(MachineState.RUNNING, m.boots() + 1);
        FakeWorld.MACHINES.put(machine.name(), started);
        return new MachineRef(machine.name(), state(m.index(), started.boots()));
    }

    @Override
    public void stop(MachineRef machine, DriverContext context) {
        FakeWorld.CALLS.add("stop " + machine.name());
        FakeWorld.Machine m = known(machine);
        FakeWorld.MACHINES.put(machine.name(), m.with(MachineState.STOPPED, m.boots()));
    }

    @Override
    public void remove(MachineRef machine, DriverContext context) {
        FakeWorld.CALLS.add("remove " + machine.name());
        FakeWorld.MACHINES.remove(machine.name());
    }

    @Override
    public MachineState state(MachineRef machine, DriverContext context) {
        FakeWorld.Machine m = FakeWorld.MACHINES.get(machine.name());
        return m == null ? MachineState.MISSING : m.state();
    }

    @Override
    public String ip(MachineRef machine, DriverContext context) {
        return ip(known(machine).index());
    }

    @Override
    public SshAccess ssh(MachineRef machine, DriverContext context) {
        return SshAccess.node(new Endpoint("127.0.0.1", 2200 + known(machine).index()));
    }

    @Override
    public Endpoint apiServerEndpoint(MachineRef machine, DriverContext context) {
        return new Endpoint("127.0.0.1", 6443);
    }

    @Override
    public List<String> machinesOf(String cluster, DriverContext context) {
        return FakeWorld.MACHINES.entrySet().stream().filter(e -> e.getValue().cluster().equals(cluster))
                .map(Map.Entry::getKey).sorted().toList();
    }
}
