package dev.kubik.addons;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One addon kubik ships: its bundled manifest and the images that manifest runs.
 *
 * @param name        what scripts write in {@code addons '...'}
 * @param description one line for {@code kubik addons list}
 * @param maintainer  who maintains the software the addon installs
 * @param images      every image the manifest runs, fully qualified (registry/repository:tag[@digest])
 */
public record Addon(String name, String description, String maintainer, List<String> images) {
    public Addon {
        images = List.copyOf(images);
    }

    /** The manifest, one YAML stream of Kubernetes objects, applied as it is. */
    public String manifest() {
        String resource = name + ".yaml";
        try (InputStream in = Addon.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("addon " + name + " has no bundled manifest " + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
