package dev.kubik.driver.ssh;

import dev.kubik.spi.DriverException;
import dev.kubik.spi.ExistingHost;

import java.util.HashMap;
import java.util.Map;

/** What an existing host says of itself: whether kubik's login has sudo, its OS, architecture, cores and memory. */
record HostFacts(boolean sudo, String kernel, String arch, String os, String family, String pretty, int cpus, long memoryMiB) {

    static HostFacts parse(String output) {
        Map<String, String> values = new HashMap<>();
        output.lines().forEach(line -> {
            int eq = line.indexOf('=');
            if (eq > 0) values.put(line.substring(0, eq), line.substring(eq + 1).strip());
        });
        return new HostFacts("yes".equals(values.get("sudo")), values.getOrDefault("kernel", "?"), values.getOrDefault("arch", "?"),
                values.getOrDefault("os", "unknown"), values.getOrDefault("family", ""), values.getOrDefault("pretty", "Linux"),
                number(values.get("cpus")), number(values.get("memKiB")) / 1024);
    }

    /** Refuses a host kubik cannot use, naming it and the reason. */
    void requireUsable(String machine, ExistingHost host) {
        String where = machine + " (" + host.user() + "@" + host.endpoint() + ")";
        if (!sudo) {
            throw new DriverException("the login " + host.user() + " on " + where + " cannot use sudo without a password",
                    "on the host: echo '" + host.user() + " ALL=(ALL) NOPASSWD:ALL' | sudo tee /etc/sudoers.d/kubik");
        }
        if (!kernel.equals("Linux")) {
            throw new DriverException(where + " runs " + kernel + ", not Linux", "the ssh driver adopts Linux hosts only");
        }
        if (!arch.equals("x86_64") && !arch.equals("aarch64")) {
            throw new DriverException(where + " is " + arch + "; kubik's nodes are x86_64 or aarch64", "use an amd64 or arm64 host");
        }
    }

    private static int number(String text) {
        try {
            return text == null ? 0 : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
