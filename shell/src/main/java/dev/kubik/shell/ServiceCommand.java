package dev.kubik.shell;

import dev.kubik.engine.ClusterServices;
import dev.kubik.engine.kubeapi.ServiceInfo;
import dev.kubik.spi.DriverException;
import dev.kubik.spi.Endpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code kubik service NAME}, as {@code minikube service}: the URLs of a NodePort or LoadBalancer service, at a
 * node's address where the host routes to the nodes, else through SSH forwards from 127.0.0.1 (which then last
 * while the command runs, as minikube's do on Docker Desktop).
 */
@Command(name = "service", description = "Prints (and opens) the URLs of a NodePort or LoadBalancer service: kubik service NAME [-n NAMESPACE] [--url] [-p PROFILE]")
final class ServiceCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SERVICE", description = "the service's name")
    String name;

    @Option(names = {"-n", "--namespace"}, defaultValue = "default", description = "its namespace (default: ${DEFAULT-VALUE})")
    String namespace;

    @Option(names = "--url", description = "print the URLs, one a line, and open nothing")
    boolean url;

    @Option(names = "--https", description = "https:// URLs instead of http://")
    boolean https;

    @Mixin
    ProfileOption profile;

    @Override
    public Integer call() throws InterruptedException {
        String cluster = profile.orDefault();
        try (ClusterServices services = Main.service().services(cluster)) {
            ServiceInfo service = services.service(namespace, name);
            List<ServiceInfo.Port> ports = service.nodePorts().stream().filter(p -> p.protocol().equals("TCP")).toList();
            if (ports.isEmpty()) {
                throw new DriverException("service " + service.id() + " has no TCP node port (type " + service.type() + ")",
                        "kubik service reaches NodePort and LoadBalancer services; kubectl port-forward reaches the others");
            }
            List<ClusterServices.Forward> forwards = new ArrayList<>();
            List<String> urls = new ArrayList<>();
            for (ServiceInfo.Port port : ports) {
                Optional<Endpoint> direct = services.direct(port.nodePort());
                Endpoint at = direct.orElseGet(() -> {
                    ClusterServices.Forward forward = services.forward(0, port.nodePort());
                    forwards.add(forward);
                    return new Endpoint("127.0.0.1", forward.localPort());
                });
                urls.add((https ? "https" : "http") + "://" + at.host() + ":" + at.port());
            }
            if (url) {
                urls.forEach(System.out::println);
            } else {
                Table table = new Table("NAMESPACE", "NAME", "TARGET PORT", "URL");
                for (int i = 0; i < ports.size(); i++) {
                    ServiceInfo.Port port = ports.get(i);
                    table.row(i == 0 ? service.namespace() : "", i == 0 ? service.name() : "",
                            (port.name().isEmpty() ? "" : port.name() + "/") + port.port(), urls.get(i));
                }
                System.out.print(table);
                Browser.open(urls.get(0));
            }
            if (!forwards.isEmpty()) {
                System.err.println("kubik: the host does not reach the nodes of '" + cluster + "' directly, so these URLs go through SSH: "
                        + "they work while this runs (Ctrl-C ends it).");
                System.out.flush();
                Thread.currentThread().join();
            }
            return ExitCodes.OK;
        }
    }
}
