package dev.kubik.shell.notebook;

import java.nio.file.Path;

/** Notebook files, told by their names. */
public final class Notebooks {
    private Notebooks() {
    }

    public static boolean isNotebook(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".md") || name.endsWith(".ipynb");
    }

    public static Notebook parse(Path file, String text) {
        return file.getFileName().toString().endsWith(".ipynb") ? JupyterNotebook.parse(text) : MarkdownNotebook.parse(text);
    }

    /**
     * What trusting a file covers: a notebook's code cells (its outputs change on every run and run nothing), a
     * script's whole text. A notebook that does not parse is trusted for nothing but its exact text.
     */
    public static String trustedText(Path file, String text) {
        if (!isNotebook(file)) return text;
        try {
            return String.join("\n\u0000\n", parse(file, text).cells().stream().map(NotebookCell::code).toList());
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
