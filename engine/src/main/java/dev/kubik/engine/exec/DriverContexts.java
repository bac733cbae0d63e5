package dev.kubik.engine.exec;

import dev.kubik.engine.KubikHome;
import dev.kubik.engine.artifacts.ArtifactCache;
import dev.kubik.spi.Artifacts;
import dev.kubik.spi.DriverContext;
import dev.kubik.spi.DriverException;
import dev.kubik.spi.HostCommands;
import dev.kubik.spi.Reporter;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The context the engine hands drivers: kubik's home, its download cache, host processes, the run's events. */
public final class DriverContexts {
    private DriverContexts() {
    }

    public static DriverContext of(KubikHome home, Events events) {
        // The cache (and its HTTP client) is made on first download: runs that fetch nothing do not pay for it.
        Artifacts artifacts = new Artifacts() {
            private volatile ArtifactCache cache;

            @Override
            public java.nio.file.Path fetch(java.net.URI url, String cachePath, String sha256) {
                if (cache == null) cache = ArtifactCache.forHome(home.cache());
                return cache.fetch(url, cachePath, sha256, events::download);
            }
        };
        return new DriverContext(home.root(), artifacts, HostCommands.LOCAL, events, dev.kubik.engine.ssh.EngineSecureShell.INSTANCE);
    }

    /**
     * The context for one run: each message said once, and a download that failed is not tried again by every node
     * (offline, each try would wait for its connection to time out).
     */
    public static DriverContext forRun(DriverContext context) {
        Map<String, DriverException> failed = new ConcurrentHashMap<>();
        Artifacts artifacts = (url, path, sha256) -> {
            DriverException earlier = failed.get(url.toString());
            if (earlier != null) throw earlier;
            try {
                return context.artifacts().fetch(url, path, sha256);
            } catch (DriverException e) {
                failed.put(url.toString(), e);
                throw e;
            }
        };
        return new DriverContext(context.home(), artifacts, context.host(), once(context.reporter()), context.ssh());
    }

    /**
     * Says each distinct message once per run: a fact about the host (a daemon that cannot grant --privileged, no
     * preload to be had) is found by every parallel machine or node, and the user needs to read it once.
     */
    public static Reporter once(Reporter reporter) {
        Set<String> said = ConcurrentHashMap.newKeySet();
        return new Reporter() {
            @Override
            public void info(String message) {
                if (said.add(message)) reporter.info(message);
            }

            @Override
            public void warn(String message) {
                if (said.add(message)) reporter.warn(message);
            }

            @Override
            public java.util.Optional<Boolean> ask(String question) {
                return reporter.ask(question);
            }

            @Override
            public void phase(String machine, String phase, java.time.Duration took) {
                reporter.phase(machine, phase, took);
            }
        };
    }
}
