package dev.kubik.spi;

import java.util.List;
import java.util.Set;

/**
 * What a driver is, apart from what it does (as minikube's registry keeps DriverDef apart from the driver): its
 * names, the hosts it runs on, its rank, its options and its health. Validation, completion and driver selection
 * need only this; an out-of-process driver can answer it without starting machines.
 */
public interface DriverDescriptor {
    /**
     * The version of this SPI, for drivers that live outside kubik's process to state which one they speak. 2: a
     * {@link DriverContext} with every call, {@link CreatedMachine} from create, state handed back in {@link MachineRef}.
     */
    int SPI_VERSION = 2;

    /** The name scripts use in {@code driver '...'}. */
    String name();

    default List<String> aliases() {
        return List.of();
    }

    /** One line for {@code kubik drivers}. */
    String description();

    /** The host operating systems this driver can run on. */
    Set<HostOs> supportedOn();

    Priority priority();

    /** The options scripts may set in {@code options { }}. */
    default OptionSchema options() {
        return OptionSchema.EMPTY;
    }

    /** Checks the tool the driver needs; must answer within a few seconds and never throw. */
    DriverStatus status();

    /**
     * What is wrong with these settings together, before anything is made: each problem names the setting
     * ({@code options.network}, or {@code nodes}) so the language can point at it.
     *
     * @param options the script's options with the schema's defaults, each already valid on its own
     * @param nodes   how many machines the cluster has
     */
    default List<SettingProblem> validate(java.util.Map<String, Object> options, int nodes) {
        return List.of();
    }

    /**
     * Whether this driver adopts machines that exist already ({@link ExistingHost}) instead of making them: every
     * node then names its host, the host's own size stands, and removing a node releases the host (undoes what kubik
     * installed) instead of destroying it.
     */
    default boolean adoptsExistingHosts() {
        return false;
    }

    /** Machine settings ({@code cpus}, {@code memory}, {@code disk}) this driver can change without recreating. */
    default Set<String> resizableInPlace() {
        return Set.of();
    }

    /**
     * What the driver can do: by default {@link Capability#MULTI_NODE}, and {@link Capability#RESIZE} when some
     * setting is {@link #resizableInPlace}; drivers that share folders or forward ports add those.
     */
    default Set<Capability> capabilities() {
        java.util.EnumSet<Capability> can = java.util.EnumSet.of(Capability.MULTI_NODE);
        if (!resizableInPlace().isEmpty()) can.add(Capability.RESIZE);
        return can;
    }
}
