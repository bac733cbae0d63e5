package dev.kubik.engine.artifacts;

import dev.kubik.engine.state.ProfileLock;
import dev.kubik.spi.DriverException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * kubik's download cache ({@code ~/.kubik/cache}), shared by every profile: a file is fetched once, resumed where
 * an interrupted download stopped (HTTP Range), checked against its published sha256 before it is used, and
 * locked while it downloads so two kubiks never fetch the same file twice. A mirror (an HTTP base, or a local
 * directory for air-gapped machines) can stand in for the upstream host.
 */
public final class ArtifactCache {
    /** Told how far a download has come; {@code total} is -1 when the server does not say. */
    @FunctionalInterface
    public interface Progress {
        void update(String artifact, long done, long total);

        Progress NONE = (artifact, done, total) -> {
        };
    }

    private static final int BUFFER = 64 * 1024;
    private final Path root;
    private final String mirror;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(20)).build();

    /**
     * @param root   the cache directory
     * @param mirror null, an http(s) base URL, or a local directory, standing in for every upstream host
     */
    public ArtifactCache(Path root, String mirror) {
        this.root = root;
        this.mirror = mirror == null || mirror.isBlank() ? null : mirror.replaceAll("/+$", "");
    }

    /** A cache for this machine: {@code KUBIK_MIRROR} is the mirror, when set. */
    public static ArtifactCache forHome(Path cacheRoot) {
        return new ArtifactCache(cacheRoot, System.getenv("KUBIK_MIRROR"));
    }

    /**
     * The cached file at {@code relative}, fetched from {@code url} if missing.
     *
     * @param sha256 the expected digest in hex, or null to read it from {@code url + ".sha256"} (dl.k8s.io's way)
     */
    public Path fetch(URI url, String relative, String sha256, Progress progress) {
        Path target = root.resolve(relative).normalize();
        if (!target.startsWith(root)) throw new IllegalArgumentException("cache path outside the cache: " + relative);
        try (ProfileLock ignored = ProfileLock.acquireFile(target.resolveSibling(target.getFileName() + ".lock"), "download of " + target.getFileName(),
                Duration.ofMinutes(30), message -> { })) {
            String expected = sha256 != null ? sha256 : publishedDigest(url);
            if (Files.isRegularFile(target) && digest(target).equals(expected)) return target;
            Path partial = target.resolveSibling(target.getFileName() + ".part");
            download(source(url), partial, relative, progress);
            String actual = digest(partial);
            if (!actual.equals(expected)) {
                Files.deleteIfExists(partial);
                throw new DriverException(relative + " does not match its published checksum (sha256 " + actual
                        + ", expected " + expected + "); the partial file was removed", "run again to download it afresh");
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new DriverException("cannot download " + url + ": " + e.getMessage(),
                    "offline? put the file in " + target.getParent() + ", or set KUBIK_MIRROR to a mirror or directory", e);
        }
    }

    /** Where a URL is really read from: the mirror keeps the path, replaces scheme and host. */
    URI source(URI url) {
        if (mirror == null) return url;
        String path = url.getRawPath();
        if (mirror.startsWith("http://") || mirror.startsWith("https://")) return URI.create(mirror + path);
        return Path.of(mirror).resolve(path.replaceFirst("^/+", "")).toUri();
    }

    private String publishedDigest(URI url) throws IOException {
        URI sums = URI.create(url + ".sha256");
        String text = read(source(sums));
        String digest = text.strip().split("\\s+")[0].toLowerCase();
        if (!digest.matches("[0-9a-f]{64}")) throw new IOException(sums + " holds no sha256 digest");
        return digest;
    }

    private String read(URI uri) throws IOException {
        if (uri.getScheme().equals("file")) return Files.readString(Path.of(uri));
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) throw new IOException(uri + " answered HTTP " + response.statusCode());
        return response.body();
    }

    private void download(URI uri, Path partial, String artifact, Progress progress) throws IOException {
        Files.createDirectories(partial.getParent());
        if (uri.getScheme().equals("file")) {
            long total = Files.size(Path.of(uri));
            try (InputStream in = Files.newInputStream(Path.of(uri))) {
                copy(in, partial, false, 0, total, artifact, progress);
            }
            return;
        }
        long have = Files.exists(partial) ? Files.size(partial) : 0;
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        if (have > 0) request.header("Range", "bytes=" + have + "-");
        HttpResponse<InputStream> response = send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        boolean resumed = response.statusCode() == 206;
        if (response.statusCode() == 416 && have > 0) {
            response.body().close();
            return; // the partial file is already complete; the checksum decides
        }
        if (!resumed && response.statusCode() != 200) {
            response.body().close();
            throw new IOException(uri + " answered HTTP " + response.statusCode());
        }
        long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        long start = resumed ? have : 0;
        try (InputStream in = response.body()) {
            copy(in, partial, resumed, start, length < 0 ? -1 : start + length, artifact, progress);
        }
    }

    private static void copy(InputStream in, Path partial, boolean append, long start, long total, String artifact,
                             Progress progress) throws IOException {
        try (OutputStream out = Files.newOutputStream(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buffer = new byte[BUFFER];
            long done = start;
            progress.update(artifact, done, total);
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                done += n;
                progress.update(artifact, done, total);
            }
        }
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
        try {
            return http.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    static String digest(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = in.read(buffer)) > 0; ) sha.update(buffer, 0, n);
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
