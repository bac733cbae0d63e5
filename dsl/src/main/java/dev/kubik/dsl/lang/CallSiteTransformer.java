package dev.kubik.dsl.lang;

import org.codehaus.groovy.ast.ClassCodeExpressionTransformer;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.Parameter;
import org.codehaus.groovy.ast.expr.DeclarationExpression;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.NamedArgumentListExpression;
import org.codehaus.groovy.ast.expr.SpreadExpression;
import org.codehaus.groovy.ast.expr.SpreadMapExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;

/**
 * Gives every keyword call its place in the source. Rewrites each call without a receiver, {@code cpus 2}, into
 * {@code __kubik_at(line, column, argLine, argColumn, 'cpus', 2)}. The call resolves exactly as the original would
 * (script, then the closure's delegate), and the receiver learns where the keyword and its first argument stand.
 * Arguments are evaluated first, so a nested call cannot steal the outer call's position.
 */
public final class CallSiteTransformer extends CompilationCustomizer {

    public static final String METHOD = "__kubik_at";

    public CallSiteTransformer() {
        super(CompilePhase.CONVERSION);
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        if (!classNode.isScript()) return;
        LocalNames locals = new LocalNames(source);
        for (MethodNode method : classNode.getMethods()) {
            locals.visitMethod(method);
        }
        Rewriter rewriter = new Rewriter(source, locals.closures);
        for (MethodNode method : classNode.getMethods()) {
            rewriter.visitMethod(method);
        }
    }

    /**
     * Names the script declares as local variables or parameters. {@code f(x)} on such a name calls the closure
     * it holds ({@code f.call(x)}), as Groovy would, unless it is a keyword, which wins inside blocks.
     */
    private static final class LocalNames extends org.codehaus.groovy.ast.ClassCodeVisitorSupport {
        private final SourceUnit source;
        private final Set<String> closures = new HashSet<>();

        LocalNames(SourceUnit source) {
            this.source = source;
        }

        @Override
        protected SourceUnit getSourceUnit() {
            return source;
        }

        @Override
        public void visitDeclarationExpression(DeclarationExpression expression) {
            if (!expression.isMultipleAssignmentDeclaration()) add(expression.getVariableExpression().getName());
            super.visitDeclarationExpression(expression);
        }

        @Override
        public void visitClosureExpression(ClosureExpression expression) {
            if (expression.getParameters() != null) {
                for (Parameter parameter : expression.getParameters()) add(parameter.getName());
            }
            super.visitClosureExpression(expression);
        }

        private void add(String name) {
            if (Vocabulary.all().stream().noneMatch(k -> k.name().equals(name))) closures.add(name);
        }
    }

    private static final class Rewriter extends ClassCodeExpressionTransformer {
        private final SourceUnit source;
        private final Set<String> locals;

        Rewriter(SourceUnit source, Set<String> locals) {
            this.source = source;
            this.locals = locals;
        }

        @Override
        protected SourceUnit getSourceUnit() {
            return source;
        }

        @Override
        public Expression transform(Expression expression) {
            if (expression instanceof ClosureExpression closure) {
                // Closure bodies are statements; visit them so calls inside blocks are rewritten too.
                closure.getCode().visit(this);
                return closure;
            }
            Expression transformed = super.transform(expression);
            if (transformed instanceof MethodCallExpression call && rewritable(call)) {
                return locals.contains(call.getMethodAsString()) ? callLocal(call) : rewrite(call);
            }
            return transformed;
        }

        private static boolean rewritable(MethodCallExpression call) {
            if (!call.isImplicitThis() || call.getMethodAsString() == null) return false;
            if (METHOD.equals(call.getMethodAsString()) || call.getLineNumber() < 1) return false;
            if (!(call.getArguments() instanceof TupleExpression args)) return false;
            return args.getExpressions().stream()
                    .noneMatch(e -> e instanceof SpreadExpression || e instanceof SpreadMapExpression);
        }

        private static Expression callLocal(MethodCallExpression call) {
            VariableExpression variable = new VariableExpression(call.getMethodAsString());
            variable.setSourcePosition(call);
            MethodCallExpression local = new MethodCallExpression(variable, "call", call.getArguments());
            local.setImplicitThis(false);
            local.setSourcePosition(call);
            return local;
        }

        private static Expression rewrite(MethodCallExpression call) {
            List<Expression> original = ((TupleExpression) call.getArguments()).getExpressions();
            List<Expression> positional = new ArrayList<>();
            MapExpression named = null;
            for (Expression arg : original) {
                if (arg instanceof NamedArgumentListExpression list) {
                    named = new MapExpression(list.getMapEntryExpressions());
                } else {
                    positional.add(arg);
                }
            }
            Expression first = earliest(original, call);
            ArgumentListExpression args = new ArgumentListExpression();
            args.addExpression(new ConstantExpression(call.getLineNumber(), true));
            args.addExpression(new ConstantExpression(call.getColumnNumber(), true));
            args.addExpression(new ConstantExpression(first.getLineNumber(), true));
            args.addExpression(new ConstantExpression(first.getColumnNumber(), true));
            args.addExpression(new ConstantExpression(call.getMethodAsString()));
            // Groovy passes named arguments as a leading Map; keep that calling convention.
            if (named != null) args.addExpression(named);
            positional.forEach(args::addExpression);

            MethodCallExpression rewritten = new MethodCallExpression(VariableExpression.THIS_EXPRESSION, METHOD, args);
            rewritten.setImplicitThis(true);
            rewritten.setSourcePosition(call);
            return rewritten;
        }
    
        /** The argument written first (named values included), or the call itself when it has none. */
        private static Expression earliest(List<Expression> args, MethodCallExpression call) {
            List<Expression> candidates = new ArrayList<>();
            for (Expression arg : args) {
                if (arg instanceof MapExpression map) {
                    map.getMapEntryExpressions().forEach(e -> candidates.add(e.getKeyExpression()));
                } else {
                    candidates.add(arg);
                }
            }
            return candidates.stream()
                    .filter(e -> e.getLineNumber() > 0)
                    .min(java.util.Comparator.comparingInt(Expression::getLineNumber).thenComparingInt(Expression::getColumnNumber))
                    .map(e -> (Expression) e)
                    .orElse(call);
        }
    }
}
