package dev.kubik.dsl.sandbox;

import groovy.lang.Closure;
import groovy.lang.Script;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Set;

/**
 * What an untrusted script may call on itself: the functions it defines, the closures in its binding (kubik's
 * built-ins, the console's variables) and printing. Not Script's own methods ({@code evaluate}, {@code run},
 * {@code setBinding}) nor Groovy's methods on every object ({@code sleep}, {@code with}, {@code getClass}).
 */
public final class ScriptGate {
    private static final Set<String> PRINTING = Set.of("println", "print", "printf", "sprintf");

    private ScriptGate() {
    }

    public static boolean allows(Script script, String name) {
        if (SandboxPolicy.NEVER.contains(name)) return false;
        if (PRINTING.contains(name) || declares(script, name)) return true;
        return script.getBinding().hasVariable(name) && script.getBinding().getVariable(name) instanceof Closure;
    }

    /** A function the script's own source defines (not one it inherits). */
    static boolean declares(Script script, String name) {
        for (Method method : script.getClass().getDeclaredMethods()) {
            if (method.getName().equals(name) && !method.isSynthetic() && !Modifier.isStatic(method.getModifiers())
                    && !name.startsWith("$")) {
                return true;
            }
        }
        return false;
    }

    /** May the script read (or write) this name on itself? Variables of its binding only. */
    public static boolean allowsVariable(String name) {
        return !SandboxPolicy.NEVER.contains(name);
    }
}
