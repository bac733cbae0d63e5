package dev.kubik.engine.kubeapi;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What kubik needs of a Kubernetes Service (core/v1): its type and ports, with the node port each one has on
 * every node (NodePort and LoadBalancer services), read from the API's JSON.
 */
public record ServiceInfo(String namespace, String name, String type, List<Port> ports, List<String> ingress) {
    /** One entry of {@code spec.ports}; {@code nodePort} is 0 where the service has none. */
    public record Port(String name, String protocol, int port, int nodePort, String targetPort) {
    }

    /** A DNS-1123 label, what the API accepts as a namespace or service name: nothing else goes into a path. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    public ServiceInfo {
        ports = List.copyOf(ports);
        ingress = List.copyOf(ingress);
    }

    public static ServiceInfo of(JsonNode service) {
        List<Port> ports = new ArrayList<>();
        for (JsonNode port : service.path("spec").path("ports")) {
            ports.add(new Port(port.path("name").asText(""), port.path("protocol").asText("TCP"), port.path("port").asInt(),
                    port.path("nodePort").asInt(0), port.path("targetPort").asText("")));
        }
        List<String> ingress = new ArrayList<>();
        for (JsonNode entry : service.path("status").path("loadBalancer").path("ingress")) {
            ingress.add(entry.hasNonNull("ip") ? entry.get("ip").asText() : entry.path("hostname").asText());
        }
        return new ServiceInfo(service.path("metadata").path("namespace").asText(), service.path("metadata").path("name").asText(),
                service.path("spec").path("type").asText("ClusterIP"), ports, ingress);
    }

    /** The API path of a service, refusing a name the API would refuse (so nothing else can reach the path). */
    public static String path(String namespace, String name) {
        return "/api/v1/namespaces/" + checked("namespace", namespace) + "/services/" + checked("service", name);
    }

    /** The API path of a namespace's services. */
    public static String listPath(String namespace) {
        return "/api/v1/namespaces/" + checked("namespace", namespace) + "/services";
    }

    private static String checked(String what, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new dev.kubik.spi.DriverException("'" + value + "' is not a " + what + " name",
                    "a " + what + " name is lower-case letters, digits and '-', starting and ending with a letter or digit (at most 63)");
        }
        return value;
    }

    /** The ports reachable on every node (those with a node port), in the service's order. */
    public List<Port> nodePorts() {
        return ports.stream().filter(p -> p.nodePort() > 0).toList();
    }

    public boolean loadBalancer() {
        return type.equals("LoadBalancer");
    }

    /** namespace/name, as kubectl and minikube name a service. */
    public String id() {
        return namespace + "/" + name;
    }
}
