package dev.kubik.shell.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubik.engine.KubikHome;
import dev.kubik.plan.Plan;
import dev.kubik.plan.PlanRenderer;
import dev.kubik.shell.Builtins;
import dev.kubik.shell.OrderedEvents;
import dev.kubik.shell.Version;
import dev.kubik.shell.repl.ConsoleLanguage;
import dev.kubik.shell.repl.ReplSession;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * kubik as a Jupyter kernel (messaging protocol 5.3): the console's session behind the five sockets. Cells run as
 * console input does; plans show as tables (text, Markdown, HTML) and their progress updates in place; Tab and
 * Shift-Tab use the console's completion and /help; an interrupt on the control channel stops a running plan as
 * Ctrl-C does. The kernel exits when the process that started it goes away.
 */
public final class KubikKernel {
    private static final Pattern WHAT_WENT_WRONG = Pattern.compile("^(cell \\d+:\\d+:\\d+: error: |Failed: |Interrupted: |Not applied)");
    private final Wire wire;
    private final ZContext zmq = new ZContext();
    private final ZMQ.Socket shell;
    private final ZMQ.Socket control;
    private final ZMQ.Socket iopub;
    private final ZMQ.Socket heartbeat;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    /** Made after the first reply: Groovy's start would compete for the CPU with the reply Jupyter waits for. */
    private volatile java.util.concurrent.CompletableFuture<ReplSession> session;
    private final KubikHome home;
    private final boolean apply;
    private ConsoleLanguage language;
    private final List<String> history = new CopyOnWriteArrayList<>();
    private volatile JsonNode parent;
    private volatile Thread executing;
    private volatile boolean running = true;
    private int executionCount;

    private KubikKernel(Connection connection, KubikHome home, boolean apply) {
        wire = new Wire(connection.key());
        shell = bind(SocketType.ROUTER, connection.address(connection.shell()));
        control = bind(SocketType.ROUTER, connection.address(connection.control()));
        iopub = bind(SocketType.PUB, connection.address(connection.iopub()));
        heartbeat = bind(SocketType.REP, connection.address(connection.heartbeat()));
        bind(SocketType.ROUTER, connection.address(connection.stdin())); // cells never ask for input
        this.home = home;
        this.apply = apply;
    }

    private synchronized ConsoleLanguage language() {
        if (language == null) language = new ConsoleLanguage(home);
        return language;
    }

    private ReplSession session() {
        if (session == null) startSession();
        return session.join();
    }

