package dev.kubik.shell.notebook;

import dev.kubik.engine.KubikHome;
import dev.kubik.shell.repl.ReplSession;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs a notebook's cells in order in one console session, as a learner typing them would. */
public final class NotebookRunner {
    private final KubikHome home;
    private final Map<String, String> vars;
    private final boolean apply;
    private final boolean trusted;

    /**
     * @param apply   false: cluster cells plan without applying ({@code --dry-run})
     * @param trusted run outside the sandbox ({@code --trust}, or a file trusted with {@code kubik trust})
     */
    public NotebookRunner(KubikHome home, Map<String, String> vars, boolean apply, boolean trusted) {
        this.home = home;
        this.vars = Map.copyOf(vars);
        this.apply = apply;
        this.trusted = trusted;
    }

    /**
     * One run per cell; after a failing cell the rest are null (not run) unless {@code keepGoing}. Problems are
     * named {@code cell N:LINE:COL}, inside the cell.
     */
    public List<CellRun> run(List<NotebookCell> cells, boolean keepGoing, CellListener listener) {
        CellOutput output = new CellOutput();
        ReplSession session = ReplSession.forNotebook(output.stream, home, vars, apply, trusted);
        List<CellRun> runs = new ArrayList<>();
        boolean stopped = false;
        for (int i = 0; i < cells.size(); i++) {
            if (stopped) {
                runs.add(null);
                continue;
            }
            listener.started(i + 1, cells.size());
            ReplSession.Executed executed = session.execute(cells.get(i).code(), "cell " + (i + 1));
            CellRun run = new CellRun(executed.ok(), output.take(), executed.value() == null ? null : String.valueOf(executed.value()));
            runs.add(run);
            listener.finished(i + 1, cells.size(), run);
            if (!run.ok() && !keepGoing && !cells.get(i).raisesError()) stopped = true;
        }
        return runs;
    }

    /** Progress for the person running the notebook (on stderr; the notebook holds the outputs). */
    public interface CellListener {
        void started(int cell, int total);

        void finished(int cell, int total, CellRun run);
    }
}
