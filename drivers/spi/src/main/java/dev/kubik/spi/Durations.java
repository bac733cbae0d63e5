package dev.kubik.spi;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in environment variables and flags, as Go's (minikube's, kubectl's): 90s, 20m, 1h30m. */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");

    private Durations() {
    }

    /** @throws IllegalArgumentException naming what is valid */
    public static Duration parse(String text) {
        String value = text.strip();
        Matcher part = PART.matcher(value);
        Duration total = Duration.ZERO;
        int at = 0;
        while (at < value.length() && part.find(at) && part.start() == at) {
            long n = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
            at = part.end();
        }
        if (value.isEmpty() || at != value.length() || total.isZero()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: write it as 90s, 20m or 1h30m");
        }
        return total;
    }

    /** 20 min, 90 s, 1500 ms: for messages. */
    public static String describe(Duration duration) {
        return render(duration, " min", " s", " ms");
    }

    /** 20m, 90s, 1500ms: as {@link #parse} reads it back. */
    public static String format(Duration duration) {
        return render(duration, "m", "s", "ms");
    }

    private static String render(Duration duration, String minutes, String seconds, String millis) {
        if (duration.toMillis() % 60_000 == 0) return duration.toMinutes() + minutes;
        if (duration.toMillis() % 1000 == 0) return duration.toSeconds() + seconds;
        return duration.toMillis() + millis;
    }
}
