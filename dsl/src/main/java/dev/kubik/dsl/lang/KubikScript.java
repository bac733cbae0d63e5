package dev.kubik.dsl.lang;

import groovy.lang.Script;

/** Base class of every kubik script: top-level keyword calls go to the {@link Evaluation}. */
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
}
