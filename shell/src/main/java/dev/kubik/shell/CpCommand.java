package dev.kubik.shell;

import dev.kubik.engine.ClusterService;
import dev.kubik.spi.CommandResult;
import dev.kubik.spi.DriverException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code kubik cp}: a file into a node or out of one, as {@code minikube cp}: {@code kubik cp SRC [NODE:]DST} (the
 * primary without NODE:) and {@code kubik cp NODE:SRC DST}. Into a node the file is written as root, mode 0644,
 * with its directory made; the paths go to the node's shell as arguments, never as code.
 */
@Command(name = "cp", description = {"Copies a file into a node or out of one: kubik cp FILE [NODE:]/PATH, kubik cp NODE:/PATH FILE",
        "(the primary when NODE: is left out of the node's side)"})
final class CpCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SOURCE", description = "a local file, or NODE:/absolute/path")
    String source;

    @Parameters(index = "1", paramLabel = "TARGET", description = "[NODE:]/absolute/path in a node, or a local file")
    String target;

    @Mixin
    ProfileOption profile;

    /** A place in a node: {@code node} null for the primary. */
    record NodePath(String node, String path) {
        /** {@code m02:/etc/x} or {@code /etc/x}; null when {@code text} names no node and is not absolute. */
        static NodePath parse(String text, boolean bareAbsoluteIsNode) {
            int colon = text.indexOf(':');
            if (colon > 0 && text.startsWith("/", colon + 1) && !text.substring(0, colon).contains("/")) {
                return new NodePath(text.substring(0, colon), text.substring(colon + 1));
            }
            return bareAbsoluteIsNode && text.startsWith("/") ? new NodePath(null, text) : null;
        }
    }

    @Override
    public Integer call() throws Exception {
        ClusterService service = Main.service();
        NodePath from = NodePath.parse(source, false);
        if (from != null) return out(service, from, Path.of(target));
        Path local = Path.of(source);
        if (!Files.isRegularFile(local)) {
            throw new DriverException("no file " + source, "kubik cp FILE [NODE:]/PATH copies a local file into a node; "
                    + "kubik cp NODE:/PATH FILE copies one out");
        }
        NodePath to = NodePath.parse(target, true);
        if (to == null) {
            throw new DriverException("'" + target + "' is not a place in a node", "an absolute path, with NODE: for a node other "
                    + "than the primary: /home/docker/x or m02:/home/docker/x");
        }
        try (InputStream in = Files.newInputStream(local)) {
            CommandResult result = service.ssh(profile.orDefault(), to.node(), List.of("sudo", "sh", "-c",
                    "mkdir -p \"$(dirname \"$0\")\" && cat > \"$0\" && chmod 0644 \"$0\"", to.path()), in, Duration.ofMinutes(30));
            if (result.exitStatus() != 0) throw new DriverException("cannot write " + to.path() + " in the node: " + result.stderr().strip(), null);
        }
        return ExitCodes.OK;
    }

    /** Out of a node: base64 through the command's output, which is text. */
    private int out(ClusterService service, NodePath from, Path local) throws Exception {
        CommandResult result = service.ssh(profile.orDefault(), from.node(), List.of("sudo", "sh", "-c",
                "test -f \"$0\" || { echo \"no file $0\" >&2; exit 2; }; base64 -w0 \"$0\"", from.path()), Duration.ofMinutes(30));
        if (result.exitStatus() != 0) {
            throw new DriverException("cannot read " + from.path() + " in the node: " + result.stderr().strip(), null);
        }
        Path file = Files.isDirectory(local) ? local.resolve(Path.of(from.path()).getFileName()) : local;
        dev.kubik.engine.state.AtomicFiles.write(file.toAbsolutePath(), Base64.getDecoder().decode(result.stdout().strip()));
        return ExitCodes.OK;
    }
}
