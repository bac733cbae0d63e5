package dev.kubik.dsl.sandbox;

import org.codehaus.groovy.ast.ClassHelper;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.Parameter;
import org.codehaus.groovy.ast.ClassCodeExpressionTransformer;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.ArrayExpression;
import org.codehaus.groovy.ast.expr.AttributeExpression;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.CastExpression;
import org.codehaus.groovy.ast.expr.ClassExpression;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.ConstructorCallExpression;
import org.codehaus.groovy.ast.expr.DeclarationExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.MethodPointerExpression;
import org.codehaus.groovy.ast.expr.NamedArgumentListExpression;
import org.codehaus.groovy.ast.expr.PostfixExpression;
import org.codehaus.groovy.ast.expr.PrefixExpression;
import org.codehaus.groovy.ast.expr.PropertyExpression;
import org.codehaus.groovy.ast.expr.SpreadExpression;
import org.codehaus.groovy.ast.expr.StaticMethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.ast.stmt.CatchStatement;
import org.codehaus.groovy.ast.stmt.ForStatement;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;
import org.codehaus.groovy.syntax.Types;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The compile-time half of the sandbox, run once names are resolved. It refuses what can be seen in the source
 * (a class the policy does not allow, a constructor, a cast, a forbidden name) and routes every call, property
 * access, subscript and method pointer with a receiver through {@link Guard}, which checks the real receiver at
 * run time. Calls without a receiver are kubik's keyword calls, already routed to the script's own gate.
 */
final class GuardingTransformer extends CompilationCustomizer {
    private static final ClassNode GUARD = ClassHelper.make(Guard.class);
    private static final Set<String> GENERATED = Set.of("run", "main");

    GuardingTransformer() {
        super(CompilePhase.CANONICALIZATION);
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        if (!classNode.isScript()) return;
        Rewriter rewriter = new Rewriter(source, classNode);
        for (MethodNode method : classNode.getMethods()) {
            if (method.getName().equals("main")) continue; // Groovy's launcher for the script, not its code
            if (!GENERATED.contains(method.getName())) {
                if (!method.isDynamicReturnType()) rewriter.checkType(method.getReturnType(), method);
                rewriter.checkParameters(method.getParameters());
            }
            rewriter.visitMethod(method);
        }
    }

    private static final class Rewriter extends ClassCodeExpressionTransformer {
        private final SourceUnit source;
        private final ClassNode script;

        Rewriter(SourceUnit source, ClassNode script) {
            this.source = source;
            this.script = script;
        }

        @Override
        protected SourceUnit getSourceUnit() {
            return source;
        }

        @Override
        public void visitMethod(MethodNode node) {
            for (Parameter parameter : node.getParameters()) {
                if (parameter.hasInitialExpression()) {
                    parameter.setInitialExpression(transform(parameter.getInitialExpression()));
                }
            }
            super.visitMethod(node);
        }

        @Override
        public void visitCatchStatement(CatchStatement statement) {
            ClassNode type = statement.getExceptionType();
            if (!SandboxPolicy.mayCatch(type.getName())) {
                refuse("catching " + type.getNameWithoutPackage() + ": catch Exception or a subclass of it", statement);
            }
            super.visitCatchStatement(statement);
        }

        @Override
        public void visitForLoop(ForStatement loop) {
            Parameter variable = loop.getVariable();
            if (variable != null && !variable.isDynamicTyped()) checkType(variable.getType(), loop);
            super.visitForLoop(loop);
        }

