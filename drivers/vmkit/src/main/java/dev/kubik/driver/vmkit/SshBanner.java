package dev.kubik.driver.vmkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Waits until an SSH server answers with its banner. A forwarded port (qemu's user networking) accepts TCP before
 * sshd listens and then closes it, so connecting proves nothing: the banner does. Reads wait up to 10 s, because
 * under emulation sshd is slow to start each connection, and many aborted probes slow it further.
 */
public final class SshBanner {
    private SshBanner() {
    }

    public static void await(String host, int port, Duration timeout, BooleanSupplier alive, String machine)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            if (!alive.getAsBoolean()) throw new IOException(machine + " stopped while kubik waited for its SSH server");
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 2000);
                socket.setSoTimeout(10_000);
                if (readLine(socket.getInputStream()).startsWith("SSH-2.0")) return;
                last = "the port closed without an SSH banner";
            } catch (IOException e) {
                last = e.getMessage();
            }
            Thread.sleep(250);
        }
        throw new IOException("the SSH server of " + machine + " (" + host + ":" + port + ") did not answer within "
                + timeout.toSeconds() + " s (" + last + ")");
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\n' && line.length() < 256; b = in.read()) line.append((char) b);
        return line.toString().strip();
    }
}
