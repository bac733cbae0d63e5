package dev.kubik.model;

import java.util.Arrays;
import java.util.Optional;

/** A node's job in the cluster. */
public enum Role {
    CONTROL_PLANE("control-plane"), WORKER("worker");

    private final String keyword;

    Role(String keyword) {
        this.keyword = keyword;
    }

    /** The spelling scripts and kubectl use. */
    public String keyword() {
        return keyword;
    }

    public static Optional<Role> parse(String text) {
        return Arrays.stream(values()).filter(r -> r.keyword.equals(text)).findFirst();
    }

    @Override
    public String toString() {
        return keyword;
    }
}
