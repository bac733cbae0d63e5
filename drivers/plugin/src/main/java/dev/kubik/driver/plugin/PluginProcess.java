package dev.kubik.driver.plugin;

import dev.kubik.driver.plugin.v1.DriverGrpc;
import dev.kubik.spi.DriverException;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One running plugin, started as go-plugin starts Terraform's providers: kubik runs the executable with
 * {@code KUBIK_PLUGIN} set, reads one handshake line from its standard output
 * ({@code 1|kubik-driver|unix|SOCKET|grpc}), connects over gRPC, and keeps the plugin's standard input open for
 * as long as it needs it. Closing stdin (or kubik dying, which closes it too) tells the plugin to exit.
 */
final class PluginProcess implements AutoCloseable {
    /** The version of proto/kubik/driver/v1/driver.proto this kubik speaks. */
    static final int PROTOCOL_VERSION = 1;
    static final String COOKIE = "KUBIK_PLUGIN";
    /** What kubik can connect to, in its order of preference, so a plugin knows which to offer (go-plugin's rule). */
    static final String TRANSPORTS = "KUBIK_PLUGIN_TRANSPORTS";
    static final String COOKIE_VALUE = "kubik-driver-v1";
    private static final Duration HANDSHAKE = Duration.ofSeconds(20);
    private static final int TAIL_LINES = 20;

    private final Path executable;
    private final Process process;
    private final ManagedChannel channel;
    private final Deque<String> tail;
    private final EpollEventLoopGroup loop;
    private final String endpoint;

    private PluginProcess(Path executable, Process process, ManagedChannel channel, Deque<String> tail, EpollEventLoopGroup loop,
                          String endpoint) {
        this.endpoint = endpoint;
        this.executable = executable;
        this.process = process;
        this.channel = channel;
        this.tail = tail;
        this.loop = loop;
    }

    /**
     * "unix,tcp" where this JVM can reach a unix socket through netty (Linux), else "tcp" (macOS, Windows). A user's
     * own KUBIK_PLUGIN_TRANSPORTS narrows it (e.g. "tcp", to try a plugin's TCP side on Linux).
     */
    /** Where the plugin said it listens: "unix:/path/to.sock" or "tcp:127.0.0.1:PORT". */
    String endpoint() {
        return endpoint;
    }

    static String transports(String asked) {
        java.util.List<String> offered = Epoll.isAvailable() ? java.util.List.of("unix", "tcp") : java.util.List.of("tcp");
        if (asked == null || asked.isBlank()) return String.join(",", offered);
        java.util.List<String> wanted = java.util.Arrays.stream(asked.split(",")).map(String::strip).filter(offered::contains).toList();
        return String.join(",", wanted.isEmpty() ? offered : wanted);
    }

    static PluginProcess start(Path executable) {
        ProcessBuilder builder = new ProcessBuilder(executable.toString());
        builder.environment().put(COOKIE, COOKIE_VALUE);
        builder.environment().put(TRANSPORTS, transports(System.getenv(TRANSPORTS)));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new DriverException("could not start plugin " + executable + ": " + e.getMessage(), "check that it is executable");
        }
        Deque<String> tail = new ArrayDeque<>();
        Writer log = openLog(executable, process.pid());
        drain(process.getErrorStream(), tail, null, executable, log);
        CompletableFuture<String> handshake = new CompletableFuture<>();
        drain(process.getInputStream(), tail, handshake, executable, null);
        String line;
        try {
            line = handshake.get(HANDSHAKE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            process.destroyForcibly();
            throw new DriverException("plugin " + executable + " printed no handshake within " + HANDSHAKE.toSeconds() + " s"
                    + lastLines(tail), "a plugin prints '" + PROTOCOL_VERSION + "|kubik-driver|unix|SOCKET|grpc' on stdout "
                    + "once it listens (see proto/kubik/driver/v1/driver.proto)");
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new DriverException("interrupted while starting plugin " + executable, null);
        }
        String[] parts = line.strip().split("\\|");
        if (parts.length != 5 || !parts[1].equals("kubik-driver") || !parts[4].equals("grpc")) {
            process.destroyForcibly();
            throw new DriverException("plugin " + executable + " sent a handshake kubik does not understand: '" + line.strip() + "'",
                    "the line is VERSION|kubik-driver|unix|SOCKET|grpc (or tcp|127.0.0.1:PORT)");
        }
        if (!parts[0].equals(String.valueOf(PROTOCOL_VERSION))) {
            process.destroyForcibly();
            throw new DriverException("plugin " + executable + " speaks plugin protocol " + parts[0] + "; this kubik speaks "
                    + PROTOCOL_VERSION, "use a version of the plugin for protocol " + PROTOCOL_VERSION + ", or a kubik that speaks " + parts[0]);
        }
        EpollEventLoopGroup loop = null;
        NettyChannelBuilder channel;
        switch (parts[2]) {
            case "unix" -> {
                if (!Epoll.isAvailable()) {
                    process.destroyForcibly();
                    throw new DriverException("this host cannot reach plugin " + executable + " on a unix socket from Java",
                            "the plugin should listen on 127.0.0.1 and say 'tcp|127.0.0.1:PORT' in its handshake");
                }
                loop = new EpollEventLoopGroup(1, new DefaultThreadFactory("kubik-plugin", true));
                channel = NettyChannelBuilder.forAddress(new DomainSocketAddress(parts[3])).eventLoopGroup(loop)
                        .channelType(EpollDomainSocketChannel.class).overrideAuthority("localhost")
                        // gRPC asks every channel for TCP keep-alive, which a unix socket has not (netty would warn).
                        .withOption(io.grpc.netty.shaded.io.netty.channel.ChannelOption.SO_KEEPALIVE, null);
            }
            case "tcp" -> {
                int colon = parts[3].lastIndexOf(':');
                channel = NettyChannelBuilder.forAddress(parts[3].substring(0, colon), Integer.parseInt(parts[3].substring(colon + 1)));
            }
            default -> {
                process.destroyForcibly();
                throw new DriverException("plugin " + executable + " listens on '" + parts[2] + "', which kubik cannot reach",
                        "unix or tcp");
            }
        }
        return new PluginProcess(executable, process, channel.usePlaintext().build(), tail, loop, parts[2] + ":" + parts[3]);
    }

