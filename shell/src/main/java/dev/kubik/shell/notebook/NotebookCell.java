package dev.kubik.shell.notebook;

/**
 * One kubik cell.
 *
 * @param code          what it runs
 * @param raisesError   tagged {@code raises-exception} (Jupyter's tag, which nbconvert honours; in Markdown, the word
 *                      after {@code kubik} in the fence): a tutorial showing an error on purpose, so its failure
 *                      neither stops the run nor fails it
 */
public record NotebookCell(String code, boolean raisesError) {
    public static final String RAISES = "raises-exception";
}
