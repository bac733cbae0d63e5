package dev.kubik.spi;

/** Where drivers and bootstrappers tell the user things while a step runs. */
public interface Reporter {
    void info(String message);

    void warn(String message);

    /**
     * Asks the user a yes/no question; empty when nobody can answer (a batch run, CI, JSON output), and the
     * caller must then refuse rather than assume.
     */
    default java.util.Optional<Boolean> ask(String question) {
        return java.util.Optional.empty();
    }

    /**
     * How long one phase of a step took on a machine ("docker run", "host key", "ssh handshake"…), for
     * {@code --timings}; ignored by default.
     */
    default void phase(String machine, String phase, java.time.Duration took) {
    }

    /** Runs {@code work} and reports it as a {@link #phase}. */
    default <T> T timed(String machine, String phase, java.util.function.Supplier<T> work) {
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            phase(machine, phase, java.time.Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** {@link #timed(String, String, java.util.function.Supplier)} for work without a result. */
    default void timed(String machine, String phase, Runnable work) {
        timed(machine, phase, () -> {
            work.run();
            return null;
        });
    }

    Reporter SILENT = new Reporter() {
        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message) {
        }
    };
}
