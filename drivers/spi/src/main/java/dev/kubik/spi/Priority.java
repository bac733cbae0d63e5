package dev.kubik.spi;

/** How strongly a driver should be preferred by auto-selection, lowest first (minikube's ranking). */
public enum Priority {
    UNKNOWN, OBSOLETE, UNHEALTHY, EXPERIMENTAL, DISCOURAGED, DEPRECATED, FALLBACK, DEFAULT, PREFERRED, HIGHLY_PREFERRED;

    /** Auto-selection never picks a driver at or below DISCOURAGED; the user must name it. */
    public boolean autoSelectable() {
        return compareTo(DISCOURAGED) > 0;
    }
}
