package dev.kubik.dsl.lang;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as scripts write them: MiB as a number, or '512m', '8g', '8GiB', '1.5g'. */
public final class Sizes {
    private static final Pattern TEXT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]?)(?:i?b)?", Pattern.CASE_INSENSITIVE);

    private Sizes() {
    }

    /** MiB, or throws IllegalArgumentException with a sentence saying why not. */
    public static long toMiB(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigDecimal decimal) {
            return wholeMiB(decimal, decimal.toPlainString());
        }
        if (value instanceof CharSequence text) {
            Matcher m = TEXT.matcher(text.toString().strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + text + "' is not a size");
            }
            BigDecimal number = new BigDecimal(m.group(1));
            BigDecimal mib = switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "k" -> number.divide(BigDecimal.valueOf(1024));
                case "g" -> number.multiply(BigDecimal.valueOf(1024));
                case "t" -> number.multiply(BigDecimal.valueOf(1024L * 1024));
                default -> number;
            };
            return wholeMiB(mib, "'" + text + "'");
        }
        throw new IllegalArgumentException(describe(value) + " is not a size");
    }

    private static long wholeMiB(BigDecimal mib, String shown) {
        try {
            return mib.stripTrailingZeros().longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(shown + " is not a whole number of MiB");
        }
    }

    static String describe(Object value) {
        if (value == null) return "null";
        if (value instanceof CharSequence) return "'" + value + "'";
        return value.toString();
    }
}
