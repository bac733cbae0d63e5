package dev.kubik.shell;

import dev.kubik.dsl.source.ScriptSource;
import dev.kubik.engine.state.AtomicFiles;
import dev.kubik.shell.notebook.CellRun;
import dev.kubik.shell.notebook.Notebook;
import dev.kubik.shell.notebook.NotebookCell;
import dev.kubik.shell.notebook.NotebookRunner;
import dev.kubik.shell.notebook.Notebooks;
import dev.kubik.shell.notebook.OutputNormalizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code kubik notebook}: a tutorial's kubik cells run in order in one console session, each cell's output written
 * after it; {@code --check} compares instead of writing (doctest for tutorials).
 */
@Command(name = "notebook", description = "Runs the kubik cells of a Markdown (```kubik) or Jupyter tutorial in order and "
        + "writes each cell's output after it; --check compares with the stored outputs instead.")
final class NotebookCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "a .md tutorial or an .ipynb notebook")
    Path file;

    @Option(names = "--dry-run", description = "plan cluster cells, apply nothing")
    boolean dryRun;

    @Option(names = "--check", description = "run, compare each output with the stored one (times, ports, addresses and ids "
            + "aside), write nothing; exit 1 with a diff where they differ")
    boolean check;

    @Option(names = "--keep-going", description = "run the cells after a failing one too")
    boolean keepGoing;

    @Option(names = "--out", paramLabel = "FILE", description = "write the notebook with its outputs here instead")
    Path out;

    @Option(names = "--var", paramLabel = "NAME=VALUE", description = "a value the cells read as vars.NAME (or NAME)")
    Map<String, String> vars = new LinkedHashMap<>();

    @Mixin
    TrustOption trust = new TrustOption();

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(file)) {
            System.err.println("kubik: no such notebook: " + file);
            return ExitCodes.INVALID;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Notebook notebook;
        try {
            notebook = Notebooks.parse(file, text);
        } catch (IllegalArgumentException e) {
            System.err.println("kubik: " + file + ": " + e.getMessage());
            return ExitCodes.INVALID;
        }
        List<NotebookCell> cells = notebook.cells();
        boolean trusted = trust.trusts(new ScriptSource(file.toString(), text));
        List<CellRun> runs = new NotebookRunner(Main.home(), vars, !dryRun, trusted).run(cells, keepGoing, progress());
        boolean failed = false;
        for (int i = 0; i < runs.size(); i++) {
            failed |= runs.get(i) != null && !runs.get(i).ok() && !cells.get(i).raisesError();
        }
        if (check) return compare(notebook.storedOutputs(), runs) && !failed ? ExitCodes.OK : ExitCodes.FAILED;
        Path target = (out != null ? out : file).toAbsolutePath();
        String rendered = notebook.render(runs);
        if (!rendered.equals(Files.exists(target) ? Files.readString(target, StandardCharsets.UTF_8) : null)) {
            writeKeepingMode(target, rendered);
        }
        System.err.println((failed ? "A cell failed; its error is written below it in " : "Outputs written to ") + target);
        return failed ? ExitCodes.FAILED : ExitCodes.OK;
    }

    private NotebookRunner.CellListener progress() {
        return new NotebookRunner.CellListener() {
            @Override
            public void started(int cell, int total) {
                System.err.printf("[%d/%d] cell %d ...%n", cell, total, cell);
            }

            @Override
            public void finished(int cell, int total, CellRun run) {
                if (!run.ok()) System.err.print("cell " + cell + " failed:\n" + run.text().indent(2));
            }
        };
    }

    /** Each cell's output against the stored one, both normalised; prints a diff for each that differs. */
    private static boolean compare(List<String> stored, List<CellRun> runs) {
        boolean same = true;
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i) == null) continue;
            String expected = OutputNormalizer.normalize(stored.get(i));
            String actual = OutputNormalizer.normalize(runs.get(i).text());
            if (expected.equals(actual)) continue;
            same = false;
            System.out.println("cell " + (i + 1) + ": the output differs from the stored one");
            System.out.println("--- stored\n+++ this run");
            System.out.print(LineDiff.render(expected.lines().toList(), actual.lines().toList()));
        }
        if (same) System.out.println("Every cell's output matches the stored one.");
        return same;
    }

    /** Atomically (never half-written), keeping the file's permissions. */
    private static void writeKeepingMode(Path target, String content) throws IOException {
        var mode = Files.exists(target) && Files.getFileAttributeView(target, PosixFileAttributeView.class) != null
                ? Files.getPosixFilePermissions(target) : null;
        AtomicFiles.write(target, content.getBytes(StandardCharsets.UTF_8));
        if (mode != null) Files.setPosixFilePermissions(target, mode);
    }
}