        @Override
        public Expression transform(Expression expression) {
            if (expression == null) return null;
            if (expression instanceof ClosureExpression closure) {
                checkParameters(closure.getParameters());
                if (closure.getCode() != null) closure.getCode().visit(this);
                return closure;
            }
            if (expression instanceof DeclarationExpression declaration) return declaration(declaration);
            if (expression instanceof BinaryExpression binary && Types.isAssignment(binary.getOperation().getType())) {
                return assignment(binary);
            }
            if (expression instanceof PrefixExpression prefix) checkUpdate(prefix.getExpression(), prefix);
            if (expression instanceof PostfixExpression postfix) checkUpdate(postfix.getExpression(), postfix);
            if (expression instanceof AttributeExpression attribute) {
                refuse("field access with .@", attribute);
                return attribute;
            }
            if (expression instanceof StaticMethodCallExpression call) {
                refuse("calling " + call.getMethod() + " of " + call.getOwnerType().getName(), call);
                return call;
            }
            if (expression instanceof ClassExpression type) {
                checkType(type.getType(), type);
                return type;
            }
            if (expression instanceof VariableExpression variable) {
                if (SandboxPolicy.NEVER.contains(variable.getName())) refuse("the name '" + variable.getName() + "'", variable);
                return variable;
            }
            if (expression instanceof ConstructorCallExpression constructor) {
                if (constructor.isUsingAnonymousInnerClass()
                        || !constructor.isSpecialCall() && !SandboxPolicy.mayConstruct(constructor.getType().getName())) {
                    refuse("creating " + constructor.getType().getName()
                            + ": scripts may create lists, maps, sets, strings, numbers and exceptions", constructor);
                }
            }
            if (expression instanceof CastExpression cast) checkType(cast.getType(), cast);
            if (expression instanceof ArrayExpression array) checkType(array.getElementType(), array);

            Expression transformed = expression instanceof MethodPointerExpression ? expression : super.transform(expression);
            if (transformed instanceof MethodCallExpression call) return call(call);
            if (transformed instanceof MethodPointerExpression pointer) return pointer(pointer);
            if (transformed instanceof PropertyExpression property) return property(property);
            if (transformed instanceof BinaryExpression binary
                    && binary.getOperation().getType() == Types.LEFT_SQUARE_BRACKET) {
                return guard("getAt", binary, binary.getLeftExpression(), binary.getRightExpression());
            }
            return transformed;
        }

        private Expression call(MethodCallExpression call) {
            if (call.isImplicitThis()) {
                if (!dev.kubik.dsl.lang.CallSiteTransformer.METHOD.equals(call.getMethodAsString())) {
                    refuse(call.getMethodAsString() == null ? "a call whose name is computed, without a receiver"
                            : "spread arguments (*list) in a call to " + call.getMethodAsString(), call);
                }
                return call;
            }
            if (call.getObjectExpression() instanceof VariableExpression v && v.isSuperExpression()) {
                refuse("calls through super", call);
                return call;
            }
            String name = call.getMethodAsString();
            if (name != null && SandboxPolicy.NEVER.contains(name)) {
                refuse("calling " + name + "()", call);
                return call;
            }
            List<Expression> args = new ArrayList<>();
            for (Expression arg : arguments(call.getArguments())) {
                if (arg instanceof SpreadExpression) {
                    refuse("spread arguments (*list) in a call to " + name, call);
                    return call;
                }
                args.add(arg instanceof NamedArgumentListExpression named ? new MapExpression(named.getMapEntryExpressions()) : arg);
            }
            ArrayExpression array = new ArrayExpression(ClassHelper.OBJECT_TYPE, args);
            return guard("call", call, call.getObjectExpression(), call.getMethod(),
                    bool(call.isSafe()), bool(call.isSpreadSafe()), array);
        }

        private Expression property(PropertyExpression property) {
            String name = property.getPropertyAsString();
            if (name != null && SandboxPolicy.NEVER.contains(name)) {
                refuse("reading '" + name + "'", property);
                return property;
            }
            return guard("getProperty", property, property.getObjectExpression(), property.getProperty(),
                    bool(property.isSafe()), bool(property.isSpreadSafe()));
        }

        private Expression pointer(MethodPointerExpression pointer) {
            Expression receiver = transform(pointer.getExpression());
            if (receiver instanceof ClassExpression) {
                refuse("a method reference on a class", pointer);
                return pointer;
            }
            return guard("pointer", pointer, receiver, transform(pointer.getMethodName()));
        }

