package dev.kubik.shell;

import dev.kubik.engine.ClusterService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code kubik image load}: images into the nodes' runtimes without a registry (minikube image load, kind load). */
@Command(name = "image", description = "Puts images into a cluster's nodes and lists them.",
        subcommands = {ImageCommand.Load.class, ImageCommand.Ls.class, ImageCommand.Build.class, ImageCommand.Rm.class})
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

    /**
     * minikube's {@code image build}: built by the host's docker (whichever runtime the nodes run, one way for
     * all), then loaded into every running node as {@code image load} does. The directory and tag go to docker
     * as arguments.
     */
    @Command(name = "build", description = "Builds DIR with the host's docker and loads the image into every running node: kubik image build -t TAG DIR")
    static final class Build implements Callable<Integer> {
        @Parameters(paramLabel = "DIR", description = "the build context, with its Dockerfile")
        java.nio.file.Path dir;

        @Option(names = {"-t", "--tag"}, required = true, description = "the image's name, e.g. app:dev")
        String tag;

        @Option(names = {"-f", "--file"}, description = "the Dockerfile, if not DIR/Dockerfile")
        java.nio.file.Path dockerfile;

        @Option(names = {"-n", "--node"}, description = "only this node (machine name or short name)")
        String node;

        @Mixin
        ProfileOption profile;

        @Mixin
        Output output;

        @Override
        public Integer call() throws Exception {
            if (!java.nio.file.Files.isDirectory(dir)) {
                throw new dev.kubik.spi.DriverException("no directory " + dir, "kubik image build -t TAG DIR, DIR holding a Dockerfile");
            }
            String cluster = profile.orDefault();
            dev.kubik.engine.ClusterService service = Main.service(output.events());
            // Nodes whose runtime is dockerd build it themselves, as minikube's do: nothing is built on the host
            // or copied. Elsewhere the host's docker builds it and it is loaded into the nodes.
            java.util.List<String> builders = service.dockerdNodes(cluster, node);
            for (String machine : builders) {
                dev.kubik.engine.ClusterService.DockerEnv env = service.dockerEnv(cluster, machine);
                dockerBuild(java.util.Map.of("DOCKER_HOST", env.host(), "DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", env.certPath().toString()));
                output.events().info("Built " + tag + " in the dockerd of " + machine);
            }
            if (!builders.isEmpty()) return ExitCodes.OK;
            dockerBuild(java.util.Map.of());
            service.loadImage(cluster, tag, node);
            return ExitCodes.OK;
        }

        /** docker build, with the host's docker or, given {@code env}, a node's dockerd. */
        private void dockerBuild(java.util.Map<String, String> env) throws InterruptedException {
            java.util.List<String> build = new java.util.ArrayList<>(java.util.List.of("docker", "build", "-t", tag));
            if (dockerfile != null) build.addAll(java.util.List.of("-f", dockerfile.toString()));
            build.add(dir.toString());
            // docker's own progress goes to the terminal (stderr with --output json: stdout is the events').
            ProcessBuilder docker = new ProcessBuilder(build).redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .redirectOutput(output.json() ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.INHERIT);
            if (!env.isEmpty()) {
                docker.environment().remove("DOCKER_CONTEXT"); // a context would win over DOCKER_HOST
                docker.environment().putAll(env);
            }
            int exit;
            try {
                exit = docker.start().waitFor();
            } catch (java.io.IOException e) {
                throw new dev.kubik.spi.DriverException("cannot run docker: " + e.getMessage(), "kubik image build needs docker on this host");
            }
            if (exit != 0) {
                throw new dev.kubik.spi.DriverException("docker build of " + dir + " failed (exit " + exit + ")", "its output above says why");
            }
        }
    }

    @Command(name = "rm", description = "Removes images from the nodes' container runtimes: kubik image rm IMAGE...")
    static final class Rm implements Callable<Integer> {
        @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "as kubik image ls lists it, or as docker names it (busybox:1)")
        java.util.List<String> images;

        @Option(names = {"-n", "--node"}, description = "only this node (machine name or short name)")
        String node;

        @Mixin
        ProfileOption profile;

        @Override
        public Integer call() {
            ClusterService service = Main.service();
            for (String image : images) {
                System.out.println("Removed " + image + " from " + String.join(", ", service.removeImage(profile.orDefault(), image, node)) + ".");
            }
            return ExitCodes.OK;
        }
    }
}
