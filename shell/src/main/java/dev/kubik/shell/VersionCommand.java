package dev.kubik.shell;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.kubik.engine.KubikVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code kubik version}: what a bug report needs (as {@code minikube version} and {@code kind version}): the
 * version, the commit, the Java runtime kubik runs on and where it lives, and the OS and architecture.
 */
@Command(name = "version", description = "Prints kubik's version, commit, Java runtime and OS/architecture")
final class VersionCommand implements Callable<Integer> {
    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "text (the default) or json")
    String output = "text";

    @Override
    public Integer call() throws Exception {
        Map<String, String> facts = facts();
        switch (output) {
            case "json" -> System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(facts));
            case "text" -> facts.forEach((key, value) -> System.out.println(key + ": " + value));
            default -> {
                System.err.println("kubik: -o " + output + " is not a format: text or json");
                return ExitCodes.INVALID;
            }
        }
        return ExitCodes.OK;
    }

    static Map<String, String> facts() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("version", KubikVersion.get());
        facts.put("commit", KubikVersion.commit());
        facts.put("java", System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + ")");
        facts.put("javaHome", System.getProperty("java.home"));
        facts.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        facts.put("arch", System.getProperty("os.arch"));
        return facts;
    }
}
