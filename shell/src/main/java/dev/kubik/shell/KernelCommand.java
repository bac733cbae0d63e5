package dev.kubik.shell;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubik.engine.state.AtomicFiles;
import dev.kubik.shell.kernel.KubikKernel;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code kubik kernel}: kubik as a Jupyter kernel, and {@code kubik kernel install} to register it. */
@Command(name = "kernel", description = "Runs kubik as a Jupyter kernel (Jupyter starts it: kubik kernel install registers it).",
        subcommands = KernelCommand.Install.class)
final class KernelCommand implements Callable<Integer> {
    @Option(names = "--connection-file", paramLabel = "FILE", description = "the connection file Jupyter wrote")
    Path connectionFile;

    @Option(names = "--dry-run", description = "cluster cells plan without applying")
    boolean dryRun;

    @Override
    public Integer call() throws IOException {
        if (connectionFile == null) {
            System.err.println("kubik: kernel needs --connection-file (Jupyter passes it; see kubik kernel install)");
            return ExitCodes.INVALID;
        }
        return KubikKernel.run(connectionFile, Main.home(), !dryRun);
    }

    /** Writes the kernelspec: kernel.json (how Jupyter starts this kubik) and a logo. */
    @Command(name = "install", description = "Registers the kubik kernel with Jupyter (a kernelspec named kubik).")
    static final class Install implements Callable<Integer> {
        static final class Where {
            @Option(names = "--user", description = "for this user (the default)")
            boolean user;

            @Option(names = "--prefix", paramLabel = "DIR", description = "under DIR/share/jupyter/kernels")
            Path prefix;

            @Option(names = "--sys-prefix", description = "in the Python environment Jupyter runs from")
            boolean sysPrefix;
        }

        @ArgGroup(exclusive = true)
        Where where = new Where();

        @Option(names = "--name", description = "the kernelspec's name (default: kubik)")
        String name = "kubik";

        @Option(names = "--dry-run", description = "a kernel whose cluster cells plan without applying")
        boolean dryRun;

        @Override
        public Integer call() throws IOException {
            if (!name.matches("[a-zA-Z0-9._-]+")) {
                System.err.println("kubik: a kernel name is letters, digits, '.', '_' and '-'");
                return ExitCodes.INVALID;
            }
            Path dir = kernelsDir().resolve(name);
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode spec = json.createObjectNode();
            ArrayNode argv = spec.putArray("argv");
            argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            // The launcher's fast-start flags and class-data archive: a kernel starts as fast as the command line.
            ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                    .filter(a -> a.startsWith("-XX:") || a.startsWith("-Xshare") || a.startsWith("-Xms"))
                    .filter(a -> !a.startsWith("-XX:ArchiveClassesAtExit")).forEach(argv::add);
            argv.add("-cp").add(System.getProperty("java.class.path")).add(dev.kubik.shell.kernel.KernelMain.class.getName());
            if (dryRun) argv.add("--dry-run");
            argv.add("--connection-file").add("{connection_file}");
            spec.put("display_name", "kubik" + (dryRun ? " (dry run)" : "")).put("language", "groovy")
                    .put("interrupt_mode", "message"); // jupyter_client interrupts before each shutdown: a signal would kill the JVM
            spec.putObject("metadata").put("debugger", false);
            AtomicFiles.write(dir.resolve("kernel.json"), json.writeValueAsBytes(spec));
            AtomicFiles.write(dir.resolve("logo-64x64.png"), logo(64));
            AtomicFiles.write(dir.resolve("logo-32x32.png"), logo(32));
            System.out.println("Installed kernelspec " + name + " in " + dir);
            return ExitCodes.OK;
        }

        private Path kernelsDir() throws IOException {
            if (where.prefix != null) return where.prefix.toAbsolutePath().resolve("share/jupyter/kernels");
            if (where.sysPrefix) return Path.of(pythonPrefix()).resolve("share/jupyter/kernels");
            String os = System.getProperty("os.name").toLowerCase();
            Path home = Path.of(System.getProperty("user.home"));
            if (os.contains("mac")) return home.resolve("Library/Jupyter/kernels");
            if (os.contains("win")) return Path.of(System.getenv("APPDATA"), "jupyter", "kernels");
            String data = System.getenv("XDG_DATA_HOME");
            return (data != null && !data.isBlank() ? Path.of(data) : home.resolve(".local/share")).resolve("jupyter/kernels");
        }

        /** sys.prefix of the Python that runs Jupyter (Debian's: /usr). */
        private static String pythonPrefix() throws IOException {
            for (String python : List.of("/usr/bin/python3", "python3")) {
                try {
                    Process process = new ProcessBuilder(python, "-c", "import sys; print(sys.prefix)").start();
                    String prefix = new String(process.getInputStream().readAllBytes()).strip();
                    if (process.waitFor() == 0 && !prefix.isEmpty()) return prefix;
                } catch (IOException e) {
                    // try the next one
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
            throw new IOException("no python3 to ask for its prefix; use --user or --prefix DIR");
        }

        private static byte[] logo(int size) throws IOException {
            System.setProperty("java.awt.headless", "true");
            BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = image.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(new Color(0x32, 0x6c, 0xe5)); // Kubernetes blue
            g.fillRoundRect(0, 0, size, size, size / 4, size / 4);
            g.setColor(Color.WHITE);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size * 3 / 4));
            int width = g.getFontMetrics().stringWidth("k");
            g.drawString("k", (size - width) / 2, size * 3 / 4);
            g.dispose();
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(image, "png", png);
            return png.toByteArray();
        }
    }
}
