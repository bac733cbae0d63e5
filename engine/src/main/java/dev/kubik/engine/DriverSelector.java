package dev.kubik.engine;

import dev.kubik.spi.Driver;
import dev.kubik.spi.DriverStatus;
import dev.kubik.spi.HostOs;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Picks a driver when a script names none, as minikube does: every driver that runs on this OS is checked at
 * once, they are ranked by priority, and the healthy best that may be auto-selected wins. The rejected ones are
 * kept with their reasons and fixes, to be shown.
 */
public final class DriverSelector {
    private static final long STATUS_TIMEOUT_SECONDS = 20;

    /** One driver's check. */
    public record Candidate(Driver driver, DriverStatus status) {
        public boolean usable() {
            return status.installed() && status.healthy();
        }
    }

    /** The choice (may be empty) and every candidate, best first. */
    public record Selection(Optional<Driver> chosen, List<Candidate> candidates) {
    }

    private DriverSelector() {
    }

    public static List<Candidate> check(List<Driver> drivers) {
        List<CompletableFuture<Candidate>> checks = drivers.stream()
                .filter(d -> d.supportedOn().contains(HostOs.current()))
                .map(d -> CompletableFuture.supplyAsync(() -> new Candidate(d, safeStatus(d))))
                .toList();
        return checks.stream().map(f -> {
                    try {
                        return f.get(STATUS_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        return null;
                    }
                }).filter(java.util.Objects::nonNull)
                .sorted(Comparator.comparing((Candidate c) -> c.usable() ? 0 : 1)
                        .thenComparing(c -> c.driver().priority(), Comparator.reverseOrder())
                        .thenComparing(c -> c.driver().name()))
                .toList();
    }

    public static Selection select(List<Driver> drivers) {
        List<Candidate> candidates = check(drivers);
        Optional<Driver> chosen = candidates.stream()
                .filter(c -> c.usable() && c.driver().priority().autoSelectable())
                .map(Candidate::driver).findFirst();
        return new Selection(chosen, candidates);
    }

    private static DriverStatus safeStatus(Driver driver) {
        try {
            return driver.status();
        } catch (RuntimeException e) {
            return DriverStatus.unhealthy(null, e.getMessage(), null, null);
        }
    }
}
