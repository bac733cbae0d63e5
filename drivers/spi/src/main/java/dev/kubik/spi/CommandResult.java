package dev.kubik.spi;

/** What a command run on a machine returned. */
public record CommandResult(int exitStatus, String stdout, String stderr) {
    public boolean ok() {
        return exitStatus == 0;
    }
}
