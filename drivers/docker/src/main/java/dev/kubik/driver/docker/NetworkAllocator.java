package dev.kubik.driver.docker;

import dev.kubik.spi.ClusterNetwork;
import dev.kubik.spi.CommandResult;
import dev.kubik.spi.DriverException;

import java.net.Inet4Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The cluster's docker network and its nodes' fixed addresses. Subnets are searched as minikube does: from
 * 192.168.49.0/24, nine apart on the third octet, skipping any that overlap a docker network or a host
 * interface. Each node has a fixed address by its index, so a restarted node keeps it.
 */
final class NetworkAllocator {
    private static final int FIRST_THIRD_OCTET = 49;
    private static final int STEP = 9;
    private static final int TRIES = 20;

    /**
     * Where the engine's CLI differs on networks: the template that prints a network's subnet and gateway, and the
     * bridge options a new network takes.
     */
    record Dialect(String subnetTemplate, List<String> bridgeOptions) {
        static final Dialect DOCKER = new Dialect("{{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}",
                List.of("-o", "com.docker.network.bridge.enable_ip_masquerade=true", "-o", "com.docker.network.bridge.enable_icc=true"));
        /** podman shows subnets under Subnets; its bridge masquerades and lets containers talk without options (and refuses docker's). */
        static final Dialect PODMAN = new Dialect("{{range .Subnets}}{{.Subnet}} {{.Gateway}}{{end}}", List.of());
    }

    private final DockerCli docker;
    private final Dialect dialect;

    NetworkAllocator(DockerCli docker, Dialect dialect) {
        this.docker = docker;
        this.dialect = dialect;
    }

    static String networkName(String cluster) {
        return "kubik-" + cluster;
    }

    /** The cluster's network: created (a new cluster's case, one call), or found when the daemon says it exists. */
    ClusterNetwork ensure(String cluster, String subnetOption) {
        String name = networkName(cluster);
        List<String> candidates = subnetOption.equals("auto") ? candidates() : List.of(subnetOption);
        String lastError = "no free subnet";
        // docker itself refuses a subnet that overlaps one of its networks ("Pool overlaps"): try, and move on.
        for (String subnet : candidates) {
            if (overlapsHostInterface(subnet)) continue;
            List<String> create = new java.util.ArrayList<>(List.of("network", "create", "--driver", "bridge",
                    "--subnet", subnet, "--gateway", gateway(subnet)));
            create.addAll(dialect.bridgeOptions());
            create.addAll(List.of("--label", DockerDriver.LABEL_CLUSTER + "=" + cluster, "--label", DockerDriver.LABEL_CREATED_BY, name));
            CommandResult created = docker.run(java.time.Duration.ofMinutes(2), create);
            if (created.ok()) return new ClusterNetwork(name, subnet, gateway(subnet));
            lastError = created.stderr().strip();
            if (lastError.contains("already exists")) return existing(name);
            if (!lastError.contains("overlaps") && !lastError.contains("in use") && !lastError.contains("already used")) break;
        }
        throw new DriverException("could not create " + docker.binary() + " network " + name + ": " + lastError,
                "free a subnet, or set one: options { subnet '10.200.0.0/24' }");
    }

    private ClusterNetwork existing(String name) {
        CommandResult existing = docker.run("network", "inspect", "--format", dialect.subnetTemplate(), name);
        if (!existing.ok()) {
            throw new DriverException("cannot read " + docker.binary() + " network " + name + ": " + existing.stderr().strip(), null);
        }
        String[] parts = existing.stdout().strip().split(" ");
        return new ClusterNetwork(name, parts[0], parts.length > 1 ? parts[1] : gateway(parts[0]));
    }

    /**
     * The node's own address, gateway + 1 + its index (the primary .2, the next .3), as minikube assigns them, so
     * addresses follow node order whatever order parallel creations run in. Nothing is looked up: the daemon is the
     * arbiter, refusing a taken address (see {@link #addressTaken}), and the caller then asks {@link #chooseAddress}.
     */
    String preferredAddress(ClusterNetwork network, int index) {
        String prefix = network.subnet().substring(0, network.subnet().lastIndexOf('.') + 1);
        return index >= 0 && 2 + index < 255 ? prefix + (2 + index) : chooseAddress(network, index);
    }

    /** Whether a refused run says its address is taken: docker's words, or podman's (its CNI bridge plugin). */
    static boolean addressTaken(String error) {
        return error.contains("ddress already in use") || error.contains("is not available in range set");
    }

    /**
     * The preferred address if no container on the network holds it, else the lowest free one. Two parallel
     * choices may still meet: the daemon refuses the second and its caller chooses again, so nothing is reserved
     * in memory.
     */
    String chooseAddress(ClusterNetwork network, int index) {
        Set<String> used = addressesOn(network);
        String prefix = network.subnet().substring(0, network.subnet().lastIndexOf('.') + 1);
        String preferred = prefix + (2 + index);
        if (index >= 0 && 2 + index < 255 && !used.contains(preferred)) return preferred;
        for (int host = 2; host < 255; host++) {
            String candidate = prefix + host;
            if (!used.contains(candidate) && !candidate.equals(network.gateway())) return candidate;
        }
        throw new DriverException("network " + network.name() + " has no free address", "remove unused nodes");
    }

    /** Addresses of every container attached to the network, running or stopped (stopped keep their fixed IP). */
    private Set<String> addressesOn(ClusterNetwork network) {
        String ids = docker.check("ps", "--all", "--quiet", "--filter", "network=" + network.name());
        Set<String> addresses = new HashSet<>();
        if (ids.isBlank()) return addresses;
        List<String> args = new ArrayList<>(List.of("inspect", "--format",
                "{{range .NetworkSettings.Networks}}{{if .IPAMConfig}}{{.IPAMConfig.IPv4Address}}{{end}} {{.IPAddress}} {{end}}"));
        Collections.addAll(args, ids.split("\\s+"));
        for (String address : docker.check(args).split("\\s+")) {
            if (!address.isBlank()) addresses.add(address);
        }
        return addresses;
    }

    private static List<String> candidates() {
        List<String> subnets = new ArrayList<>();
        for (int i = 0, octet = FIRST_THIRD_OCTET; i < TRIES && octet < 255; i++, octet += STEP) {
            subnets.add("192.168." + octet + ".0/24");
        }
        return subnets;
    }

    static String gateway(String subnet) {
        String base = subnet.substring(0, subnet.indexOf('/'));
        return base.substring(0, base.lastIndexOf('.') + 1) + "1";
    }

    private static boolean overlapsHostInterface(String subnet) {
        String prefix = subnet.substring(0, subnet.lastIndexOf('.') + 1);
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InterfaceAddress address : nic.getInterfaceAddresses()) {
                    if (address.getAddress() instanceof Inet4Address v4 && v4.getHostAddress().startsWith(prefix)) {
                        return true;
                    }
                }
            }
        } catch (SocketException e) {
            return false;
        }
        return false;
    }
}
