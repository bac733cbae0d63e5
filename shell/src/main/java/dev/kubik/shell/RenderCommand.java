package dev.kubik.shell;

import dev.kubik.dsl.lang.BoundCluster;
import dev.kubik.dsl.lang.DslSession;
import dev.kubik.model.NodeSpec;
import dev.kubik.dsl.source.ScriptProblemsException;
import dev.kubik.dsl.validate.SpecValidator;
import dev.kubik.spi.Bootstrapper;
import dev.kubik.spi.CommandResult;
import dev.kubik.spi.CommandRunner;
import dev.kubik.spi.NodeContext;
import dev.kubik.spi.Plugins;
import dev.kubik.spi.Reporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
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

    /** Rendering must run nothing on any node. */
    private static final CommandRunner NO_NODE = new CommandRunner() {
        @Override
        public CommandResult run(List<String> argv, Duration timeout) {
            throw new IllegalStateException("render runs nothing on nodes");
        }

        @Override
        public void writeFile(String path, byte[] content, int mode) {
            throw new IllegalStateException("render writes nothing to nodes");
        }
    };

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
        for (BoundCluster cluster : clusters) {
            var spec = cluster.spec();
            Bootstrapper bootstrapper = Plugins.bootstrapper(spec.kubernetes().bootstrapper()).orElseThrow();
            for (NodeSpec n : spec.nodes()) {
                if (node != null && !node.equals(n.name()) && !node.equals(n.shortName())) continue;
                NodeContext context = new NodeContext(spec.name(), n.name(), n.role().keyword(), "<ip of " + n.name() + ">",
                        spec.kubernetes(), NO_NODE, Reporter.SILENT, Main.home().cache());
                Map<String, String> files = new java.util.LinkedHashMap<>(bootstrapper.render(context, n == spec.primary()));
                if (n == spec.primary()) spec.addons().forEach(addon -> files.putAll(bootstrapper.renderAddon(addon)));
                if (files.isEmpty()) {
                    System.out.println("# " + n.name() + ": the " + bootstrapper.name() + " bootstrapper writes no files");
                }
                files.forEach((path, content) -> {
                    System.out.println("# ==> " + n.name() + ":" + path);
                    System.out.print(content.endsWith("\n") ? content : content + "\n");
                });
            }
        }
        return ExitCodes.OK;
    }
}
