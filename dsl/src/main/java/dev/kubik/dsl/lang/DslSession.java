package dev.kubik.dsl.lang;

import dev.kubik.dsl.sandbox.Sandbox;
import dev.kubik.dsl.sandbox.SandboxRefusal;
import dev.kubik.dsl.sandbox.SandboxViolation;
import dev.kubik.dsl.source.Problem;
import dev.kubik.dsl.source.ScriptProblemsException;
import dev.kubik.dsl.source.ScriptSource;
import dev.kubik.dsl.source.SourcePosition;
import dev.kubik.dsl.validate.SpecValidator;
import dev.kubik.spi.BootstrapperDescriptor;
import groovy.lang.Binding;
import groovy.lang.GroovyCodeSource;
import groovy.lang.GroovyShell;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.messages.ExceptionMessage;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Evaluates kubik scripts. One session is one Groovy shell: a batch run uses one for its file, the REPL keeps
 * one for its lifetime so variables persist between lines.
 */
public final class DslSession {
    private static final AtomicInteger SCRIPTS = new AtomicInteger();

    private final SpecValidator validator;
    private final String defaultProfile;
    private final boolean console;
    private final Binding binding;
    private boolean trusted;
    private GroovyShell sandboxedShell;
    private GroovyShell trustedShell;

    /** What one evaluation produced: its valid clusters, and the value of its last statement. */
    public record Result(List<BoundCluster> clusters, Object value) {
    }

    /** A session for a script file; untrusted unless the caller says otherwise ({@link #trusting}). */
    public DslSession(SpecValidator validator, String defaultProfile, Map<String, String> vars) {
        this(validator, defaultProfile, vars, false);
    }

    /** A session for the console: top-level {@code def}s persist from one evaluation to the next. */
    public static DslSession forConsole(SpecValidator validator, String defaultProfile, Map<String, String> vars) {
        return new DslSession(validator, defaultProfile, vars, true);
    }

    private DslSession(SpecValidator validator, String defaultProfile, Map<String, String> vars, boolean console) {
        this.validator = validator;
        this.defaultProfile = defaultProfile;
        this.console = console;
        this.binding = new Binding();
        binding.setVariable("vars", Map.copyOf(vars));
        binding.setVariable("env", Map.copyOf(System.getenv()));
        vars.forEach(binding::setVariable);
    }

    /** Trusted code runs without the sandbox: every Groovy and Java call, as a script one wrote oneself. */
    public DslSession trusting(boolean trusted) {
        this.trusted = trusted;
        return this;
    }

    public boolean trusted() {
        return trusted;
    }

    /** One shell per trust level, sharing the binding, so the console's /set trust keeps its variables. */
    private GroovyShell shell() {
        GroovyShell shell = trusted ? trustedShell : sandboxedShell;
        if (shell != null) return shell;
        CompilerConfiguration config = new CompilerConfiguration();
        config.setScriptBaseClass(KubikScript.class.getName());
        config.addCompilationCustomizers(new CallSiteTransformer());
        if (console) config.addCompilationCustomizers(new SessionVariables());
        ClassLoader loader = DslSession.class.getClassLoader();
        if (!trusted) Sandbox.apply(config, loader);
        shell = new GroovyShell(loader, binding, config);
        if (trusted) trustedShell = shell; else sandboxedShell = shell;
        return shell;
    }

    public Binding binding() {
        return binding;
    }

