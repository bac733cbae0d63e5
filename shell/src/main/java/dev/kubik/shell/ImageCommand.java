package dev.kubik.shell;

import dev.kubik.engine.ClusterService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code kubik image load}: images into the nodes' runtimes without a registry (minikube image load, kind load). */
@Command(name = "image", description = "Puts images into a cluster's nodes and lists them.",
        subcommands = {ImageCommand.Load.class, ImageCommand.Ls.class})
final class ImageCommand {

    @Command(name = "load", description = {"Loads an image into every running node's container runtime, where pods "
            + "find it without a registry (use imagePullPolicy: IfNotPresent or Never).",
            "IMAGE is an image the host's docker has, or an archive made by docker save."})
    static final class Load implements Callable<Integer> {
        @Parameters(paramLabel = "IMAGE|FILE.tar", arity = "1..*", description = "host docker images, or image archives")
        java.util.List<String> sources;

        @Option(names = {"-n", "--node"}, description = "only this node (machine name or short name)")
        String node;

        @Mixin
        ProfileOption profile;

        @Mixin
        Output output;

        @Override
        public Integer call() {
            ClusterService service = Main.service(output.events());
            for (String source : sources) service.loadImage(profile.orDefault(), source, node);
            return ExitCodes.OK;
        }
    }

    @Command(name = "ls", description = "The images in the nodes' container runtimes, with the nodes that hold each.")
    static final class Ls implements Callable<Integer> {
        @Option(names = {"-n", "--node"}, description = "only this node (machine name or short name)")
        String node;

        @Mixin
        ProfileOption profile;

        @Override
        public Integer call() {
            Table table = new Table("IMAGE", "NODES");
            Main.service().images(profile.orDefault(), node)
                    .forEach((image, machines) -> table.row(image, String.join(",", machines)));
            System.out.print(table);
            return ExitCodes.OK;
        }
    }
}
