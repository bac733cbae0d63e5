package dev.kubik.shell;

import dev.kubik.engine.ClusterService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code kubik image load}: images into the nodes' runtimes without a registry (minikube image load, kind load). */
@Command(name = "image", description = "Puts images into a cluster's nodes.", subcommands = ImageCommand.Load.class)
final class ImageCommand {

    @Command(name = "load", description = {"Loads an image into every running node's container runtime, where pods "
            + "find it without a registry (use imagePullPolicy: IfNotPresent or Never).",
            "IMAGE is an image the host's docker has, or an archive made by docker save."})
    static final class Load implements Callable<Integer> {
        @Parameters(paramLabel = "IMAGE|FILE.tar", description = "a host docker image, or an image archive")
        String source;

        @Option(names = {"-n", "--node"}, description = "only this node (machine name or short name)")
        String node;

        @Mixin
        ProfileOption profile;

        @Mixin
        Output output;

        @Override
        public Integer call() {
            new ClusterService(Main.home(), output.events()).loadImage(profile.orDefault(), source, node);
            return ExitCodes.OK;
        }
    }
}
