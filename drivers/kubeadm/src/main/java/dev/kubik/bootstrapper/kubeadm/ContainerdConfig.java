package dev.kubik.bootstrapper.kubeadm;

/**
 * containerd's config.toml for a Kubernetes node (config version 2, containerd 1.6 and 1.7): the systemd cgroup
 * driver the kubelet is configured with, the sandbox image kubeadm expects, and registry hosts under certs.d.
 */
final class ContainerdConfig {
    static final String PATH = "/etc/containerd/config.toml";

    private ContainerdConfig() {
    }

    static String render(String kubernetesVersion, String pauseImage) {
        return """
                # Written by kubik for Kubernetes %1$s.
                version = 2

                [plugins."io.containerd.grpc.v1.cri"]
                  sandbox_image = "%2$s"

                  [plugins."io.containerd.grpc.v1.cri".containerd]
                    default_runtime_name = "runc"

                    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
                      runtime_type = "io.containerd.runc.v2"

                      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
                        SystemdCgroup = true

                  [plugins."io.containerd.grpc.v1.cri".registry]
                    config_path = "/etc/containerd/certs.d"
                """.formatted(kubernetesVersion, pauseImage);
    }
}
