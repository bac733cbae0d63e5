package dev.kubik.engine.exec;

import dev.kubik.model.ClusterSpec;
import dev.kubik.engine.KubikHome;
import dev.kubik.engine.certs.ClusterCertificates;
import dev.kubik.engine.kubeconfig.KubeconfigFile;
import dev.kubik.spi.ClusterPki;
import dev.kubik.spi.Endpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How users and nodes trust a cluster: its certificates, made and kept on the host (handed to the bootstrapper,
 * which puts them where its Kubernetes reads them), and the kubeconfig context.
 */
public final class KubernetesAccess {
    private static final String ALIAS = "control-plane.kubik.internal";
    /** What the cluster's nodes may need; the user's client certificate is for the kubeconfig only. */
    private static final List<String> CLUSTER_FILES = List.of("ca.crt", "ca.key", "apiserver.crt", "apiserver.key",
            "front-proxy-ca.crt", "front-proxy-ca.key", "front-proxy-client.crt", "front-proxy-client.key", "sa.key", "sa.pub");

    private final KubikHome home;
    private ClusterCertificates certificates;
    private final KubeconfigFile kubeconfig;
    private final String kubikVersion;

    public KubernetesAccess(KubikHome home, KubeconfigFile kubeconfig, String kubikVersion) {
        this.home = home;
        this.kubeconfig = kubeconfig;
        this.kubikVersion = kubikVersion;
    }

    /**
     * The profile's PKI, its serving certificate naming these control-plane addresses (made again when they
     * changed), for the bootstrapper to install where its Kubernetes reads it.
     */
    public ClusterPki pki(ClusterSpec spec, List<String> controlPlaneIps) {
        certificates().ensure(spec.name(), ClusterCertificates.apiServerNames(controlPlaneIps,
                spec.kubernetes().serviceSubnet(), spec.kubernetes().dnsDomain(), ALIAS));
        Path dir = certificates().profileDir(spec.name());
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String file : CLUSTER_FILES) files.put(file, read(dir.resolve(file)));
        return new ClusterPki(files);
    }

    /** Adds the profile's context, reaching the API server where the driver publishes it on the host. */
    public void addContext(ClusterSpec spec, Endpoint apiServer) {
        Path dir = certificates().profileDir(spec.name());
        kubeconfig.upsert(new KubeconfigFile.Entry(spec.name(), "https://" + apiServer.host() + ":" + apiServer.port(),
                read(dir.resolve("ca.crt")), read(dir.resolve("client.crt")), read(dir.resolve("client.key"))),
                spec.keepContext(), kubikVersion);
    }

    /** The cluster's API as kubik calls it itself, at {@code apiServer}, with the profile's CA and client certificate. */
    public dev.kubik.engine.kubeapi.KubeApi api(String profile, Endpoint apiServer) {
        Path dir = certificates().profileDir(profile);
        return new dev.kubik.engine.kubeapi.KubeApi(profile, java.net.URI.create("https://" + apiServer.host() + ":" + apiServer.port()),
                dev.kubik.engine.certs.ClientTls.context(dir.resolve("ca.crt"), dir.resolve("client.crt"), dir.resolve("client.key")));
    }

    /** Where the kubeconfig's entry for {@code profile} points now, if there is one. */
    public java.util.Optional<String> server(String profile) {
        return kubeconfig.server(profile);
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

    /**
     * Made on first use: the certificate code links BouncyCastle, whose signed jar costs a verification when first
     * loaded, and runs without Kubernetes (bootstrapper 'none') never need it.
     */
    private synchronized ClusterCertificates certificates() {
        if (certificates == null) certificates = new ClusterCertificates(home);
        return certificates;
    }
}
