package dev.kubik.dsl.sandbox;

import groovy.lang.Closure;
import groovy.lang.Script;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.codehaus.groovy.runtime.MethodClosure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The run-time half of the sandbox. {@link GuardingTransformer} turns every call, property access and subscript
 * with a receiver into a call here, with the receiver as it really is at run time, so that names computed from
 * strings, GString method names and values from dynamic dispatch are checked like written ones.
 */
public final class Guard {
    private Guard() {
    }

    public static Object call(int line, int column, Object receiver, Object name, boolean safe, boolean spread,
                              Object[] args) {
        if (receiver == null && (safe || spread)) return null;
        String method = String.valueOf(name);
        if (spread) {
            List<Object> results = new ArrayList<>();
            for (Object each : iterable(line, column, receiver)) {
                results.add(each == null ? null : call(line, column, each, method, false, false, args));
            }
            return results;
        }
        if (receiver instanceof Script script) {
            if (!ScriptGate.allows(script, method)) throw refused(line, column, "calling " + method + "() on the script");
            return script.invokeMethod(method, args);
        }
        if (!SandboxPolicy.mayCall(receiver, method)) {
            throw refused(line, column, "calling " + method + "() on " + SandboxPolicy.describe(receiver));
        }
        Object result = InvokerHelper.invokeMethod(receiver, method, args);
        return KubikRecords.is(receiver) ? SandboxPolicy.contain(result) : result;
    }

    public static Object getProperty(int line, int column, Object receiver, Object name, boolean safe, boolean spread) {
        if (receiver == null && (safe || spread)) return null;
        String property = String.valueOf(name);
        if (spread) {
            List<Object> results = new ArrayList<>();
            for (Object each : iterable(line, column, receiver)) {
                results.add(each == null ? null : getProperty(line, column, each, property, false, false));
            }
            return results;
        }
        if (receiver instanceof Script script) {
            if (!ScriptGate.allowsVariable(property)) throw refused(line, column, "reading '" + property + "' of the script");
            return script.getProperty(property);
        }
        if (receiver instanceof Map<?, ?> map) {
            if (SandboxPolicy.NEVER.contains(property)) throw refused(line, column, "reading '" + property + "'");
            return map.get(property);
        }
        if (receiver instanceof Collection<?> && !SandboxPolicy.mayRead(receiver, property)) {
            // Groovy spreads a property over a list's elements; check each element as if read on its own.
            return getProperty(line, column, receiver, property, false, true);
        }
        if (!SandboxPolicy.mayRead(receiver, property)) {
            throw refused(line, column, "reading '" + property + "' of " + SandboxPolicy.describe(receiver));
        }
        Object result = InvokerHelper.getProperty(receiver, property);
        return KubikRecords.is(receiver) ? SandboxPolicy.contain(result) : result;
    }

    public static Object setProperty(int line, int column, Object receiver, Object name, Object value) {
        String property = String.valueOf(name);
        if (receiver instanceof Script script && ScriptGate.allowsVariable(property)) {
            script.setProperty(property, value);
        } else if (receiver instanceof Map<?, ?> && !SandboxPolicy.NEVER.contains(property)) {
            InvokerHelper.setProperty(receiver, property, value);
        } else {
            throw refused(line, column, "setting '" + property + "' of " + SandboxPolicy.describe(receiver));
        }
        return value;
    }

    public static Object getAt(int line, int column, Object receiver, Object index) {
        if (receiver instanceof Map<?, ?> map) return map.get(index);
        if (!SandboxPolicy.mayCall(receiver, "getAt") || receiver instanceof Script) {
            throw refused(line, column, "subscript [] on " + SandboxPolicy.describe(receiver));
        }
        return InvokerHelper.invokeMethod(receiver, "getAt", new Object[]{index});
    }

    public static Object putAt(int line, int column, Object receiver, Object index, Object value) {
        if (!SandboxPolicy.mayCall(receiver, "putAt") || receiver instanceof Script) {
            throw refused(line, column, "assigning through [] on " + SandboxPolicy.describe(receiver));
        }
        InvokerHelper.invokeMethod(receiver, "putAt", new Object[]{index, value});
        return value;
    }

    /** {@code receiver.&name}: allowed only where the call itself would be. */
    public static Closure<?> pointer(int line, int column, Object receiver, Object name) {
        String method = String.valueOf(name);
        boolean allowed = receiver instanceof Script
                ? !SandboxPolicy.NEVER.contains(method) && ScriptGate.declares((Script) receiver, method)
                : SandboxPolicy.mayCall(receiver, method);
        if (!allowed) throw refused(line, column, "a method pointer to " + method + " on " + SandboxPolicy.describe(receiver));
        return new MethodClosure(receiver, method);
    }

    private static Iterable<?> iterable(int line, int column, Object receiver) {
        if (receiver instanceof Iterable<?> iterable) return iterable;
        if (receiver instanceof Object[] array) return List.of(array);
        throw refused(line, column, "spreading (*.) over " + SandboxPolicy.describe(receiver));
    }

    public static SandboxViolation refused(int line, int column, String what) {
        return new SandboxViolation(line, column, "refused: " + what + " (untrusted scripts may not)");
    }
}
