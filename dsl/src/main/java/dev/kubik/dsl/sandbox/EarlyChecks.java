package dev.kubik.dsl.sandbox;

import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.ast.AnnotatedNode;
import org.codehaus.groovy.ast.AnnotationNode;
import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.ImportNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.DeclarationExpression;
import org.codehaus.groovy.ast.Parameter;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * What the sandbox refuses before anything is resolved: imports (a script names no classes beyond the few the
 * policy allows), a package, classes of its own, and every annotation, which is how {@code @Grab} and the local
 * AST transforms run code at compile time.
 */
final class EarlyChecks extends CompilationCustomizer {
    EarlyChecks() {
        super(CompilePhase.CONVERSION);
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        ModuleNode module = source.getAST();
        if (classNode == module.getClasses().get(0)) {
            List<ImportNode> imports = new ArrayList<>(module.getImports());
            imports.addAll(module.getStarImports());
            imports.addAll(module.getStaticImports().values());
            imports.addAll(module.getStaticStarImports().values());
            imports.forEach(i -> refuse(source, "import " + i.getText().replaceFirst("^import ", "")
                    + ": untrusted scripts import nothing", i));
            if (module.getPackage() != null) refuse(source, "a package declaration", module.getPackage());
        }
        if (!classNode.isScript()) {
            String name = classNode.getNameWithoutPackage().contains("$") ? "an anonymous class" : "class " + classNode.getNameWithoutPackage();
            refuse(source, "declaring " + name + ": untrusted scripts define functions and closures, not classes", classNode);
            return;
        }
        new AnnotationFinder(source).visitClass(classNode);
    }

    static void refuse(SourceUnit source, String what, ASTNode node) {
        source.getErrorCollector().addErrorAndContinue(
                new SyntaxErrorMessage(new SandboxRefusal("refused: " + what, node), source));
    }

    private static final class AnnotationFinder extends ClassCodeVisitorSupport {
        private final SourceUnit source;
        private final java.util.Set<AnnotationNode> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

        AnnotationFinder(SourceUnit source) {
            this.source = source;
        }

        @Override
        protected SourceUnit getSourceUnit() {
            return source;
        }

        @Override
        public void visitAnnotations(AnnotatedNode node) {
            for (AnnotationNode annotation : node.getAnnotations()) {
                // Groovy adds some of its own (@BaseScript, @Generated), with no place in the source.
                if (annotation.getLineNumber() > 0 && seen.add(annotation)) refuse(source, "the annotation @" + annotation.getClassNode().getNameWithoutPackage()
                        + ": annotations run code at compile time", annotation);
            }
            if (node instanceof org.codehaus.groovy.ast.MethodNode method) {
                for (Parameter parameter : method.getParameters()) visitAnnotations(parameter);
            }
        }

        @Override
        public void visitDeclarationExpression(DeclarationExpression expression) {
            visitAnnotations(expression);
            super.visitDeclarationExpression(expression);
        }

        @Override
        public void visitClosureExpression(ClosureExpression expression) {
            if (expression.getParameters() != null) {
                for (Parameter parameter : expression.getParameters()) visitAnnotations(parameter);
            }
            super.visitClosureExpression(expression);
        }
    }
}
