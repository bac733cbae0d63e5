package dev.kubik.plan;

/** What a step does to its resource, with Terraform's symbols. */
public enum Action {
    CREATE("+"), UPDATE("~"), DELETE("-"), REPLACE("-/+");

    private final String symbol;

    Action(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }
}
