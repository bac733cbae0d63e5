package dev.kubik.driver.vmkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * macOS's bootpd lease file (/var/db/dhcpd_leases), where vfkit's NAT network records each VM's address:
 * <pre>
 * {
 *         name=kubik
 *         ip_address=192.168.64.5
 *         hw_address=1,52:54:0:12:0:1
 *         identifier=1,52:54:0:12:0:1
 *         lease=0x6759a3f0
 * }
 * </pre>
 * The hardware address drops leading zeros, so addresses are compared as bytes. The newest lease (highest
 * {@code lease} time) wins when a MAC appears twice.
 */
public final class DhcpdLeases {
    /** One lease. */
    public record Lease(String name, String ipAddress, MacAddress mac, long expires) {
    }

    private DhcpdLeases() {
    }

    public static List<Lease> parse(String text) {
        List<Lease> leases = new ArrayList<>();
        Map<String, String> fields = null;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.equals("{")) {
                fields = new HashMap<>();
            } else if (line.equals("}") && fields != null) {
                lease(fields).ifPresent(leases::add);
                fields = null;
            } else if (fields != null && line.contains("=")) {
                fields.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        return leases;
    }

    private static Optional<Lease> lease(Map<String, String> fields) {
        String ip = fields.get("ip_address");
        String hw = fields.get("hw_address");
        if (ip == null || hw == null) return Optional.empty();
        try {
            MacAddress mac = MacAddress.parse(hw.contains(",") ? hw.substring(hw.indexOf(',') + 1) : hw);
            String lease = fields.getOrDefault("lease", "0x0");
            long expires = Long.parseLong(lease.replaceFirst("^0x", ""), lease.startsWith("0x") ? 16 : 10);
            return Optional.of(new Lease(fields.getOrDefault("name", ""), ip, mac, expires));
        } catch (IllegalArgumentException damaged) {
            return Optional.empty(); // one odd entry must not hide the others
        }
    }

    /** The address leased to this MAC, if any. */
    public static Optional<String> addressOf(Path file, MacAddress mac) throws IOException {
        if (!Files.isReadable(file)) return Optional.empty();
        return parse(Files.readString(file)).stream().filter(l -> l.mac().equals(mac))
                .max(java.util.Comparator.comparingLong(Lease::expires)).map(Lease::ipAddress);
    }
}
