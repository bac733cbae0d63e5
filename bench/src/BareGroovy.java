import groovy.lang.Binding;
import groovy.lang.Closure;
import groovy.lang.GroovyObjectSupport;
import groovy.lang.GroovyShell;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The benchmark's baseline: a bare GroovyShell evaluating a cluster script with no kubik code at all. Every
 * keyword is swallowed and every block run, which is the least any Groovy DSL must do with the same text.
 */
public final class BareGroovy {
    /** Accepts any keyword; runs the block it is given, if any, with itself as delegate. */
    static final class Anything extends GroovyObjectSupport {
        @Override
        public Object invokeMethod(String name, Object args) {
            Object[] array = (Object[]) args;
            if (array.length > 0 && array[array.length - 1] instanceof Closure<?> block) {
                Closure<?> body = block.rehydrate(new Anything(), block.getOwner(), block.getThisObject());
                body.setResolveStrategy(Closure.DELEGATE_ONLY);
                body.call();
            }
            return null;
        }
    }

    public static void main(String[] args) throws Exception {
        Binding binding = new Binding();
        binding.setVariable("cluster", new Closure<Object>(null) {
            @Override
            public Object call(Object... arguments) {
                return new Anything().invokeMethod("cluster", arguments);
            }
        });
        new GroovyShell(binding).evaluate(Files.readString(Path.of(args[0])));
    }
}
