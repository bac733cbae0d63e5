package dev.kubik.engine;

import dev.kubik.model.ClusterSpec;
import dev.kubik.model.NodeSpec;
import dev.kubik.spi.Bootstrapper;
import dev.kubik.spi.CommandResult;
import dev.kubik.spi.CommandRunner;
import dev.kubik.spi.NodeContext;
import dev.kubik.spi.Reporter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every file the bootstrapper and runtime would write to each node ({@code kubik render}), made without a machine:
 * addresses not yet known are {@code <ip of NODE>}, and anything that would run on a node fails loudly.
 */
public final class FilePreview {
    /** One node's files, path to content, in the order they are written; {@code shortName} as in {@code -n m02}. */
    public record NodeFiles(String node, String shortName, String bootstrapper, Map<String, String> files) {
    }

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

    private FilePreview() {
    }

    static List<NodeFiles> of(ClusterSpec spec, Path hostCache) {
        Bootstrapper bootstrapper = ClusterService.bootstrapperNamed(spec.kubernetes().bootstrapper());
        List<NodeFiles> nodes = new ArrayList<>();
        int controlPlanes = (int) spec.controlPlaneCount();
        for (NodeSpec n : spec.nodes()) {
            NodeContext context = new NodeContext(spec.name(), n.name(), n.role().keyword(), "<ip of " + n.name() + ">",
                    spec.kubernetes(), NO_NODE, Reporter.SILENT, hostCache, controlPlanes);
            boolean primary = n == spec.primary();
            Map<String, String> files = new LinkedHashMap<>(bootstrapper.render(context, primary));
            if (primary) spec.addons().forEach(addon -> files.putAll(bootstrapper.renderAddon(addon)));
            nodes.add(new NodeFiles(n.name(), n.shortName(), bootstrapper.name(), files));
        }
        return nodes;
    }
}
