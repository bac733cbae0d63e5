package dev.kubik.shell;

import dev.kubik.dsl.lang.BoundCluster;
import dev.kubik.dsl.lang.DslSession;
import dev.kubik.dsl.source.ScriptProblemsException;
import dev.kubik.dsl.validate.SpecValidator;
import dev.kubik.engine.ClusterService;
import dev.kubik.engine.FilePreview;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code kubik render FILE}: every file the bootstrapper would write to each node; creates nothing. */
@Command(name = "render", description = "Prints every file the bootstrapper and runtime would write to each node "
        + "(kubeadm and kubelet configuration, units, containerd config, CNI and addon manifests). Creates nothing; "
        + "node addresses not yet known are shown as <ip of NODE>.")
final class RenderCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "the .kube.groovy script, or -")
    String file;

    @Option(names = {"-n", "--node"}, description = "only this node (machine name or short name)")
    String node;

    @Mixin
    ProfileOption profile;

    @Mixin
    TrustOption trust;

    @Override
    public Integer call() {
        List<BoundCluster> clusters;
        try {
            var source = ScriptInput.read(file);
            clusters = new DslSession(SpecValidator.forThisHost(), profile.forScript(), Map.of())
                    .trusting(trust.trusts(source)).evaluate(source).clusters();
        } catch (ScriptProblemsException e) {
            System.err.print(e.render());
            return ExitCodes.INVALID;
        }
        ClusterService service = Main.service();
        for (BoundCluster cluster : clusters) {
            for (FilePreview.NodeFiles n : service.render(cluster.spec())) {
                if (node != null && !node.equals(n.node()) && !node.equals(n.shortName())) continue;
                if (n.files().isEmpty()) {
                    System.out.println("# " + n.node() + ": the " + n.bootstrapper() + " bootstrapper writes no files");
                }
                n.files().forEach((path, content) -> {
                    System.out.println("# ==> " + n.node() + ":" + path);
                    System.out.print(content.endsWith("\n") ? content : content + "\n");
                });
            }
        }
        return ExitCodes.OK;
    }
}
