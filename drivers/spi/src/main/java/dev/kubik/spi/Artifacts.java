package dev.kubik.spi;

import java.net.URI;
import java.nio.file.Path;

/** Downloads through kubik's cache: fetched once, resumed, checked against a sha256, progress shown. */
@FunctionalInterface
public interface Artifacts {
    /**
     * The cached file at {@code cachePath} (relative to the cache), fetched from {@code url} when missing.
     *
     * @param sha256 the expected digest in hex, or null where the source publishes {@code url + ".sha256"}
     * @throws DriverException when it cannot be had (offline, wrong digest); the message says which
     */
    Path fetch(URI url, String cachePath, String sha256);

    /** For contexts that must not download (tests, dry runs). */
    Artifacts NONE = (url, path, sha256) -> {
        throw new DriverException("cannot download " + url + " here", "put the file at ~/.kubik/cache/" + path);
    };
}
