package dev.kubik.spi;

/**
 * The result of a driver's health check (minikube's registry State).
 *
 * @param installed whether the tool the driver needs is present
 * @param healthy   whether it answers and can create machines
 * @param version   the tool's version when known
 * @param error     what is wrong, when not healthy
 * @param fix       what the user should do about it
 * @param doc       where to read more
 */
public record DriverStatus(boolean installed, boolean healthy, String version, String error, String fix, String doc) {

    public static DriverStatus healthy(String version) {
        return new DriverStatus(true, true, version, null, null, null);
    }

    public static DriverStatus notInstalled(String error, String fix, String doc) {
        return new DriverStatus(false, false, null, error, fix, doc);
    }

    public static DriverStatus unhealthy(String version, String error, String fix, String doc) {
        return new DriverStatus(true, false, version, error, fix, doc);
    }
}
