package dev.kubik.spi;

import java.util.Map;
import java.util.Set;

/**
 * The cluster's certificates and keys, made and kept on the host by kubik (the kubeconfig needs the CA and the
 * user's client certificate), by kubeadm's file names: ca.crt, ca.key, apiserver.crt, apiserver.key,
 * front-proxy-ca.crt, front-proxy-ca.key, front-proxy-client.crt, front-proxy-client.key, sa.key, sa.pub. The
 * bootstrapper decides which of them go into a node, and where.
 */
public record ClusterPki(Map<String, byte[]> files) {
    public ClusterPki {
        files = Map.copyOf(files);
    }

    public Set<String> names() {
        return files.keySet();
    }

    public byte[] file(String name) {
        byte[] content = files.get(name);
        if (content == null) throw new IllegalArgumentException("the cluster's PKI has no " + name);
        return content.clone();
    }
}
