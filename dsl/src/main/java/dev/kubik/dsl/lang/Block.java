package dev.kubik.dsl.lang;

/** The places keywords can stand in a script. */
public enum Block {
    SCRIPT("the top level of a script"),
    CLUSTER("cluster { }"),
    KUBERNETES("kubernetes { }"),
    NODE("node('name') { }"),
    OPTIONS("options { }");

    private final String display;

    Block(String display) {
        this.display = display;
    }

    public String display() {
        return display;
    }
}
