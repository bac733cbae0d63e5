package dev.kubik.bootstrapper.kubeadm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The pod network: kindnet (kind's CNI), which serves one node and many alike. */
final class Cni {
    private Cni() {
    }

    static String kindnet(String podSubnet) {
        try (InputStream in = Cni.class.getResourceAsStream("kindnet.yaml")) {
            if (in == null) throw new IllegalStateException("kindnet.yaml is missing from the kubeadm module");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{POD_SUBNET}}", podSubnet);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
