package dev.kubik.engine.exec;

import dev.kubik.dsl.model.ClusterSpec;
import dev.kubik.engine.KubikHome;
import dev.kubik.engine.certs.ClusterCertificates;
import dev.kubik.engine.kubeconfig.KubeconfigFile;
import dev.kubik.spi.CommandRunner;
import dev.kubik.spi.Endpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How users and kubeadm reach a cluster: certificates made on the host and copied into the control plane
 * ({@code /var/lib/kubik/certs}, kubeadm's certificatesDir, so it reuses them), and the kubeconfig context.
 */
public final class KubernetesAccess {
    static final String NODE_CERTS = "/var/lib/kubik/certs";
    private static final String ALIAS = "control-plane.kubik.internal";
    /** What kubeadm's certificatesDir holds; the user's client certificate stays on the host. */
    private static final List<String> FOR_THE_NODE = List.of("ca.crt", "ca.key", "apiserver.crt", "apiserver.key",
            "front-proxy-ca.crt", "front-proxy-ca.key", "front-proxy-client.crt", "front-proxy-client.key", "sa.key", "sa.pub");

    private final ClusterCertificates certificates;
    private final KubeconfigFile kubeconfig;
    private final String kubikVersion;

    public KubernetesAccess(KubikHome home, KubeconfigFile kubeconfig, String kubikVersion) {
        this.certificates = new ClusterCertificates(home);
        this.kubeconfig = kubeconfig;
        this.kubikVersion = kubikVersion;
    }

    /** Makes the profile's certificates for these control-plane addresses and copies them into the node. */
    public void installCertificates(ClusterSpec spec, List<String> controlPlaneIps, CommandRunner node) {
        certificates.ensure(spec.name(), ClusterCertificates.apiServerNames(controlPlaneIps,
                spec.kubernetes().serviceSubnet(), spec.kubernetes().dnsDomain(), ALIAS));
        Path dir = certificates.profileDir(spec.name());
        for (String file : FOR_THE_NODE) {
            node.writeFile(NODE_CERTS + "/" + file, read(dir.resolve(file)), file.endsWith(".key") ? 0600 : 0644);
        }
    }

    /** Adds the profile's context, reaching the API server where the driver publishes it on the host. */
    public void addContext(ClusterSpec spec, Endpoint apiServer) {
        Path dir = certificates.profileDir(spec.name());
        kubeconfig.upsert(new KubeconfigFile.Entry(spec.name(), "https://" + apiServer.host() + ":" + apiServer.port(),
                read(dir.resolve("ca.crt")), read(dir.resolve("client.crt")), read(dir.resolve("client.key"))),
                spec.keepContext(), kubikVersion);
    }

    public void removeContext(String profile) {
        kubeconfig.remove(profile);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
