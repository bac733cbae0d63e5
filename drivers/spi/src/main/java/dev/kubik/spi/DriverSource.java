package dev.kubik.spi;

import java.util.List;

/**
 * Drivers that are not classes on the class path, such as external plugin executables, found by a module that
 * knows where to look. Registered in {@code META-INF/services/dev.kubik.spi.DriverSource}.
 */
public interface DriverSource {
    /** The drivers found now; cheap enough to call once per kubik command (no driver is started to list it). */
    List<Driver> drivers();
}
