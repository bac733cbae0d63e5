package dev.kubik.shell;

import dev.kubik.dsl.source.ScriptSource;
import dev.kubik.engine.ClusterService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code kubik start}: with no flags, starts a stopped cluster's machines again. With minikube's flags, builds the
 * equivalent script, shows it with {@code --print-script}, and runs it, so a minikube habit leads to the language.
 */
@Command(name = "start", sortOptions = false,
        description = {"Starts a stopped cluster. With flags, as minikube's start: builds the equivalent script and runs it.",
                "e.g. kubik start --driver docker --cpus 2 --memory 4096 --nodes 3 -p dev --print-script"})
final class StartCommand implements Callable<Integer> {
    @Option(names = "--driver", paramLabel = "NAME") String driver;
    @Option(names = "--cpus", paramLabel = "N") Integer cpus;
    @Option(names = "--memory", paramLabel = "SIZE", description = "MiB, or 4g") String memory;
    @Option(names = "--disk-size", paramLabel = "SIZE") String disk;
    @Option(names = {"-n", "--nodes"}, paramLabel = "N") Integer nodes;
    @Option(names = "--kubernetes-version", paramLabel = "VERSION") String version;
    @Option(names = "--container-runtime", paramLabel = "RUNTIME") String runtime;
    @Option(names = "--no-kubernetes", description = "machines and a container runtime only") boolean noKubernetes;
    @Option(names = "--image", paramLabel = "IMAGE", description = "the docker driver's node image") String image;
    @Option(names = "--registry-mirror", split = ",", paramLabel = "URL", description = "mirrors of docker.io, tried first")
    List<String> registryMirrors = new ArrayList<>();
    @Option(names = "--image-repository", paramLabel = "REPOSITORY", description = "where kubeadm's images come from")
    String imageRepository;
    @Option(names = "--addons", split = ",", paramLabel = "NAME",
            description = "addons to enable besides minikube's defaults (storage-provisioner, default-storageclass)")
    List<String> addons = new ArrayList<>();
    @Option(names = "--print-script", description = "print the script these flags make, then run it") boolean printScript;
    @Option(names = {"-y", "--yes"}, description = "apply without asking") boolean yes;
    @Option(names = "--dry-run", description = "print the plan, change nothing") boolean dryRun;

    @Mixin
    ClusterArgument profile;

    @Mixin
    Output output;

    @Override
    public Integer call() {
        String script = script();
        if (script == null) {
            ClusterService service = Main.service(output.events());
            String target = profile.orDefault();
            return LifecycleFlow.run(output, dryRun, "Cluster '" + target + "' has no stopped machines; nothing to start.",
                    () -> List.of(service.lifecycle().planStart(target)),
                    approve -> List.of(service.lifecycle().start(target, approve, 8)));
        }
        if (printScript) System.out.println(script);
        RunCommand run = new RunCommand();
        run.profile = profile.explicit();
        run.output = output;
        run.yes = yes;
        run.dryRun = dryRun;
        run.parallel = 8;
        return run.run(new ScriptSource("<kubik start>", script));
    }

    /** The script the flags describe, or null when no flag asks for one. */
    String script() {
        List<String> cluster = new ArrayList<>();
        if (driver != null) cluster.add("driver " + literal(driver));
        if (cpus != null) cluster.add("cpus " + cpus);
        if (memory != null) cluster.add("memory " + size(memory));
        if (disk != null) cluster.add("disk " + size(disk));
        if (nodes != null) cluster.add("nodes " + nodes);
        if (image != null) cluster.add("options { image " + literal(image) + " }");
        List<String> kubernetes = new ArrayList<>();
        if (version != null) kubernetes.add("version " + literal(version));
        if (runtime != null) kubernetes.add("runtime " + literal(runtime));
        if (noKubernetes) kubernetes.add("bootstrapper 'none'");
        if (!registryMirrors.isEmpty()) {
            kubernetes.add("registryMirrors 'docker.io': [" + String.join(", ", registryMirrors.stream().map(StartCommand::literal).toList()) + "]");
        }
        if (imageRepository != null) kubernetes.add("imageRepository " + literal(imageRepository));
        if (!kubernetes.isEmpty()) cluster.add("kubernetes {\n        " + String.join("\n        ", kubernetes) + "\n    }");
        if (cluster.isEmpty() && addons.isEmpty()) return null;
        if (!noKubernetes) {
            // minikube enables these two unless told otherwise; a PVC then just works.
            java.util.LinkedHashSet<String> enabled = new java.util.LinkedHashSet<>(MINIKUBE_DEFAULT_ADDONS);
            enabled.addAll(addons);
            cluster.add("addons " + String.join(", ", enabled.stream().map(StartCommand::literal).toList()));
        } else if (!addons.isEmpty()) {
            cluster.add("addons " + String.join(", ", addons.stream().map(StartCommand::literal).toList()));
        }
        return "cluster(" + literal(profile.orDefault()) + ") {\n    " + String.join("\n    ", cluster) + "\n}";
    }

    private static final List<String> MINIKUBE_DEFAULT_ADDONS = List.of("storage-provisioner", "default-storageclass");

    /** A number stays a number (MiB); anything else becomes a quoted size such as '4g'. */
    private static String size(String value) {
        return value.matches("\\d+") ? value : literal(value);
    }

    /** A Groovy single-quoted string: what the user typed reaches the script as data, never as code. */
    static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