    DriverGrpc.DriverBlockingStub stub() {
        return DriverGrpc.newBlockingStub(channel);
    }

    boolean alive() {
        return process.isAlive();
    }

    boolean exitsWithin(int seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Why a call failed when the plugin is gone: its exit status and last lines. */
    String death() {
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "plugin " + executable.getFileName() + " exited" + (process.isAlive() ? "" : " with status " + process.exitValue())
                + lastLines(tail);
    }

    Path executable() {
        return executable;
    }

    /** The plugin's last lines of output, for a message about it. */
    String lastLines() {
        return lastLines(tail);
    }

    long pid() {
        return process.pid();
    }

    /** Closes the plugin's stdin and waits up to {@code wait} for it to exit by itself; whether it did. */
    boolean closeInput(Duration wait) throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException alreadyClosed) {
            // Then it is closed.
        }
        return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Closes the plugin's stdin, as go-plugin does, and waits for it to exit; kills it if it will not. */
    @Override
    public void close() {
        channel.shutdownNow();
        try {
            if (!closeInput(Duration.ofSeconds(5))) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        if (loop != null) loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private static String lastLines(Deque<String> tail) {
        synchronized (tail) {
            return tail.isEmpty() ? "" : "; its last lines:\n  " + String.join("\n  ", List.copyOf(tail));
        }
    }

    /** Where the plugin's whole output is, for messages about it. */
    String logFile() {
        return PluginFiles.log(executable).toString();
    }

    /**
     * The plugin's log, appended to with a line for each start; null when it cannot be written (the messages still
     * carry the last lines).
     */
    private static Writer openLog(Path executable, long pid) {
        Path file = PluginFiles.log(executable);
        try {
            Files.createDirectories(file.getParent());
            Writer log = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            log.write("--- " + Instant.now() + " started " + executable + " (pid " + pid + ")\n");
            log.flush();
            return log;
        } catch (IOException e) {
            return null;
        }
    }

    /** Reads a stream to its end, keeping the last lines (and each in the log); the first stdout line is the handshake. */
    private static void drain(InputStream stream, Deque<String> tail, CompletableFuture<String> handshake, Path executable,
                              Writer log) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (handshake != null && !handshake.isDone()) {
                        handshake.complete(line);
                        continue;
                    }
                    synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > TAIL_LINES) tail.removeFirst();
                    }
                    if (log != null) {
                        log.write(line + "\n");
                        log.flush();
                    }
                }
            } catch (IOException ignored) {
                // The plugin closed the stream: it exited.
            } finally {
                if (log != null) {
                    try {
                        log.close();
                    } catch (IOException ignored) {
                        // Nothing more to keep.
                    }
                }
            }
            if (handshake != null) handshake.completeExceptionally(new IOException("plugin exited"));
        }, "kubik-plugin-" + executable.getFileName());
        reader.setDaemon(true);
        reader.start();
    }
}
