package dev.kubik.dsl.sandbox;

import org.codehaus.groovy.control.CompilerConfiguration;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;

/**
 * Untrusted scripts run sandboxed: {@link #apply} makes a compiler configuration refuse what could reach the host
 * (processes, files, network, reflection, class loading, metaprogramming, evaluating code, {@code @Grab}), at
 * compile time where the source shows it and at run time, through {@link Guard}, where only the running script
 * knows the receiver or the name. A trusted script (kubik trust, --trust) compiles without it.
 */
public final class Sandbox {
    private static final String GLOBAL_TRANSFORMS = "META-INF/services/org.codehaus.groovy.transform.ASTTransformation";

    private Sandbox() {
    }

    public static void apply(CompilerConfiguration config, ClassLoader loader) {
        // Global AST transforms (Grape's @Grab among them) run on every script whatever it says: none here.
        config.setDisabledGlobalASTTransformations(globalTransforms(loader));
        config.addCompilationCustomizers(new EarlyChecks(), new GuardingTransformer());
    }

    private static Set<String> globalTransforms(ClassLoader loader) {
        Set<String> names = new HashSet<>();
        try {
            Enumeration<URL> services = loader.getResources(GLOBAL_TRANSFORMS);
            while (services.hasMoreElements()) {
                try (BufferedReader reader = new BufferedReader(
                        new InputStreamReader(services.nextElement().openStream(), StandardCharsets.UTF_8))) {
                    reader.lines().map(line -> line.replaceFirst("#.*", "").strip())
                            .filter(line -> !line.isEmpty()).forEach(names::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list Groovy's global AST transforms", e);
        }
        return names;
    }
}
