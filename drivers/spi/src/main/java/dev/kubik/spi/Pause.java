package dev.kubik.spi;

/** Waiting between polls; an interrupt (Ctrl-C) ends the wait as a failure of the step. */
public final class Pause {
    private Pause() {
    }

    public static void millis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriverException("interrupted", null, e);
        }
    }
}
