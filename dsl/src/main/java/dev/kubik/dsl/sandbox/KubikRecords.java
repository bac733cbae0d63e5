package dev.kubik.dsl.sandbox;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;

/** kubik's own immutable records (a cluster statement's result, for one): a script may read their components. */
final class KubikRecords {
    private KubikRecords() {
    }

    static boolean is(Object value) {
        return value != null && value.getClass().isRecord() && value.getClass().getName().startsWith("dev.kubik.");
    }

    static boolean isAccessor(Object receiver, String name) {
        if (!is(receiver)) return false;
        RecordComponent[] components = receiver.getClass().getRecordComponents();
        return Arrays.stream(components).anyMatch(c -> c.getName().equals(name)
                || ("get" + Character.toUpperCase(c.getName().charAt(0)) + c.getName().substring(1)).equals(name));
    }
}
