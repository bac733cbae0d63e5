package dev.kubik.shell;

import dev.kubik.engine.ClusterServices;
import dev.kubik.engine.kubeapi.ServiceInfo;
import dev.kubik.spi.DriverException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code kubik tunnel}, as {@code minikube tunnel} on Docker Desktop: while it runs, every LoadBalancer service is
 * reachable on 127.0.0.1 at its own ports (an SSH forward to its node port on the first control plane each) and
 * shows 127.0.0.1 as its external IP; services that come and go are followed, and on exit the IPs are cleared.
 * No route or interface of the host is changed, so it needs no root (ports below 1024 aside).
 */
@Command(name = "tunnel", description = "Makes LoadBalancer services reachable on 127.0.0.1 at their ports while it runs: kubik tunnel [-p PROFILE]")
final class TunnelCommand implements Callable<Integer> {
    private static final List<String> LOOPBACK = List.of("127.0.0.1");

    @Mixin
    ProfileOption profile;

    @Option(names = "--interval", defaultValue = "5", description = "seconds between looks at the cluster's services (default: ${DEFAULT-VALUE})")
    int interval;

    /** The tunnels open, by service: the service as it was when they were opened, and its forwards. */
    private record Tunnel(ServiceInfo service, List<ClusterServices.Forward> forwards) {
    }

    private final Map<String, Tunnel> open = new LinkedHashMap<>();
    /** Set when the tunnel ends: the loop may run once more before the JVM halts, and must open nothing then. */
    private boolean ended;

    @Override
    public Integer call() throws InterruptedException {
        String cluster = profile.orDefault();
        ClusterServices services = Main.service().services(cluster);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeAll(services), "kubik-tunnel-cleanup"));
        System.out.println("Tunnel for cluster '" + cluster + "' started: LoadBalancer services are reachable on 127.0.0.1 while this runs (Ctrl-C ends it).");
        while (true) {
            follow(services);
            Thread.sleep(interval * 1000L);
        }
    }

    /** Opens tunnels for new or changed services and closes those of services that are gone. */
    private synchronized void follow(ClusterServices services) {
        if (ended) return;
        List<ServiceInfo> now;
        try {
            now = services.loadBalancers();
        } catch (DriverException e) {
            System.err.println("kubik: " + e.getMessage() + " (trying again in " + interval + " s)");
            return;
        }
        Map<String, ServiceInfo> byId = new LinkedHashMap<>();
        now.forEach(s -> byId.put(s.id(), s));
        for (String id : new ArrayList<>(open.keySet())) {
            ServiceInfo current = byId.get(id);
            if (current == null || !current.ports().equals(open.get(id).service().ports())) {
                open.remove(id).forwards().forEach(ClusterServices.Forward::close);
                System.out.println("Tunnel for service " + id + " closed (" + (current == null ? "the service is gone" : "its ports changed") + ").");
            }
        }
        for (ServiceInfo service : now) {
            if (open.containsKey(service.id())) continue;
            List<ClusterServices.Forward> forwards = new ArrayList<>();
            for (ServiceInfo.Port port : service.nodePorts()) {
                if (!port.protocol().equals("TCP")) {
                    System.err.println("kubik: " + service.id() + " port " + port.port() + "/" + port.protocol() + " is not tunnelled: SSH forwards TCP only");
                    continue;
                }
                try {
                    forwards.add(services.forward(port.port(), port.nodePort()));
                    System.out.println("Tunnel for service " + service.id() + ": 127.0.0.1:" + port.port() + " -> port " + port.port()
                            + "/TCP (node port " + port.nodePort() + ")");
                } catch (DriverException e) {
                    System.err.println("kubik: " + service.id() + " port " + port.port() + " is not tunnelled: " + e.getMessage()
                            + (e.fix() == null ? "" : " (" + e.fix() + ")"));
                }
            }
            // Recorded even without forwards, so a port that cannot be had is reported once, not every interval.
            open.put(service.id(), new Tunnel(service, forwards));
            if (!forwards.isEmpty() && !service.ingress().equals(LOOPBACK)) setIngress(services, service, LOOPBACK);
        }
    }

    private synchronized void closeAll(ClusterServices services) {
        ended = true;
        for (Tunnel tunnel : open.values()) {
            tunnel.forwards().forEach(ClusterServices.Forward::close);
            if (!tunnel.forwards().isEmpty()) setIngress(services, tunnel.service(), List.of());
        }
        open.clear();
        services.close();
    }

    private static void setIngress(ClusterServices services, ServiceInfo service, List<String> ips) {
        try {
            services.ingress(service, ips);
        } catch (DriverException e) {
            System.err.println("kubik: could not " + (ips.isEmpty() ? "clear" : "set") + " the external IP of " + service.id() + ": " + e.getMessage());
        }
    }
}
