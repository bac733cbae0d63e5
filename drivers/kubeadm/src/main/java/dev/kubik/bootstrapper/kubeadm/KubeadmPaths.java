package dev.kubik.bootstrapper.kubeadm;

/** Where kubik puts Kubernetes' files in a node (minikube's layout, under kubik's name). */
final class KubeadmPaths {
    static final String CERTIFICATES = "/var/lib/kubik/certs";
    static final String ETCD_DATA = "/var/lib/kubik/etcd";
    static final String CONFIG = "/var/tmp/kubik/kubeadm.yaml";
    static final String KUBELET_UNIT = "/lib/systemd/system/kubelet.service";
    static final String KUBELET_DROP_IN = "/etc/systemd/system/kubelet.service.d/10-kubeadm.conf";
    static final String SYSCTL = "/etc/sysctl.d/99-kubik.conf";
    static final String MODULES = "/etc/modules-load.d/kubik.conf";
    static final String ADMIN_KUBECONFIG = "/etc/kubernetes/admin.conf";
    static final String STATIC_PODS = "/etc/kubernetes/manifests";
    /** Addon manifests, one file per addon, kept so disabling deletes exactly what enabling applied. */
    static final String ADDONS = "/etc/kubernetes/addons";
    static final String CONTROL_PLANE_ALIAS = "control-plane.kubik.internal";

    private KubeadmPaths() {
    }

    static String addon(String name) {
        return ADDONS + "/" + name + ".yaml";
    }

    static String binaries(String version) {
        return "/var/lib/kubik/binaries/" + version;
    }
}