    /** Runs a script and validates every cluster it describes; throws with all problems when any is found. */
    public Result evaluate(ScriptSource source) {
        String className = "kubik_script_" + SCRIPTS.incrementAndGet();
        ClusterBinder binder = new ClusterBinder((name, written) -> validator.bootstrapper(name)
                .map(b -> written == null ? b.defaultKubernetesVersion() : b.resolveVersion(written))
                .orElse(written == null ? "" : written));
        Evaluation evaluation = new Evaluation(source, defaultProfile, binder, !trusted);
        Object value = null;
        try {
            KubikScript script = (KubikScript) shell().parse(new GroovyCodeSource(source.text(), className + ".groovy", "/kubik/script"));
            evaluation.attach(script);
            value = script.run();
        } catch (MultipleCompilationErrorsException e) {
            throw new ScriptProblemsException(source, syntaxProblems(source, e));
        } catch (SandboxViolation e) {
            evaluation.problems().add(new Problem(source.at(e.line(), e.column()), e.getMessage(), trustHint(source)));
        } catch (RuntimeException | StackOverflowError e) {
            evaluation.problems().add(runtimeProblem(source, className, e));
        }

        List<Problem> problems = new ArrayList<>(evaluation.problems());
        List<BoundCluster> clusters = new ArrayList<>();
        Map<String, BoundCluster> byName = new LinkedHashMap<>();
        for (BlockDraft draft : evaluation.clusters()) {
            BoundCluster cluster = binder.bound(draft);
            problems.addAll(validator.validate(cluster));
            BoundCluster earlier = byName.putIfAbsent(cluster.spec().name(), cluster);
            if (earlier != null) {
                problems.add(new Problem(cluster.origins().cluster(), "cluster '" + cluster.spec().name()
                        + "' is already described at line " + earlier.origins().cluster().line(),
                        "one cluster block per profile; name the others: cluster('other') { }"));
            }
            clusters.add(cluster);
        }
        if (!problems.isEmpty()) throw new ScriptProblemsException(source, problems);
        return new Result(clusters, value);
    }

    private static List<Problem> syntaxProblems(ScriptSource source, MultipleCompilationErrorsException e) {
        List<Problem> problems = new ArrayList<>();
        for (Message message : e.getErrorCollector().getErrors()) {
            if (message instanceof SyntaxErrorMessage syntax && syntax.getCause() instanceof SandboxRefusal refusal) {
                problems.add(new Problem(source.at(refusal.getStartLine(), refusal.getStartColumn()),
                        refusal.refusal(), trustHint(source)));
            } else if (message instanceof SyntaxErrorMessage syntax) {
                SyntaxException cause = syntax.getCause();
                problems.add(new Problem(source.at(cause.getStartLine(), Math.max(1, cause.getStartColumn())),
                        "syntax error: " + cleanSyntaxMessage(cause.getOriginalMessage()), null));
            } else if (message instanceof ExceptionMessage exception) {
                problems.add(new Problem(source.at(1, 1), exception.getCause().getMessage(), null));
            }
        }
        return problems;
    }

    /** The way out of a refusal: trusting the file (or the console session) on purpose. */
    private static String trustHint(ScriptSource source) {
        String untrusted = "only the DSL and plain Groovy run untrusted; ";
        if (source.name().startsWith(ScriptSource.REPL)) return untrusted + "to allow more in this console: /set trust on";
        if (source.name().startsWith("<")) return untrusted + "if you trust this script: run it with --trust";
        if (source.name().startsWith("cell ")) return untrusted + "if you trust this notebook: kubik trust NOTEBOOK (or --trust)";
        return untrusted + "if you trust this file: kubik trust " + source.name() + " (or run it with --trust)";
    }

    private static String cleanSyntaxMessage(String message) {
        return message.replaceAll("\\s*@ line \\d+, column \\d+\\.?", "").strip();
    }

    /** An exception thrown while the script ran: placed at the deepest script line on its stack. */
    private static Problem runtimeProblem(ScriptSource source, String className, Throwable e) {
        int line = 1;
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getFileName() != null && frame.getFileName().startsWith(className) && frame.getLineNumber() > 0) {
                line = frame.getLineNumber();
                break;
            }
        }
        String text = source.line(line);
        int column = text.length() - text.stripLeading().length() + 1;
        SourcePosition at = source.at(line, column);
        return new Problem(at, describe(e), null);
    }

    private static String describe(Throwable e) {
        if (e instanceof ScriptUsageException) return e.getMessage();
        if (e instanceof groovy.lang.MissingPropertyException missing) {
            return "unknown name '" + missing.getProperty() + "'";
        }
        if (e instanceof StackOverflowError) return "the script recursed too deeply";
        String message = e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("");
        return "the script threw " + e.getClass().getSimpleName() + message;
    }
}
