package dev.kubik.dsl.lang;

import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.DeclarationExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.ast.stmt.BlockStatement;
import org.codehaus.groovy.ast.stmt.ExpressionStatement;
import org.codehaus.groovy.ast.stmt.Statement;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;
import org.codehaus.groovy.syntax.Token;
import org.codehaus.groovy.syntax.Types;

/**
 * For the console: a top-level {@code def x = …} becomes an assignment to the session's binding, so {@code x} is
 * still there on the next line (as in groovysh). Declarations inside closures and methods stay local.
 */
final class SessionVariables extends CompilationCustomizer {
    SessionVariables() {
        super(CompilePhase.CONVERSION);
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        if (!classNode.isScript()) return;
        MethodNode run = classNode.getMethod("run", org.codehaus.groovy.ast.Parameter.EMPTY_ARRAY);
        if (run == null || !(run.getCode() instanceof BlockStatement block)) return;
        for (Statement statement : block.getStatements()) {
            if (statement instanceof ExpressionStatement expression
                    && expression.getExpression() instanceof DeclarationExpression declaration
                    && !declaration.isMultipleAssignmentDeclaration()) {
                expression.setExpression(toBinding(declaration));
            }
        }
    }

    private static Expression toBinding(DeclarationExpression declaration) {
        VariableExpression target = new VariableExpression(declaration.getVariableExpression().getName());
        target.setSourcePosition(declaration.getLeftExpression());
        BinaryExpression assignment = new BinaryExpression(target,
                Token.newSymbol(Types.ASSIGN, declaration.getLineNumber(), declaration.getColumnNumber()),
                declaration.getRightExpression());
        assignment.setSourcePosition(declaration);
        return assignment;
    }
}
