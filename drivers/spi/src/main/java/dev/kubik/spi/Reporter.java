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

    Reporter SILENT = new Reporter() {
        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message) {
        }
    };
}
