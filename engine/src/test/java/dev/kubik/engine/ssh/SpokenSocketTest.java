package dev.kubik.engine.ssh;

import dev.kubik.spi.Endpoint;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class SpokenSocketTest {
    private static final String IDENTIFICATION = "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u10\r\n";

    @Test
    void theServersFirstWordsReachTheNextReaderWhole() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            CompletableFuture<Void> speaks = CompletableFuture.runAsync(() -> answer(server, IDENTIFICATION));
            Optional<Socket> spoken = SpokenSocket.open(new Endpoint("127.0.0.1", server.getLocalPort()), Duration.ofSeconds(2));
            assertThat(spoken).isPresent();
            try (Socket socket = spoken.get()) {
                // The SSH client takes this connection as it is: connected, nothing of the server's line consumed.
                assertThat(SpokenSocket.handing(socket).createSocket()).isSameAs(socket);
                assertThat(socket.isConnected()).isTrue();
                String line = new String(socket.getInputStream().readNBytes(IDENTIFICATION.length()), StandardCharsets.US_ASCII);
                assertThat(line).isEqualTo(IDENTIFICATION);
            }
            speaks.join();
        }
    }

    @Test
    void aForwarderThatClosesUnspokenIsNotAServer() throws Exception {
        // docker's proxy accepts while nothing listens in the container, then closes.
        try (ServerSocket server = new ServerSocket(0)) {
            CompletableFuture<Void> closes = CompletableFuture.runAsync(() -> answer(server, ""));
            assertThat(SpokenSocket.open(new Endpoint("127.0.0.1", server.getLocalPort()), Duration.ofSeconds(2))).isEmpty();
            closes.join();
        }
    }

    @Test
    void nothingListeningIsNotAServer() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        assertThat(SpokenSocket.open(new Endpoint("127.0.0.1", port), Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void aServerThatSaysNothingInTimeIsNotAServerYet() throws Exception {
        try (ServerSocket server = new ServerSocket(0); Socket ignored = new Socket()) {
            // Accepted by the kernel's backlog, never spoken to.
            long start = System.nanoTime();
            assertThat(SpokenSocket.open(new Endpoint("127.0.0.1", server.getLocalPort()), Duration.ofMillis(300))).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }
    }

    private static void answer(ServerSocket server, String words) {
        try (Socket client = server.accept(); OutputStream out = client.getOutputStream()) {
            out.write(words.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
