package dev.kubik.spi;

import java.util.List;
import java.util.Map;

/**
 * What {@link Driver#create} made.
 *
 * @param ip       the machine's address on the cluster network
 * @param ssh      how the host logs in, right now (the endpoint may move when the machine restarts)
 * @param hostKeys the machine's SSH host public keys ({@code ssh-ed25519 AAAA…}), read through a channel the driver
 *                 trusts (docker exec, a serial console), so they are pinned before the first SSH contact; empty
 *                 when the driver has none, and the engine then pins the key seen on first contact
 * @param state    the driver's own record of the machine, stored by the engine and handed back in every
 *                 {@link MachineRef}
 * @param size     the machine's real CPUs and memory when they are its own (an adopted host), else null: it has
 *                 what it was configured with
 */
public record CreatedMachine(String ip, SshAccess ssh, List<String> hostKeys, Map<String, String> state, Size size) {
    public CreatedMachine {
        hostKeys = List.copyOf(hostKeys);
        state = Map.copyOf(state);
    }

    /** A machine made with the configured size. */
    public CreatedMachine(String ip, SshAccess ssh, List<String> hostKeys, Map<String, String> state) {
        this(ip, ssh, hostKeys, state, null);
    }

    /** CPUs and memory as the machine has them. */
    public record Size(int cpus, long memoryMiB) {
    }
}
