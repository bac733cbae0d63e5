package dev.kubik.dsl.lang;

import dev.kubik.dsl.sandbox.Guard;
import dev.kubik.dsl.sandbox.ScriptGate;
import groovy.lang.MissingMethodException;
import groovy.lang.Script;

/**
 * Base class of every kubik script: top-level keyword calls go to the {@link Evaluation}. When the script is
 * untrusted, what it calls or reads on itself passes {@link ScriptGate}: its own functions and variables, kubik's
 * built-ins and printing, never Script's {@code evaluate}, {@code setBinding} or Groovy's methods on every object.
 */
public abstract class KubikScript extends Script {
    private Evaluation evaluation;

    void attach(Evaluation evaluation) {
        this.evaluation = evaluation;
    }

    /** Target of the calls {@link CallSiteTransformer} rewrites. */
    @SuppressWarnings("unused")
    public Object __kubik_at(int line, int column, int argLine, int argColumn, String name, Object... args) {
        return evaluation.topLevel(this, name, args, evaluation.at(line, column), evaluation.at(argLine, argColumn));
    }

    /** The script's own methods and closures in its binding, without kubik's keyword handling. */
    Object invokePlain(String name, Object[] args) {
        return super.invokeMethod(name, args);
    }

    @Override
    public Object invokeMethod(String name, Object args) {
        gate(name, args instanceof Object[] array ? array : new Object[]{args});
        return super.invokeMethod(name, args);
    }

    @Override
    public Object getProperty(String property) {
        if (sandboxed() && !ScriptGate.allowsVariable(property)) throw refused("reading '" + property + "'");
        return super.getProperty(property);
    }

    @Override
    public void setProperty(String property, Object newValue) {
        if (sandboxed() && !ScriptGate.allowsVariable(property)) throw refused("setting '" + property + "'");
        super.setProperty(property, newValue);
    }

    /** Refuses a name the gate does not allow; one that names nothing at all is left to fail as unknown. */
    void gate(String name, Object[] args) {
        if (!sandboxed() || ScriptGate.allows(this, name)) return;
        if (getMetaClass().respondsTo(this, name).isEmpty()) {
            throw new MissingMethodException(name, getClass(), args);
        }
        throw refused("calling " + name + "()");
    }

    private boolean sandboxed() {
        return evaluation != null && evaluation.sandboxed();
    }

    private Error refused(String what) {
        var at = evaluation.unknownPosition();
        return Guard.refused(at.line(), at.column(), what);
    }
}
