package dev.kubik.dsl.sandbox;

import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.syntax.SyntaxException;

/** A construct the sandbox refuses when the script is compiled, at its line and column. */
public final class SandboxRefusal extends SyntaxException {
    SandboxRefusal(String message, ASTNode node) {
        super(message, node.getLineNumber(), Math.max(1, node.getColumnNumber()),
                node.getLastLineNumber(), node.getLastColumnNumber());
    }

    /** The message without Groovy's position suffix. */
    public String refusal() {
        return getOriginalMessage();
    }
}
