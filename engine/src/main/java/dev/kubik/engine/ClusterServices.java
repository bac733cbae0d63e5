package dev.kubik.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubik.engine.exec.NodeAccess;
import dev.kubik.engine.kubeapi.KubeApi;
import dev.kubik.engine.kubeapi.ServiceInfo;
import dev.kubik.plan.MachineRecord;
import dev.kubik.spi.Driver;
import dev.kubik.spi.DriverContext;
import dev.kubik.spi.DriverException;
import dev.kubik.spi.Endpoint;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A running cluster's Services as the host reaches them ({@code minikube service}, {@code tunnel},
 * {@code dashboard}): read from its API, reached at a node's address where the driver says the host routes
 * there, else through an SSH forward from 127.0.0.1 into the first control plane. Holds that SSH connection until
 * closed.
 */
public final class ClusterServices implements AutoCloseable {
    /** Where forwards listen: the host's loopback only, never its other interfaces. */
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final String profile;
    private final KubeApi api;
    private final Driver driver;
    private final MachineRecord node;
    private final NodeAccess nodes;
    private final DriverContext context;

    ClusterServices(String profile, KubeApi api, Driver driver, MachineRecord node, NodeAccess nodes, DriverContext context) {
        this.profile = profile;
        this.api = api;
        this.driver = driver;
        this.node = node;
        this.nodes = nodes;
        this.context = context;
    }

    /** The service, or an error naming the ones the namespace has. */
    public ServiceInfo service(String namespace, String name) {
        Optional<JsonNode> found = api.find(ServiceInfo.path(namespace, name));
        if (found.isPresent()) return ServiceInfo.of(found.get());
        List<String> names = new ArrayList<>();
        api.get(ServiceInfo.listPath(namespace)).path("items")
                .forEach(item -> names.add(item.path("metadata").path("name").asText()));
        throw new DriverException("cluster '" + profile + "' has no service '" + name + "' in namespace " + namespace,
                names.isEmpty() ? "namespace " + namespace + " has no services (another one: -n NAMESPACE)"
                        : "services in " + namespace + ": " + String.join(", ", names));
    }

    /** Every LoadBalancer service of the cluster, in the API's order. */
    public List<ServiceInfo> loadBalancers() {
        List<ServiceInfo> services = new ArrayList<>();
        api.get("/api/v1/services").path("items").forEach(item -> {
            ServiceInfo service = ServiceInfo.of(item);
            if (service.loadBalancer()) services.add(service);
        });
        return services;
    }

    /** Where the host reaches a node port without forwarding, if the driver's network allows it. */
    public Optional<Endpoint> direct(int nodePort) {
        return driver.directRoute(node.ref(), nodePort, context);
    }

    /** A forward being served: 127.0.0.1:{@code localPort} reaches the node port. */
    public record Forward(int localPort, int nodePort, AutoCloseable handle) implements AutoCloseable {
        @Override
        public void close() {
            try {
                handle.close();
            } catch (Exception ignored) {
                // Closing a forward whose connection is gone: nothing is left to release.
            }
        }
    }

    /**
     * Forwards 127.0.0.1:{@code localPort} (any free port when 0) to the node port, as the node reaches its own
     * address; refused (with the reason) when the port cannot be had.
     */
    public Forward forward(int localPort, int nodePort) {
        ServerSocket local;
        try {
            local = new ServerSocket(localPort, 50, LOOPBACK);
        } catch (IOException e) {
            throw new DriverException("cannot listen on 127.0.0.1:" + localPort + ": " + e.getMessage(),
                    localPort < 1024 ? "ports below 1024 need root on Linux and macOS" : "something else listens there");
        }
        String ip = driver.ip(node.ref(), context);
        return new Forward(local.getLocalPort(), nodePort, nodes.forward(node.name(), driver, node::ref, context, local, ip, nodePort));
    }

    /**
     * Sets (or, with an empty list, clears) the addresses a LoadBalancer service shows as reached at, as a cloud's
     * controller does and minikube's tunnel does: {@code kubectl get svc} shows them as its EXTERNAL-IP.
     */
    public void ingress(ServiceInfo service, List<String> ips) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode patch = json.objectNode();
        ObjectNode loadBalancer = patch.putObject("status").putObject("loadBalancer");
        if (ips.isEmpty()) {
            loadBalancer.putNull("ingress");
        } else {
            ips.forEach(ip -> loadBalancer.withArray("ingress").addObject().put("ip", ip));
        }
        api.mergePatch(ServiceInfo.path(service.namespace(), service.name()) + "/status", patch);
    }

    @Override
    public void close() {
        nodes.close();
    }
}
