package dev.kubik.dsl.validate;

import dev.kubik.spi.HostOs;

/** What validation needs to know about the host. */
public record HostFacts(int cores, HostOs os) {
    public static HostFacts current() {
        return new HostFacts(Runtime.getRuntime().availableProcessors(), HostOs.current());
    }
}
