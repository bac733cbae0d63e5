package dev.kubik.shell.notebook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * A Jupyter notebook (nbformat 4.5): code cells are kubik cells; markdown and raw cells are prose. Outputs are
 * written as Jupyter's kernels write them: printed text as a {@code stream}, a value as an {@code execute_result},
 * a failure as an {@code error}, with execution counts; the kernelspec becomes kubik's. Written with one-space
 * indentation, as Jupyter writes notebooks, so a re-run with nothing changed leaves the file as it was.
 */
public final class JupyterNotebook implements Notebook {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ObjectNode root;
    private final List<ObjectNode> codeCells;

    private JupyterNotebook(ObjectNode root) {
        this.root = root;
        this.codeCells = StreamSupport.stream(root.withArray("cells").spliterator(), false)
                .filter(c -> "code".equals(c.path("cell_type").asText())).map(ObjectNode.class::cast).toList();
    }

    /** @throws IllegalArgumentException when the text is not a version 4 notebook */
    public static JupyterNotebook parse(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a Jupyter notebook (JSON): " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        }
        if (!(node instanceof ObjectNode root) || root.path("nbformat").asInt() != 4 || !root.path("cells").isArray()) {
            throw new IllegalArgumentException("not a version 4 Jupyter notebook (nbformat 4 with a cells array)");
        }
        return new JupyterNotebook(root.deepCopy());
    }

    /** A new notebook of these code cells, with no outputs (the console's /save FILE.ipynb). */
    public static JupyterNotebook of(List<String> codes) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode cells = root.putArray("cells");
        for (String code : codes) {
            ObjectNode cell = cells.addObject().put("cell_type", "code").putNull("execution_count");
            cell.putObject("metadata");
            cell.putArray("outputs");
            cell.set("source", lines(code));
        }
        root.putObject("metadata");
        root.put("nbformat", 4).put("nbformat_minor", 5);
        return new JupyterNotebook(root);
    }

    @Override
    public List<NotebookCell> cells() {
        return codeCells.stream().map(c -> new NotebookCell(text(c.path("source")),
                strings(c.path("metadata").path("tags")).contains(NotebookCell.RAISES))).toList();
    }

    @Override
    public List<String> storedOutputs() {
        return codeCells.stream().map(c -> {
            StringBuilder out = new StringBuilder();
            for (JsonNode output : c.path("outputs")) {
                switch (output.path("output_type").asText()) {
                    case "stream" -> out.append(text(output.path("text")));
                    case "execute_result" -> out.append("==> ").append(text(output.path("data").path("text/plain"))).append('\n');
                    case "error" -> out.append(String.join("\n", strings(output.path("traceback")))).append('\n');
                    default -> { }
                }
            }
            return c.path("outputs").isEmpty() ? null : out.toString();
        }).toList();
    }

    @Override
    public String render(List<CellRun> runs) {
        ObjectNode notebook = root.deepCopy();
        notebook.put("nbformat", 4);
        notebook.put("nbformat_minor", Math.max(5, root.path("nbformat_minor").asInt()));
        ObjectNode metadata = notebook.with("metadata");
        ObjectNode kernelspec = JSON.createObjectNode().put("display_name", "kubik").put("language", "groovy").put("name", "kubik");
        metadata.set("kernelspec", kernelspec);
        metadata.set("language_info", JSON.createObjectNode().put("file_extension", ".kube.groovy")
                .put("mimetype", "text/x-groovy").put("name", "groovy"));
        int count = 0;
        int code = 0;
        int index = 0;
        for (JsonNode node : notebook.withArray("cells")) {
            ObjectNode cell = (ObjectNode) node;
            // nbformat 4.5: every cell has an id; one made here is kept by the next run.
            if (!cell.hasNonNull("id")) cell.put("id", id(index, text(cell.path("source"))));
            index++;
            if (!"code".equals(cell.path("cell_type").asText())) continue;
            CellRun run = code < runs.size() ? runs.get(code) : null;
            code++;
            if (run == null) continue;
            cell.put("execution_count", ++count);
            cell.set("outputs", outputs(run, count));
        }
        try {
            // Jupyter's own layout: one-space indentation, "key": value, empty {} and [].
            DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER).withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
                    .withObjectIndenter(new DefaultIndenter(" ", "\n")).withArrayIndenter(new DefaultIndenter(" ", "\n"));
            return JSON.writer(printer).writeValueAsString(notebook) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ArrayNode outputs(CellRun run, int count) {
        ArrayNode outputs = JSON.createArrayNode();
        if (!run.output().isEmpty() && run.ok()) {
            outputs.addObject().put("output_type", "stream").put("name", "stdout").set("text", lines(run.output()));
        }
        if (run.value() != null) {
            ObjectNode result = outputs.addObject().put("output_type", "execute_result").put("execution_count", count);
            result.putObject("data").set("text/plain", lines(run.value()));
            result.putObject("metadata");
        }
        if (!run.ok()) {
            String first = run.output().strip().lines().findFirst().orElse("the cell failed");
            ArrayNode traceback = JSON.createArrayNode();
            run.output().strip().lines().forEach(traceback::add);
            outputs.addObject().put("output_type", "error").put("ename", "KubikError").put("evalue", first)
                    .set("traceback", traceback);
        }
        return outputs;
    }

    /** Jupyter's multi-line strings: a list of lines, each with its newline but the last. */
    private static ArrayNode lines(String text) {
        ArrayNode lines = JSON.createArrayNode();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) lines.add(text.substring(start));
        return lines;
    }

    private static String text(JsonNode value) {
        return value.isArray() ? String.join("", strings(value)) : value.asText("");
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(n -> strings.add(n.asText()));
        return strings;
    }

    /** A stable id from the cell's place and source (nbformat: 1 to 64 of [a-zA-Z0-9-_]). */
    private static String id(int index, String source) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest((index + ":" + source).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
