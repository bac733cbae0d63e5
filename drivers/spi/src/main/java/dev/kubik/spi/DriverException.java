package dev.kubik.spi;

/** A machine operation failed; {@code fix} tells the user what to do about it (may be null). */
public class DriverException extends RuntimeException {
    private final String fix;

    public DriverException(String message, String fix) {
        super(message);
        this.fix = fix;
    }

    public DriverException(String message, String fix, Throwable cause) {
        super(message, cause);
        this.fix = fix;
    }

    public String fix() {
        return fix;
    }
}
