package dev.kubik.engine.ssh;

import dev.kubik.spi.CommandResult;
import dev.kubik.spi.CommandRunner;
import dev.kubik.spi.DriverException;
import dev.kubik.spi.Pause;
import dev.kubik.spi.Endpoint;
import dev.kubik.spi.ShellWords;
import dev.kubik.spi.StreamDrain;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.TransportException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs commands on a node over SSH (sshj). Commands are argument vectors joined with POSIX quoting, so nothing a
 * script supplies reaches the remote shell unquoted. The host key must be the pinned one.
 */
public final class SshRunner implements CommandRunner, AutoCloseable {
    /** sshj's algorithm setup is the slow part of a first connection; do it once per process. */
    static {
        // The JDK has every algorithm kubik's SSH needs (curve25519, Ed25519, AES-GCM); registering BouncyCastle as a
        // provider would load hundreds of classes from its signed jar, which class-data sharing cannot archive.
        net.schmizz.sshj.common.SecurityUtils.setRegisterBouncyCastle(false);
    }

    private static final DefaultConfig CONFIG = new DefaultConfig();
    /** How long a machine may refuse kubik's key before the refusal counts (see {@link #await}). */
    static final Duration AUTH_GRACE = Duration.ofSeconds(30);

    private final SSHClient client;
    private final String machine;

    private SshRunner(SSHClient client, String machine) {
        this.client = client;
        this.machine = machine;
    }

    /**
     * Loads and exercises what a first connection needs (sshj's transport, the key exchange and signature
     * algorithms, the key file reader), so that cost overlaps a machine's boot instead of following it.
     */
    public static void warmUp(Path privateKey) {
        try {
            // The key exchange: an X25519 agreement, as curve25519-sha256 makes one.
            var x25519 = java.security.KeyPairGenerator.getInstance("X25519");
            javax.crypto.KeyAgreement agreement = javax.crypto.KeyAgreement.getInstance("X25519");
            agreement.init(x25519.generateKeyPair().getPrivate());
            agreement.doPhase(x25519.generateKeyPair().getPublic(), true);
            java.security.MessageDigest.getInstance("SHA-256").digest(agreement.generateSecret());
            CONFIG.getKeyExchangeFactories().forEach(f -> f.create());
            try (SSHClient client = new SSHClient(CONFIG)) {
                if (java.nio.file.Files.isRegularFile(privateKey)) {
                    // What authentication and the host key check do: an Ed25519 signature made and verified.
                    var keys = client.loadKeys(privateKey.toString());
                    var signature = net.schmizz.sshj.common.Factory.Named.Util.create(CONFIG.getKeyAlgorithms(), "ssh-ed25519").newSignature();
                    signature.initSign(keys.getPrivate());
                    signature.update(new byte[32]);
                    byte[] signed = signature.sign();
                    signature.initVerify(keys.getPublic());
                    signature.update(new byte[32]);
                    signature.verify(signed);
                }
            }
        } catch (Exception ignored) {
            // Only a warm-up: the real connection reports real problems.
        }
    }

    public static SshRunner connect(String machine, Endpoint endpoint, String user, Path privateKey, String pinnedHostKey,
                                    Duration connectTimeout) throws IOException {
        return connect(machine, endpoint, null, user, privateKey, pinnedHostKey, connectTimeout);
    }

    /** Over {@code spoken}, a connection already made to the endpoint, when not null; else over a new one. */
    private static SshRunner connect(String machine, Endpoint endpoint, java.net.Socket spoken, String user, Path privateKey,
                                     String pinnedHostKey, Duration connectTimeout) throws IOException {
        PinnedHostKey verifier = new PinnedHostKey(pinnedHostKey);
        SSHClient client = new SSHClient(CONFIG);
        client.addHostKeyVerifier(verifier);
        client.setConnectTimeout((int) connectTimeout.toMillis());
        if (spoken != null) client.setSocketFactory(SpokenSocket.handing(spoken));
        try {
            client.connect(endpoint.host(), endpoint.port());
            client.authPublickey(user, client.loadKeys(privateKey.toString()));
            return new SshRunner(client, machine);
        } catch (TransportException e) {
            client.close();
            if (verifier.offered() != null) {
                throw new HostKeyChangedException("the SSH host key of " + machine + " is not the one kubik pinned ("
                        + verifier.fingerprint() + ", offered " + PinnedHostKey.fingerprint(verifier.offered().split(" ")[1])
                        + "). If the machine was rebuilt outside kubik, 'kubik delete' and run the script again; "
                        + "otherwise something is intercepting the connection. Refusing to connect.");
            }
            throw e;
        } catch (IOException | RuntimeException e) {
            client.close();
            // sshj closes a socket it took; one it never took (the host name did not resolve) is still open.
            if (spoken != null) SpokenSocket.closeQuietly(spoken);
            throw e;
        }
    }

