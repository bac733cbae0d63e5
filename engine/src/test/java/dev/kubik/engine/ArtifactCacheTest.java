package dev.kubik.engine;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.kubik.engine.artifacts.ArtifactCache;
import dev.kubik.spi.DriverException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Downloads from a real HTTP server on loopback that serves ranges and .sha256 files, as dl.k8s.io does. */
class ArtifactCacheTest {
    static final byte[] KUBEADM = new byte[3 * 1024 * 1024 + 17];
    static final String SHA;

    static {
        new Random(42).nextBytes(KUBEADM);
        try {
            SHA = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(KUBEADM));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    HttpServer server;
    final List<String> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger fullGets = new AtomicInteger();
    volatile String publishedSha = SHA;
    @TempDir
    Path cache;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/release/v1.34.0/bin/linux/amd64/kubeadm", this::binary);
        server.createContext("/release/v1.34.0/bin/linux/amd64/kubeadm.sha256", exchange ->
                respond(exchange, 200, (publishedSha + "\n").getBytes(StandardCharsets.US_ASCII)));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void binary(HttpExchange exchange) throws IOException {
        String range = exchange.getRequestHeaders().getFirst("Range");
        requests.add(range == null ? "GET" : "GET " + range);
        if (range == null) {
            fullGets.incrementAndGet();
            respond(exchange, 200, KUBEADM);
            return;
        }
        int from = Integer.parseInt(range.substring("bytes=".length(), range.indexOf('-')));
        byte[] rest = java.util.Arrays.copyOfRange(KUBEADM, from, KUBEADM.length);
        exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (KUBEADM.length - 1) + "/" + KUBEADM.length);
        respond(exchange, 206, rest);
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/release/v1.34.0/bin/linux/amd64/kubeadm");
    }

    @Test
    void downloadsOnceChecksTheChecksumAndReportsProgress() throws Exception {
        AtomicLong last = new AtomicLong(-1);
        AtomicLong total = new AtomicLong();
        ArtifactCache artifacts = new ArtifactCache(cache, null);

        Path file = artifacts.fetch(url(), "linux/amd64/v1.34.0/kubeadm", null, (name, done, all) -> {
            assertThat(done).isGreaterThanOrEqualTo(last.get());
            last.set(done);
            total.set(all);
        });
        artifacts.fetch(url(), "linux/amd64/v1.34.0/kubeadm", null, ArtifactCache.Progress.NONE);

        assertThat(Files.readAllBytes(file)).isEqualTo(KUBEADM);
        assertThat(last.get()).isEqualTo(KUBEADM.length);
        assertThat(total.get()).isEqualTo(KUBEADM.length);
        assertThat(fullGets.get()).isEqualTo(1);
    }

    @Test
    void anInterruptedDownloadResumesWhereItStopped() throws Exception {
        Path part = cache.resolve("linux/amd64/v1.34.0/kubeadm.part");
        Files.createDirectories(part.getParent());
        Files.write(part, java.util.Arrays.copyOf(KUBEADM, 1_000_000));

        Path file = new ArtifactCache(cache, null).fetch(url(), "linux/amd64/v1.34.0/kubeadm", SHA, ArtifactCache.Progress.NONE);

        assertThat(requests).containsExactly("GET bytes=1000000-");
        assertThat(Files.readAllBytes(file)).isEqualTo(KUBEADM);
        assertThat(Files.exists(part)).isFalse();
    }

    @Test
    void aChecksumMismatchLeavesNothingBehind() {
        publishedSha = "0".repeat(64);
        assertThatThrownBy(() -> new ArtifactCache(cache, null).fetch(url(), "linux/amd64/v1.34.0/kubeadm", null, ArtifactCache.Progress.NONE))
                .isInstanceOf(DriverException.class).hasMessageContaining("does not match its published checksum");
        assertThat(cache.resolve("linux/amd64/v1.34.0/kubeadm")).doesNotExist();
        assertThat(cache.resolve("linux/amd64/v1.34.0/kubeadm.part")).doesNotExist();
    }

    @Test
    void twoFetchesAtOnceDownloadTheFileOnce() throws Exception {
        ArtifactCache artifacts = new ArtifactCache(cache, null);
        Thread[] threads = new Thread[2];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> artifacts.fetch(url(), "linux/amd64/v1.34.0/kubeadm", SHA, ArtifactCache.Progress.NONE));
            threads[i].start();
        }
        for (Thread thread : threads) thread.join();
        assertThat(fullGets.get()).isEqualTo(1);
    }

    @Test
    void aLocalDirectoryMirrorServesAnAirGappedMachine(@TempDir Path mirror) throws Exception {
        Path local = mirror.resolve("release/v1.34.0/bin/linux/amd64/kubeadm");
        Files.createDirectories(local.getParent());
        Files.write(local, KUBEADM);
        Files.writeString(Path.of(local + ".sha256"), SHA);

        Path file = new ArtifactCache(cache, mirror.toString())
                .fetch(URI.create("https://dl.k8s.io/release/v1.34.0/bin/linux/amd64/kubeadm"), "linux/amd64/v1.34.0/kubeadm", null,
                        ArtifactCache.Progress.NONE);

        assertThat(Files.readAllBytes(file)).isEqualTo(KUBEADM);
        assertThat(requests).isEmpty();
    }

    @Test
    void anHttpMirrorStandsInForTheUpstreamHost() {
        String mirror = "http://127.0.0.1:" + server.getAddress().getPort();
        Path file = new ArtifactCache(cache, mirror).fetch(URI.create("https://dl.k8s.io/release/v1.34.0/bin/linux/amd64/kubeadm"),
                "linux/amd64/v1.34.0/kubeadm", null, ArtifactCache.Progress.NONE);
        assertThat(file).exists();
        assertThat(fullGets.get()).isEqualTo(1);
    }
}
