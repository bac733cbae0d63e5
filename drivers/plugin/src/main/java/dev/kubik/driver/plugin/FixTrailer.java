package dev.kubik.driver.plugin;

import io.grpc.Metadata;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The {@code kubik-fix} trailer a failed call carries. HTTP/2 header values are printable ASCII, so a fix in any
 * other characters is percent-encoded UTF-8, as gRPC encodes {@code grpc-message}: {@code caf%C3%A9}. A value with
 * anything else is refused (the plugin broke the protocol), and the user is told so instead of shown mojibake.
 */
final class FixTrailer {
    static final Metadata.Key<String> KEY = Metadata.Key.of("kubik-fix", Metadata.ASCII_STRING_MARSHALLER);
    static final String REFUSED = "(the plugin sent a kubik-fix trailer that is not printable ASCII; plugins percent-encode "
            + "other characters, see driver.proto)";

    private FixTrailer() {
    }

    /** The fix, decoded; null when there is none. */
    static String read(Metadata trailers) {
        String value = trailers == null ? null : trailers.get(KEY);
        return value == null || value.isBlank() ? null : decode(value);
    }

    static String decode(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) return REFUSED;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            int high = c == '%' && i + 2 < value.length() ? Character.digit(value.charAt(i + 1), 16) : -1;
            int low = high >= 0 ? Character.digit(value.charAt(i + 2), 16) : -1;
            if (low >= 0) {
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                bytes.write(c); // a lone '%' stays, as gRPC's decoder keeps it
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
