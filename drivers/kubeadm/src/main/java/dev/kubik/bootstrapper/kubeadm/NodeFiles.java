package dev.kubik.bootstrapper.kubeadm;

import dev.kubik.runtime.ContainerRuntimes;

import java.util.LinkedHashMap;
import java.util.Map;

/** The files a Kubernetes node needs besides kubeadm's own: the kubelet's systemd unit, sysctls, modules. */
final class NodeFiles {
    private NodeFiles() {
    }

    /** Path → content, in the order they are written. */
    static Map<String, String> forNode(String version, String runtime) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(KubeadmPaths.KUBELET_UNIT, kubeletUnit(version));
        files.put(KubeadmPaths.KUBELET_DROP_IN, kubeletDropIn(version, runtime));
        files.put(KubeadmPaths.SYSCTL, """
                # kubik: pods' traffic must pass the bridge through iptables, and be forwarded
                net.bridge.bridge-nf-call-iptables = 1
                net.bridge.bridge-nf-call-ip6tables = 1
                net.ipv4.ip_forward = 1
                """);
        files.put(KubeadmPaths.MODULES, "# kubik: needed by the kubelet and kube-proxy\nbr_netfilter\noverlay\n");
        return files;
    }

    static String kubeletUnit(String version) {
        return """
                [Unit]
                Description=kubelet: The Kubernetes Node Agent
                Documentation=https://kubernetes.io/docs/
                Wants=network-online.target
                After=network-online.target

                [Service]
                ExecStart=%s/kubelet
                Restart=always
                StartLimitInterval=0
                RestartSec=600ms

                [Install]
                WantedBy=multi-user.target
                """.formatted(KubeadmPaths.binaries(version));
    }

    /** kubeadm's standard drop-in, pointing at kubik's binaries and started after the runtime. */
    static String kubeletDropIn(String version, String runtime) {
        String unit = ContainerRuntimes.of(runtime).unit();
        return """
                [Unit]
                Wants=%1$s.service
                After=%1$s.service

                [Service]
                Environment="KUBELET_KUBECONFIG_ARGS=--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf"
                Environment="KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml"
                EnvironmentFile=-/var/lib/kubelet/kubeadm-flags.env
                ExecStart=
                ExecStart=%2$s/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS
                """.formatted(unit, KubeadmPaths.binaries(version));
    }
}