        private Expression declaration(DeclarationExpression declaration) {
            if (declaration.isMultipleAssignmentDeclaration()) {
                for (Expression each : declaration.getTupleExpression().getExpressions()) {
                    if (each instanceof VariableExpression v && !v.isDynamicTyped()) checkType(v.getOriginType(), v);
                }
            } else {
                VariableExpression variable = declaration.getVariableExpression();
                if (!variable.isDynamicTyped()) checkType(variable.getOriginType(), variable);
                if (SandboxPolicy.NEVER.contains(variable.getName())) refuse("the name '" + variable.getName() + "'", variable);
            }
            declaration.setRightExpression(transform(declaration.getRightExpression()));
            return declaration;
        }

        /** {@code a.b = v} and {@code a[i] = v} go through the guard; compound forms of them are refused. */
        private Expression assignment(BinaryExpression binary) {
            Expression left = binary.getLeftExpression();
            boolean plain = binary.getOperation().getType() == Types.ASSIGN;
            boolean guarded = left instanceof PropertyExpression
                    || left instanceof BinaryExpression b && b.getOperation().getType() == Types.LEFT_SQUARE_BRACKET;
            if (guarded && !plain) {
                refuse("'" + binary.getOperation().getText() + "' on a property or subscript: write it as x.a = x.a + 1", binary);
                return binary;
            }
            if (left instanceof AttributeExpression) {
                refuse("field access with .@", left);
                return binary;
            }
            Expression value = transform(binary.getRightExpression());
            if (left instanceof PropertyExpression property) {
                String name = property.getPropertyAsString();
                if (name != null && SandboxPolicy.NEVER.contains(name)) refuse("setting '" + name + "'", property);
                return guard("setProperty", binary, transform(property.getObjectExpression()), property.getProperty(), value);
            }
            if (guarded) {
                BinaryExpression subscript = (BinaryExpression) left;
                return guard("putAt", binary, transform(subscript.getLeftExpression()),
                        transform(subscript.getRightExpression()), value);
            }
            binary.setLeftExpression(transform(left));
            binary.setRightExpression(value);
            return binary;
        }

        private void checkUpdate(Expression operand, Expression at) {
            if (operand instanceof PropertyExpression
                    || operand instanceof BinaryExpression b && b.getOperation().getType() == Types.LEFT_SQUARE_BRACKET) {
                refuse("++ and -- on a property or subscript: write it as x.a = x.a + 1", at);
            }
        }

        void checkParameters(Parameter[] parameters) {
            if (parameters == null) return;
            for (Parameter parameter : parameters) {
                if (!parameter.isDynamicTyped()) checkType(parameter.getOriginType(), parameter);
                if (parameter.hasInitialExpression()) parameter.setInitialExpression(transform(parameter.getInitialExpression()));
            }
        }

        void checkType(ClassNode type, org.codehaus.groovy.ast.ASTNode at) {
            ClassNode element = type;
            while (element.isArray()) element = element.getComponentType();
            if (element.equals(script) || ClassHelper.isPrimitiveType(element) || element.equals(ClassHelper.VOID_TYPE)) return;
            if (!SandboxPolicy.mayName(element.getName())) {
                refuse("the class " + element.getName() + ": scripts may name only value types (String, numbers, "
                        + "List, Map, Set, Closure) and Math", at);
            }
        }

        private Expression guard(String method, Expression at, Expression... args) {
            ArgumentListExpression list = new ArgumentListExpression();
            list.addExpression(new ConstantExpression(at.getLineNumber(), true));
            list.addExpression(new ConstantExpression(at.getColumnNumber(), true));
            for (Expression arg : args) list.addExpression(arg);
            StaticMethodCallExpression call = new StaticMethodCallExpression(GUARD, method, list);
            call.setSourcePosition(at);
            return call;
        }

        private static ConstantExpression bool(boolean value) {
            return new ConstantExpression(value, true);
        }

        private static List<Expression> arguments(Expression arguments) {
            if (arguments instanceof TupleExpression tuple) return tuple.getExpressions();
            return List.of(arguments);
        }

        private void refuse(String what, org.codehaus.groovy.ast.ASTNode node) {
            EarlyChecks.refuse(source, what, node);
        }
    }
}
