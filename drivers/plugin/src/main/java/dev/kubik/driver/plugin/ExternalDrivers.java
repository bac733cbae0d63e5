package dev.kubik.driver.plugin;

import dev.kubik.spi.Driver;
import dev.kubik.spi.DriverSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The driver plugins on this host: each {@code kubik-driver-NAME} executable is one more driver. Its descriptor
 * comes from the cache, or from asking the plugin once; a plugin that cannot describe itself is left out with a
 * warning on standard error, never failing the command that listed it.
 */
public final class ExternalDrivers implements DriverSource {

    @Override
    public List<Driver> drivers() {
        Map<String, Path> found = PluginFiles.find();
        if (found.isEmpty()) return List.of();
        DescriptorCache cache = new DescriptorCache(PluginFiles.pluginsDir().resolve("descriptors.json"));
        List<Driver> drivers = new ArrayList<>();
        found.forEach((name, executable) -> {
            try {
                PluginDescriptor descriptor = cache.get(executable).map(DescriptorCache.Entry::descriptor).orElseGet(() -> {
                    PluginDescriptor described = PluginCalls.describe(executable);
                    cache.putDescriptor(executable, described);
                    return described;
                });
                if (!descriptor.name().equals(name)) {
                    System.err.println("kubik: plugin " + executable + " calls itself '" + descriptor.name()
                            + "'; its file name says '" + name + "': left out");
                    return;
                }
                drivers.add(new PluginDriver(executable, descriptor, cache));
            } catch (RuntimeException e) {
                System.err.println("kubik: plugin " + executable + " left out: " + e.getMessage());
            }
        });
        return drivers;
    }
}