    /**
     * Connects, retrying while the node's SSH server is not up yet (refused, reset, no banner). A changed host key
     * is never retried.
     */
    public static SshRunner await(String machine, java.util.function.Supplier<Endpoint> endpoint, String user, Path privateKey,
                                  String pinnedHostKey, Duration timeout) {
        return await(machine, endpoint, user, privateKey, pinnedHostKey, timeout, () -> { });
    }

    /** As {@link #await}, telling {@code answered} once, when the SSH server first speaks (the machine is up). */
    public static SshRunner await(String machine, java.util.function.Supplier<Endpoint> endpoint, String user, Path privateKey,
                                  String pinnedHostKey, Duration timeout, Runnable answered) {
        boolean spoke = false;
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        Endpoint at = null;
        long askedAt = 0;
        long refusedSince = 0;
        while (System.nanoTime() < deadline) {
            try {
                // Asked again at most once a second: the machine may have moved (restarted, a new lease), but each
                // answer may cost its driver a process (docker port), and booting machines need the CPU.
                if (at == null || System.nanoTime() - askedAt > TimeUnit.SECONDS.toNanos(1)) {
                    at = endpoint.get();
                    askedAt = System.nanoTime();
                }
                // A booting machine (or the port forwarder in front of it) refuses or drops connections until sshd
                // listens: wait for its banner on a plain socket, which costs next to nothing, rather than build an
                // SSH client per try while the machine needs the CPU to boot; the client then takes that socket.
                java.util.Optional<java.net.Socket> spoken = SpokenSocket.open(at, Duration.ofSeconds(1));
                if (spoken.isEmpty()) {
                    last = new ConnectException("nothing answers at " + at.host() + ":" + at.port());
                    Pause.millis(20);
                    continue;
                }
                if (!spoke) {
                    spoke = true;
                    answered.run();
                }
                return connect(machine, at, spoken.get(), user, privateKey, pinnedHostKey, Duration.ofSeconds(5));
            } catch (HostKeyChangedException e) {
                throw e;
            } catch (net.schmizz.sshj.userauth.UserAuthException e) {
                // A booting machine refuses every login until systemd lets users in (/run/nologin, which pam_nologin
                // obeys, is removed late in the boot, and sshd may start before): a refusal is final only once it
                // has lasted AUTH_GRACE.
                if (refusedSince == 0) refusedSince = System.nanoTime();
                if (System.nanoTime() - refusedSince > AUTH_GRACE.toNanos() || System.nanoTime() > deadline) {
                    throw new DriverException("SSH on " + machine + " refused kubik's key for user " + user + " (" + e.getMessage() + ")",
                            "the machine has no user " + user + " (a node image must have one), or another key for it: "
                                    + "kubik delete, then run the script again", e);
                }
                last = e;
                Pause.millis(250);
                continue;
            } catch (ConnectException | TransportException e) {
                last = e;
            } catch (IOException | DriverException e) {
                last = e;
            }
            Pause.millis(20); // a refused connection costs nothing: try again soon
        }
        throw new DriverException("SSH on " + machine + " did not answer within " + timeout.toSeconds() + " s"
                + (last == null ? "" : ": " + last.getMessage()), 
                "kubik status shows whether the machine runs; its driver keeps its log (docker logs NAME, or ~/.kubik/machines/NAME/)");
    }

    /**
     * The host key a server offers, for drivers with no trusted channel to read it: recorded on first contact
     * (the connection is dropped before authentication) and pinned from then on.
     */
    public static String offeredHostKey(Endpoint endpoint) throws IOException {
        return offeredHostKey(endpoint, List.of(), Duration.ofSeconds(10));
    }

