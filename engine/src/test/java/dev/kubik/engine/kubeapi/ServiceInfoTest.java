package dev.kubik.engine.kubeapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubik.spi.DriverException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceInfoTest {
    /** A LoadBalancer service as the API server returns it (kubectl get svc -o json), trimmed of nothing kubik reads. */
    private static final String LOAD_BALANCER = """
            {"kind":"Service","apiVersion":"v1","metadata":{"name":"shop","namespace":"prod","resourceVersion":"901"},
             "spec":{"ports":[{"name":"http","protocol":"TCP","port":80,"targetPort":"web","nodePort":31080},
                              {"name":"dns","protocol":"UDP","port":53,"targetPort":53,"nodePort":31053}],
                     "clusterIP":"10.96.4.2","type":"LoadBalancer"},
             "status":{"loadBalancer":{"ingress":[{"ip":"127.0.0.1","ipMode":"VIP"}]}}}
            """;

    @Test
    void readsTypePortsAndIngressFromTheApisJson() throws Exception {
        ServiceInfo service = ServiceInfo.of(new ObjectMapper().readTree(LOAD_BALANCER));

        assertThat(service.id()).isEqualTo("prod/shop");
        assertThat(service.loadBalancer()).isTrue();
        assertThat(service.nodePorts()).extracting(ServiceInfo.Port::nodePort).containsExactly(31080, 31053);
        assertThat(service.ports().get(0)).isEqualTo(new ServiceInfo.Port("http", "TCP", 80, 31080, "web"));
        assertThat(service.ingress()).containsExactly("127.0.0.1");
    }

    @Test
    void aClusterIpServiceHasNoNodePortsAndDefaultsWhereTheApiOmitsFields() throws Exception {
        ServiceInfo service = ServiceInfo.of(new ObjectMapper().readTree("""
                {"metadata":{"name":"db","namespace":"default"},"spec":{"ports":[{"port":5432}]},"status":{"loadBalancer":{}}}
                """));

        assertThat(service.type()).isEqualTo("ClusterIP");
        assertThat(service.nodePorts()).isEmpty();
        assertThat(service.ports().get(0).protocol()).isEqualTo("TCP");
        assertThat(service.ingress()).isEmpty();
    }

    @Test
    void onlyNamesTheApiAcceptsReachAPath() {
        assertThat(ServiceInfo.path("kube-system", "kube-dns")).isEqualTo("/api/v1/namespaces/kube-system/services/kube-dns");
        for (String bad : new String[]{"Web", "a/b", "..", "-x", "x-", "a b", "a".repeat(64), ""}) {
            assertThatThrownBy(() -> ServiceInfo.path("default", bad)).isInstanceOf(DriverException.class)
                    .hasMessageContaining("is not a service name");
        }
        assertThatThrownBy(() -> ServiceInfo.listPath("../secrets")).hasMessageContaining("is not a namespace name");
    }
}
