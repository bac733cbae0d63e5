package dev.kubik.shell.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Markdown tutorial (CommonMark fences): blocks whose info string is {@code kubik} are cells; each cell's output
 * follows it in a {@code kubik-output} block, which a re-run replaces. Everything else is prose, kept byte for byte,
 * so running a notebook again with nothing changed leaves the file as it was.
 */
public final class MarkdownNotebook implements Notebook {
    static final String CELL = "kubik";
    static final String OUTPUT = "kubik-output";
    private static final Pattern FENCE = Pattern.compile("^( {0,3})(`{3,}|~{3,})\\s*([^`\\s]*)([^`]*)$");

    /** Prose (kept), a cell, or an old output (dropped when its cell runs again). */
    private sealed interface Part permits Prose, Cell {
    }

    private record Prose(String text) implements Part {
    }

    /** A cell: its fenced block exactly as written, its code, and the output block that followed it (with the blank line). */
    private record Cell(String block, NotebookCell cell, String storedBlock, String storedOutput) implements Part {
    }

    private final List<Part> parts;

    private MarkdownNotebook(List<Part> parts) {
        this.parts = parts;
    }

    public static MarkdownNotebook parse(String text) {
        List<String> lines = splitLines(text);
        List<Part> parts = new ArrayList<>();
        StringBuilder prose = new StringBuilder();
        int i = 0;
        while (i < lines.size()) {
            Block block = block(lines, i);
            if (block == null || !block.info().equals(CELL)) {
                int end = block == null ? i + 1 : block.end();
                for (int j = i; j < end; j++) prose.append(lines.get(j));
                i = end;
                continue;
            }
            if (!prose.isEmpty()) parts.add(new Prose(prose.toString()));
            prose.setLength(0);
            i = block.end();
            // Its output: the next block if it is kubik's, directly or after one blank line.
            int at = i < lines.size() && lines.get(i).isBlank() ? i + 1 : i;
            Block output = block(lines, at);
            if (output != null && output.info().equals(OUTPUT)) {
                parts.add(new Cell(block.text(lines), cell(block, lines), String.join("", lines.subList(i, output.end())),
                        output.body(lines)));
                i = output.end();
            } else {
                parts.add(new Cell(block.text(lines), cell(block, lines), "", null));
            }
        }
        if (!prose.isEmpty()) parts.add(new Prose(prose.toString()));
        return new MarkdownNotebook(parts);
    }

    private static NotebookCell cell(Block block, List<String> lines) {
        return new NotebookCell(block.body(lines), List.of(block.attributes().split("\\s+")).contains(NotebookCell.RAISES));
    }

    /** A fenced block from its opening line to its closing one (or the end of the file, as CommonMark says). */
    private record Block(int start, int end, String info, String attributes) {
        String text(List<String> lines) {
            return String.join("", lines.subList(start, end));
        }

        String body(List<String> lines) {
            int last = end - 1;
            boolean closed = last > start && FENCE.matcher(lines.get(last).stripTrailing()).matches();
            return String.join("", lines.subList(start + 1, closed ? last : end));
        }
    }

    private static Block block(List<String> lines, int start) {
        if (start >= lines.size()) return null;
        Matcher open = FENCE.matcher(lines.get(start).replaceAll("\\R$", ""));
        if (!open.matches()) return null;
        String fence = open.group(2);
        for (int j = start + 1; j < lines.size(); j++) {
            String line = lines.get(j).strip();
            if (line.length() >= fence.length() && line.chars().allMatch(c -> c == fence.charAt(0))) {
                return new Block(start, j + 1, open.group(3), open.group(4).strip());
            }
        }
        return new Block(start, lines.size(), open.group(3), open.group(4).strip());
    }

    /** Lines with their endings, so that joining them gives the text back exactly. */
    private static List<String> splitLines(String text) {
        List<String> lines = new ArrayList<>();
        Matcher m = Pattern.compile(".*?(\\r\\n|\\n|\\r)|.+$", Pattern.DOTALL).matcher(text);
        while (m.find()) {
            if (!m.group().isEmpty()) lines.add(m.group());
        }
        return lines;
    }

    /** A new tutorial of these cells, with no outputs yet (the console's /save FILE.md). */
    public static String of(String title, List<String> codes) {
        StringBuilder md = new StringBuilder("# ").append(title).append("\n");
        for (String code : codes) {
            md.append("\n```").append(CELL).append('\n').append(code.strip()).append("\n```\n");
        }
        return md.toString();
    }

    @Override
    public List<NotebookCell> cells() {
        return parts.stream().filter(Cell.class::isInstance).map(p -> ((Cell) p).cell()).toList();
    }

    @Override
    public List<String> storedOutputs() {
        return parts.stream().filter(Cell.class::isInstance).map(p -> ((Cell) p).storedOutput()).toList();
    }

    @Override
    public String render(List<CellRun> runs) {
        StringBuilder out = new StringBuilder();
        int cell = 0;
        for (Part part : parts) {
            if (part instanceof Prose prose) {
                out.append(prose.text());
                continue;
            }
            Cell c = (Cell) part;
            out.append(c.block());
            if (!c.block().endsWith("\n")) out.append('\n');
            CellRun run = cell < runs.size() ? runs.get(cell) : null;
            cell++;
            if (run == null) {
                out.append(c.storedBlock());
            } else if (!run.text().isEmpty()) {
                String fence = fenceFor(run.text());
                out.append('\n').append(fence).append(OUTPUT).append('\n').append(run.text()).append(fence).append('\n');
            }
        }
        return out.toString();
    }

    /** Three backticks, or more than the longest run of them at the start of an output line. */
    private static String fenceFor(String output) {
        int longest = output.lines().mapToInt(l -> {
            int n = 0;
            while (n < l.length() && l.charAt(n) == '`') n++;
            return n;
        }).max().orElse(0);
        return "`".repeat(Math.max(3, longest + 1));
    }
}
