package dev.kubik.spi;

/** Where drivers and bootstrappers tell the user things while a step runs. */
public interface Reporter {
    void info(String message);

    void warn(String message);

    Reporter SILENT = new Reporter() {
        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message) {
        }
    };
}
