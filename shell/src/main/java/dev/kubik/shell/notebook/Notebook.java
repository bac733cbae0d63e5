package dev.kubik.shell.notebook;

import java.util.List;

/** A tutorial: prose kept as it is, and kubik cells whose outputs are written after them. */
public interface Notebook {
    /** The kubik cells, in order. */
    List<NotebookCell> cells();

    /** The output stored with each cell (normalised text), or null where it has none. */
    List<String> storedOutputs();

    /**
     * The notebook with these runs written after their cells; a null run leaves that cell's stored output as it is
     * (cells after a failure that stopped the run).
     */
    String render(List<CellRun> runs);
}
