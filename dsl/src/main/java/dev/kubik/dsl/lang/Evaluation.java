package dev.kubik.dsl.lang;

import dev.kubik.dsl.source.Problem;
import dev.kubik.dsl.source.ScriptSource;
import dev.kubik.dsl.source.SourcePosition;
import groovy.lang.Closure;
import groovy.lang.MissingMethodException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One run of one script (or one REPL line): receives every keyword call with its position, records values in
 * block drafts, and collects problems instead of stopping at the first, so the user sees them all at once.
 */
public final class Evaluation {
    private final ScriptSource source;
    private final String defaultProfile;
    private final List<Problem> problems = new ArrayList<>();
    private final List<BlockDraft> clusters = new ArrayList<>();
    private final ClusterBinder binder;
    private final boolean sandboxed;
    private KubikScript script;
    private SourcePosition last;

    Evaluation(ScriptSource source, String defaultProfile, ClusterBinder binder, boolean sandboxed) {
        this.source = source;
        this.sandboxed = sandboxed;
        this.defaultProfile = defaultProfile;
        this.binder = binder;
        this.last = source.at(1, 1);
    }

    void attach(KubikScript script) {
        this.script = script;
        script.attach(this);
    }

    boolean sandboxed() {
        return sandboxed;
    }

    public List<Problem> problems() {
        return problems;
    }

    /** The cluster blocks this evaluation ran, in order. */
    public List<BlockDraft> clusters() {
        return clusters;
    }

    SourcePosition at(int line, int column) {
        last = source.at(line, column);
        return last;
    }

    SourcePosition unknownPosition() {
        return last;
    }

    void problem(SourcePosition at, String message, String valid) {
        problems.add(new Problem(at, message, valid));
    }

    Object topLevel(KubikScript target, String name, Object[] args, SourcePosition at, SourcePosition argAt) {
        if (name.equals("cluster")) {
            return cluster(args, at, argAt);
        }
        return callScript(name, args, at, Block.SCRIPT);
    }

    Object keyword(BlockDraft draft, String name, Object[] args, SourcePosition at, SourcePosition argAt) {
        if (draft.block() == Block.OPTIONS) {
            option(draft, name, args, at, argAt);
            return null;
        }
        var keyword = Vocabulary.find(draft.block(), name);
        if (keyword.isEmpty()) {
            return callScript(name, args, at, draft.block());
        }
        Keyword kw = keyword.get();
        Object value;
        try {
            value = Arguments.convert(kw, args);
        } catch (IllegalArgumentException e) {
            problem(argAt, e.getMessage(), kw.kind().description() + ", e.g. " + kw.example());
            return null;
        }
        Located located = new Located(value, at, argAt);
        Block opens = kw.opens();
        if (opens != null) {
            Arguments.BlockArgs blockArgs = (Arguments.BlockArgs) value;
            BlockDraft child = new BlockDraft(opens, blockArgs.name(), at);
            if (opens != Block.NODE && draft.child(name) != null) {
                alreadySet(name, draft.child(name).opened(), at);
                return null;
            }
            draft.addChild(name, child);
            run(child, blockArgs.body());
        } else if (kw.repeatable()) {
            draft.add(name, located);
        } else if (draft.value(name) != null) {
            alreadySet(name, draft.value(name).keywordAt(), at);
        } else {
            draft.set(name, located);
        }
        return null;
    }

    private Object cluster(Object[] args, SourcePosition at, SourcePosition argAt) {
        Keyword kw = Vocabulary.find(Block.SCRIPT, "cluster").orElseThrow();
        Arguments.BlockArgs blockArgs;
        try {
            blockArgs = (Arguments.BlockArgs) Arguments.convert(kw, args);
        } catch (IllegalArgumentException e) {
            problem(argAt, e.getMessage(), kw.kind().description());
            return null;
        }
        BlockDraft draft = new BlockDraft(Block.CLUSTER, blockArgs.name(), at);
        run(draft, blockArgs.body());
        clusters.add(draft);
        return binder.bind(draft, defaultProfile, this).spec();
    }

    private void option(BlockDraft draft, String name, Object[] args, SourcePosition at, SourcePosition argAt) {
        if (args.length == 0 || java.util.Arrays.stream(args).anyMatch(Closure.class::isInstance)) {
            problem(at, "option '" + name + "' takes a value", "e.g. " + name + " 'value', or " + name + " 'a', 'b' for a list");
        } else if (draft.value(name) != null) {
            alreadySet(name, draft.value(name).keywordAt(), at);
        } else {
            // Several values are a list, as for addons 'a', 'b'; the driver's schema says whether a list fits.
            Object value = args.length == 1 ? plain(args[0]) : java.util.Arrays.stream(args).map(Evaluation::plain).toList();
            draft.set(name, new Located(value, at, argAt));
        }
    }

    /** A GString as the String it reads as. */
    private static Object plain(Object value) {
        return value instanceof CharSequence text ? text.toString() : value;
    }

    private void run(BlockDraft draft, Closure<?> body) {
        Closure<?> bound = body.rehydrate(new BlockDelegate(this, draft), body.getOwner(), body.getThisObject());
        bound.setResolveStrategy(Closure.DELEGATE_ONLY);
        bound.call();
    }

    /** A name that is no keyword here: the script's own functions (and println) still work inside blocks. */
    private Object callScript(String name, Object[] args, SourcePosition at, Block block) {
        last = at;
        try {
            script.gate(name, args);
            return script.invokePlain(name, args);
        } catch (MissingMethodException e) {
            if (!name.equals(e.getMethod())) throw e;
            unknownKeyword(block, name, at);
            return null;
        }
    }

    private void unknownKeyword(Block block, String name, SourcePosition at) {
        List<Block> elsewhere = Vocabulary.elsewhere(block, name);
        List<String> here = Vocabulary.in(block).stream().map(Keyword::name).toList();
        String valid = here.isEmpty() ? null : "in " + block.display() + ": " + String.join(", ", here);
        if (!elsewhere.isEmpty()) {
            problem(at, "'" + name + "' belongs in " + elsewhere.get(0).display() + ", not in " + block.display(), valid);
        } else {
            List<String> candidates = Stream.concat(here.stream(),
                    block == Block.SCRIPT ? Stream.of("println") : Stream.empty()).toList();
            problem(at, "unknown keyword '" + name + "' in " + block.display()
                    + Suggestions.didYouMean(name, candidates), valid);
        }
    }

    private void alreadySet(String name, SourcePosition first, SourcePosition at) {
        problem(at, "'" + name + "' is already set in this block, at line " + first.line(),
                "set each keyword once per block");
    }

    /** Names read inside blocks: script variables and {@code vars} come from the script's binding. */
    Object variable(BlockDraft draft, String name) {
        Map<?, ?> variables = script.getBinding().getVariables();
        if (variables.containsKey(name)) return variables.get(name);
        if (Vocabulary.find(draft.block(), name).isPresent()) {
            throw new ScriptUsageException("'" + name + "' needs a value here, e.g. "
                    + Vocabulary.find(draft.block(), name).get().example());
        }
        throw new ScriptUsageException("unknown name '" + name + "' in " + draft.block().display());
    }

    void assignment(BlockDraft draft, String name) {
        String example = Vocabulary.find(draft.block(), name).map(Keyword::example).orElse(name + " value");
        throw new ScriptUsageException("write '" + example + "', not '" + name + " = …'");
    }
}