    private synchronized void startSession() {
        if (session != null) return;
        session = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
            PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8);
            return ReplSession.forKernel(out, home, apply, new ReplSession.Hooks(err,
                    o -> new ProgressDisplay(new OrderedEvents(o), this::publishDisplay), this::showPlan,
                    Map.of("clearOutput", Builtins.function(args -> {
                        publish("clear_output", Wire.JSON.createObjectNode().put("wait", false));
                        return null;
                    }))));
        });
    }

    /** Loads the classes a kernel's start needs (sockets on an ephemeral loopback port, a signed message), for the CDS archive. */
    public static void warmUp() {
        try (ZContext context = new ZContext()) {
            ZMQ.Socket router = context.createSocket(SocketType.ROUTER);
            router.bind("tcp://127.0.0.1:*");
            ZMQ.Socket pub = context.createSocket(SocketType.PUB);
            pub.bind("tcp://127.0.0.1:*");
            new Wire("train").send(pub, List.of("status".getBytes(StandardCharsets.UTF_8)), "status", null,
                    Wire.JSON.createObjectNode().put("execution_state", "idle"));
        }
    }

    private ZMQ.Socket bind(SocketType type, String address) {
        ZMQ.Socket socket = zmq.createSocket(type);
        socket.setLinger(1000);
        socket.bind(address);
        return socket;
    }

    /** Runs the kernel until it is shut down or its parent process ends; returns the exit code. */
    public static int run(Path connectionFile, KubikHome home, boolean apply) throws IOException {
        KubikKernel kernel = new KubikKernel(Connection.read(connectionFile), home, apply);
        kernel.serve();
        return 0;
    }

    private void serve() {
        daemon("kubik-kernel-heartbeat", () -> {
            heartbeat.setReceiveTimeOut(500);
            while (running) {
                byte[] ping = heartbeat.recv(0);
                if (ping != null) heartbeat.send(ping, 0);
            }
        });
        daemon("kubik-kernel-control", () -> loop(control));
        watchParent();
        loop(shell);
        zmq.close();
    }

    private void loop(ZMQ.Socket socket) {
        socket.setReceiveTimeOut(500);
        while (running) {
            Wire.Message message = wire.receive(socket);
            if (message != null) handle(socket, message);
        }
    }

    /** The kernel must not outlive its client (a killed notebook server would leave it running). */
    private void watchParent() {
        Optional<ProcessHandle> parentProcess = ProcessHandle.current().parent();
        daemon("kubik-kernel-parent", () -> {
            while (running) {
                if (parentProcess.isPresent() && !parentProcess.get().isAlive()) {
                    running = false;
                    Runtime.getRuntime().halt(0);
                }
                sleep(1000);
            }
        });
    }

    private void handle(ZMQ.Socket socket, Wire.Message message) {
        JsonNode previous = parent;
        if (socket == shell) parent = message.header();
        status("busy", message.header());
        try {
            switch (message.type()) {
                case "kernel_info_request" -> reply(socket, message, "kernel_info_reply", kernelInfo());
                case "execute_request" -> execute(socket, message);
                case "complete_request" -> complete(socket, message);
                case "inspect_request" -> inspect(socket, message);
                case "is_complete_request" -> isComplete(socket, message);
                case "history_request" -> history(socket, message);
                case "comm_info_request" -> reply(socket, message, "comm_info_reply",
                        ok().set("comms", Wire.JSON.createObjectNode()));
                case "interrupt_request" -> {
                    Thread thread = executing;
                    if (thread != null) thread.interrupt();
                    reply(socket, message, "interrupt_reply", ok());
                }
                case "shutdown_request" -> {
                    reply(socket, message, "shutdown_reply", ok().put("restart", message.content().path("restart").asBoolean()));
                    running = false;
                }
                default -> { } // unknown requests get no reply, as the protocol allows
            }
        } finally {
            status("idle", message.header());
            if (socket == shell) parent = previous;
            if (session == null) startSession();
        }
    }

    private ObjectNode kernelInfo() {
        ObjectNode info = ok().put("protocol_version", Wire.VERSION).put("implementation", "kubik")
                .put("implementation_version", Version.get())
                .put("banner", "kubik " + Version.get() + ": local Kubernetes clusters in a Groovy DSL. /help for help.");
        info.putObject("language_info").put("name", "groovy").put("version", groovyVersion())
                .put("mimetype", "text/x-groovy").put("file_extension", ".kube.groovy");
        info.putArray("help_links");
        return info;
    }

    /** From Groovy's jar manifest: starting Groovy (its metaclass registry) to ask would delay the first reply. */
    private static String groovyVersion() {
        try {
            Class<?> groovy = Class.forName("groovy.lang.GroovySystem", false, KubikKernel.class.getClassLoader());
            return java.util.Objects.requireNonNullElse(groovy.getPackage().getImplementationVersion(), "5");
        } catch (ClassNotFoundException e) {
            return "5";
        }
    }

    private void execute(ZMQ.Socket socket, Wire.Message message) {
        String code = message.content().path("code").asText();
        boolean silent = message.content().path("silent").asBoolean();
        if (!silent) {
            executionCount++;
            history.add(code);
            publish("execute_input", Wire.JSON.createObjectNode().put("code", code).put("execution_count", executionCount));
        }
        if (code.strip().startsWith("?")) { // ?keyword: the keyword's documentation in the pager, as IPython does
            String doc = language().inspect(code.strip().substring(1), code.strip().length() - 1).orElse("No such keyword.\n");
            ObjectNode reply = ok().put("execution_count", executionCount);
            reply.putArray("payload").addObject().put("source", "page").put("start", 0).putObject("data").put("text/plain", doc);
            reply.putObject("user_expressions");
            reply(socket, message, "execute_reply", reply);
            return;
        }
        executing = Thread.currentThread();
        ReplSession.Executed result;
        try {
            result = session().execute(code, "cell " + executionCount);
        } finally {
            executing = null;
            Thread.interrupted(); // an interrupt that came after the cell ended must not hit the next one
        }
        String out = take(stdout);
        String err = take(stderr);
        if (!err.isEmpty() && !silent) stream("stderr", err);
        if (result.ok()) {
            if (!out.isEmpty() && !silent) stream("stdout", out);
            if (result.value() != null && !silent) {
                ObjectNode value = Wire.JSON.createObjectNode().put("execution_count", executionCount);
                value.putObject("data").put("text/plain", String.valueOf(result.value()));
                value.putObject("metadata");
                publish("execute_result", value);
            }
            ObjectNode reply = ok().put("execution_count", executionCount);
            reply.putArray("payload");
            reply.putObject("user_expressions");
            reply(socket, message, "execute_reply", reply);
        } else {
            List<String> lines = out.strip().lines().toList();
            // The line that says what went wrong, not the progress before it.
            String evalue = lines.stream().filter(l -> WHAT_WENT_WRONG.matcher(l).find()).findFirst()
                    .orElse(lines.isEmpty() ? "the cell failed" : lines.get(lines.size() - 1));
            ObjectNode error = Wire.JSON.createObjectNode().put("ename", "KubikError").put("evalue", evalue);
            ArrayNode traceback = error.putArray("traceback");
            lines.forEach(traceback::add);
            if (!silent) publish("error", error.deepCopy());
            reply(socket, message, "execute_reply", error.put("status", "error").put("execution_count", executionCount));
        }
    }

    private void complete(ZMQ.Socket socket, Wire.Message message) {
        String code = message.content().path("code").asText();
        int cursor = message.content().path("cursor_pos").asInt(code.length());
        ConsoleLanguage.Completion completion = language().complete(code, cursor);
        ObjectNode reply = ok().put("cursor_start", completion.start()).put("cursor_end", completion.end());
        ArrayNode matches = reply.putArray("matches");
        completion.matches().forEach(matches::add);
        reply.putObject("metadata");
        reply(socket, message, "complete_reply", reply);
    }

    private void inspect(ZMQ.Socket socket, Wire.Message message) {
        String code = message.content().path("code").asText();
        Optional<String> doc = language().inspect(code, message.content().path("cursor_pos").asInt(code.length()));
        ObjectNode reply = ok().put("found", doc.isPresent());
        ObjectNode data = reply.putObject("data");
        doc.ifPresent(d -> data.put("text/plain", d));
        reply.putObject("metadata");
        reply(socket, message, "inspect_reply", reply);
    }

    private void isComplete(ZMQ.Socket socket, Wire.Message message) {
        boolean complete = language().isComplete(message.content().path("code").asText());
        ObjectNode reply = Wire.JSON.createObjectNode().put("status", complete ? "complete" : "incomplete");
        if (!complete) reply.put("indent", "    ");
        reply(socket, message, "is_complete_reply", reply);
    }

    /**
     * This session's inputs as [session, line, input] (with output: [session, line, [input, null]]): the last n
     * (tail), lines [start, stop) (range), or those matching a glob (search; unique, the last n).
     */
    private void history(ZMQ.Socket socket, Wire.Message message) {
        JsonNode request = message.content();
        List<Integer> lines = new ArrayList<>();
        for (int i = 1; i <= history.size(); i++) lines.add(i);
        int n = request.path("n").asInt(history.size());
        switch (request.path("hist_access_type").asText("tail")) {
            case "range" -> {
                int start = request.path("start").asInt(1);
                int stop = request.path("stop").asInt(history.size() + 1);
                lines = lines.stream().filter(i -> i >= start && i < stop).toList();
            }
            case "search" -> {
                Pattern glob = Pattern.compile(Pattern.quote(request.path("pattern").asText("*"))
                        .replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q"), Pattern.DOTALL);
                lines = lines.stream().filter(i -> glob.matcher(history.get(i - 1)).matches()).toList();
                if (request.path("unique").asBoolean()) {
                    List<Integer> unique = new ArrayList<>();
                    java.util.Set<String> seen = new java.util.HashSet<>();
                    for (int i = lines.size() - 1; i >= 0; i--) {
                        if (seen.add(history.get(lines.get(i) - 1))) unique.add(0, lines.get(i));
                    }
                    lines = unique;
                }
                lines = lines.subList(Math.max(0, lines.size() - n), lines.size());
            }
            default -> lines = lines.subList(Math.max(0, lines.size() - n), lines.size()); // tail
        }
        ObjectNode reply = ok();
        ArrayNode entries = reply.putArray("history");
        boolean output = request.path("output").asBoolean();
        for (int i : lines) {
            ArrayNode entry = entries.addArray().add(0).add(i);
            if (output) entry.addArray().add(history.get(i - 1)).addNull();
            else entry.add(history.get(i - 1));
        }
        reply(socket, message, "history_reply", reply);
    }

    /** A plan as a table the notebook renders (Markdown, HTML), with the console's text for terminals. */
    private void showPlan(Plan plan) {
        ObjectNode display = Wire.JSON.createObjectNode();
        display.putObject("data").put("text/plain", PlanRenderer.render(plan, false))
                .put("text/markdown", PlanTables.markdown(plan)).put("text/html", PlanTables.html(plan));
        display.putObject("metadata");
        display.putObject("transient");
        publish("display_data", display);
    }

    /** Progress of a running plan: one display, updated in place. */
    private void publishDisplay(String id, String text, boolean first) {
        ObjectNode display = Wire.JSON.createObjectNode();
        display.putObject("data").put("text/plain", text);
        display.putObject("metadata");
        display.putObject("transient").put("display_id", id);
        publish(first ? "display_data" : "update_display_data", display);
    }

    private void stream(String name, String text) {
        publish("stream", Wire.JSON.createObjectNode().put("name", name).put("text", text));
    }

    private void status(String state, JsonNode header) {
        wire.send(iopub, List.of("status".getBytes(StandardCharsets.UTF_8)), "status", header,
                Wire.JSON.createObjectNode().put("execution_state", state));
    }

    /** On iopub, as a reply to the request being handled on the shell channel. */
    private void publish(String type, ObjectNode content) {
        wire.send(iopub, List.of(type.getBytes(StandardCharsets.UTF_8)), type, parent, content);
    }

    private void reply(ZMQ.Socket socket, Wire.Message request, String type, ObjectNode content) {
        wire.send(socket, request.identities(), type, request.header(), content);
    }

    private static ObjectNode ok() {
        return Wire.JSON.createObjectNode().put("status", "ok");
    }

    private static String take(ByteArrayOutputStream buffer) {
        synchronized (buffer) {
            String text = buffer.toString(StandardCharsets.UTF_8);
            buffer.reset();
            return text;
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
