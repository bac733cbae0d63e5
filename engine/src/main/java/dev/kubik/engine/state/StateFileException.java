package dev.kubik.engine.state;

import dev.kubik.spi.DriverException;

import java.nio.file.Path;

/** A state file kubik cannot use as it is: damaged, or written by a newer kubik. Names the file and the way out. */
public final class StateFileException extends DriverException {
    private final Path file;

    StateFileException(Path file, String problem, String fix) {
        super(file + " " + problem, fix);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
