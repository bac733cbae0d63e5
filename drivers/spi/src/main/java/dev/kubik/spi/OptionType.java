package dev.kubik.spi;

import java.util.List;

/** The value types a driver option may take (kontainer-engine's flag types, without the pointer variants). */
public enum OptionType {
    STRING("a string"), BOOL("true or false"), INT("a whole number"), STRING_LIST("a list of strings");

    private final String description;

    OptionType(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** Whether a value as the DSL delivers it (Groovy literals) fits this type. */
    public boolean accepts(Object value) {
        return switch (this) {
            case STRING -> value instanceof CharSequence;
            case BOOL -> value instanceof Boolean;
            case INT -> value instanceof Integer || value instanceof Long || value instanceof Short;
            case STRING_LIST -> value instanceof CharSequence
                    || value instanceof List<?> list && list.stream().allMatch(CharSequence.class::isInstance);
        };
    }

    /** The value as drivers get it: a list option written with one value ({@code labels 'x'}) is a list of one. */
    public Object normalize(Object value) {
        return this == STRING_LIST && value instanceof CharSequence text ? List.of(text.toString()) : value;
    }
}
