package dev.kubik.shell.notebook;

/**
 * What running one cell gave.
 *
 * @param ok     false when the cell had problems or its plan failed
 * @param output what it printed: plans, progress in final form, problems, messages
 * @param value  its value, or null
 */
public record CellRun(boolean ok, String output, String value) {
    /** The whole output as a Markdown notebook shows it: printed text, then the value as the console shows it. */
    public String text() {
        return output + (value == null ? "" : "==> " + value + "\n");
    }
}
