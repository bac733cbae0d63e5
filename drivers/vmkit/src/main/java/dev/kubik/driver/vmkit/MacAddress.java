package dev.kubik.driver.vmkit;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A VM's MAC address: six bytes, written as colon-separated hex. New ones are random, unicast and locally
 * administered (the second bit of the first byte set, the first clear), so they never collide with a vendor's.
 */
public record MacAddress(byte[] bytes) {
    private static final SecureRandom RANDOM = new SecureRandom();

    public MacAddress {
        if (bytes.length != 6) throw new IllegalArgumentException("a MAC address has 6 bytes, not " + bytes.length);
        bytes = bytes.clone();
    }

    public static MacAddress random() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        bytes[0] = (byte) ((bytes[0] & 0xFC) | 0x02);
        return new MacAddress(bytes);
    }

    /**
     * Parses {@code 52:54:00:12:00:01}, and macOS's lease form, which drops leading zeros ({@code 52:54:0:12:0:1});
     * compare parsed addresses, never strings.
     */
    public static MacAddress parse(String text) {
        String[] parts = text.strip().split("[:-]");
        if (parts.length != 6) throw new IllegalArgumentException("not a MAC address: " + text);
        byte[] bytes = new byte[6];
        for (int i = 0; i < 6; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 2) throw new IllegalArgumentException("not a MAC address: " + text);
            bytes[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return new MacAddress(bytes);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MacAddress mac && java.util.Arrays.equals(bytes, mac.bytes);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HexFormat.ofDelimiter(":").formatHex(bytes).toLowerCase(Locale.ROOT);
    }
}