    /**
     * Every host key the server offers, one per type, asking for each type in turn (a server shows one key per
     * connection: the first type both sides prefer).
     */
    public static List<String> offeredHostKeys(Endpoint endpoint, Duration timeout) throws IOException {
        List<String> keys = new ArrayList<>();
        for (String type : List.of("ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "ssh-rsa")) {
            String key = offeredHostKey(endpoint, List.of(type), timeout);
            if (!keys.contains(key)) keys.add(key);
        }
        return keys;
    }

    private static String offeredHostKey(Endpoint endpoint, List<String> preferred, Duration timeout) throws IOException {
        java.util.concurrent.atomic.AtomicReference<String> seen = new java.util.concurrent.atomic.AtomicReference<>();
        try (SSHClient client = new SSHClient(CONFIG)) {
            client.setConnectTimeout((int) timeout.toMillis());
            client.addHostKeyVerifier(new net.schmizz.sshj.transport.verification.HostKeyVerifier() {
                @Override
                public boolean verify(String hostname, int port, java.security.PublicKey key) {
                    seen.set(net.schmizz.sshj.common.KeyType.fromKey(key) + " " + java.util.Base64.getEncoder()
                            .encodeToString(new net.schmizz.sshj.common.Buffer.PlainBuffer().putPublicKey(key).getCompactData()));
                    return false;
                }

                @Override
                public List<String> findExistingAlgorithms(String hostname, int port) {
                    return preferred;
                }
            });
            client.connect(endpoint.host(), endpoint.port());
        } catch (TransportException expected) {
            // The verifier refused on purpose once it had the key.
        }
        if (seen.get() == null) throw new IOException("no host key offered by " + endpoint);
        return seen.get();
    }

    @Override
    public CommandResult run(List<String> argv, Duration timeout) {
        return exec(argv, null, timeout);
    }

    @Override
    public CommandResult run(List<String> argv, InputStream input, Duration timeout) {
        return exec(argv, input, timeout);
    }

    private CommandResult exec(List<String> argv, InputStream stdin, Duration timeout) {
        try (Session session = client.startSession()) {
            Session.Command command = session.exec(ShellWords.join(argv));
            CompletableFuture<byte[]> out = StreamDrain.start(command.getInputStream());
            CompletableFuture<byte[]> err = StreamDrain.start(command.getErrorStream());
            feed(command.getOutputStream(), stdin);
            command.join(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Integer status = command.getExitStatus();
            if (status == null) {
                // A command killed by a signal ends with the signal's name instead of a status, and before the deadline.
                String ended = command.getExitSignal() != null ? " was killed by signal " + command.getExitSignal()
                        : command.isOpen() ? " did not finish within " + timeout.toSeconds() + " s" : " ended without an exit status";
                throw new DriverException("'" + ShellWords.join(argv) + "' on " + machine + ended, null);
            }
            return new CommandResult(status, new String(out.get(timeout.toMillis(), TimeUnit.MILLISECONDS), StandardCharsets.UTF_8),
                    new String(err.get(timeout.toMillis(), TimeUnit.MILLISECONDS), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new DriverException("SSH to " + machine + " failed: " + e.getMessage(), "kubik status", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriverException("interrupted", null, e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new DriverException("reading output from " + machine + " failed: " + e.getMessage(), null, e);
        }
    }

    /**
     * The command's standard input: copied on a thread of its own, as OpenSSH does, so a command that ends without
     * reading all of it (or a terminal's stream that never ends) does not hold up its result; closed at its end.
     */
    private void feed(OutputStream in, InputStream stdin) throws IOException {
        if (stdin == null) {
            in.close();
            return;
        }
        Thread feeder = new Thread(() -> {
            try (in) {
                stdin.transferTo(in);
            } catch (IOException ignored) {
                // The command ended (its channel closed) before its input did: the rest is not wanted.
            }
        }, "kubik-ssh-stdin-" + machine);
        feeder.setDaemon(true);
        feeder.start();
    }

    /** Writes as root through a fixed script; the path and mode travel as quoted arguments, the content on stdin. */
    @Override
    public void writeFile(String path, byte[] content, int mode) {
        List<String> argv = new ArrayList<>(List.of("sudo", "sh", "-c",
                "mkdir -p \"$(dirname \"$1\")\" && cat > \"$1\" && chmod \"$2\" \"$1\"", "sh", path, Integer.toOctalString(mode)));
        CommandResult result = exec(argv, new java.io.ByteArrayInputStream(content), Duration.ofMinutes(1));
        if (!result.ok()) {
            throw new DriverException("could not write " + path + " on " + machine + ": " + result.stderr().strip(), null);
        }
    }

    /**
     * {@code ssh -L}: every connection accepted on {@code local} is carried to {@code host:port} as the machine reaches
     * it, on a thread of its own, until the returned handle (or this connection) is closed.
     */
    public AutoCloseable forward(java.net.ServerSocket local, String host, int port) {
        var forwarder = client.newLocalPortForwarder(new net.schmizz.sshj.connection.channel.direct.Parameters(
                local.getInetAddress().getHostAddress(), local.getLocalPort(), host, port), local);
        Thread listener = new Thread(() -> {
            try {
                forwarder.listen();
            } catch (IOException ignored) {
                // Closed: the forward ends, as asked.
            }
        }, "kubik-forward-" + local.getLocalPort() + "-" + machine);
        listener.setDaemon(true);
        listener.start();
        return () -> {
            forwarder.close();
            local.close();
        };
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException ignored) {
            // Closing a broken connection: nothing left to release.
        }
    }
}
