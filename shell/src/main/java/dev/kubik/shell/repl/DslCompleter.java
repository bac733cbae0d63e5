package dev.kubik.shell.repl;

import dev.kubik.dsl.lang.Block;
import dev.kubik.engine.Catalog;
import dev.kubik.dsl.lang.Keyword;
import dev.kubik.dsl.lang.Vocabulary;
import dev.kubik.addons.AddonCatalog;
import dev.kubik.engine.KubikHome;
import dev.kubik.spi.BootstrapperDescriptor;
import dev.kubik.spi.DriverDescriptor;
import dev.kubik.spi.OptionSpec;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tab completion that knows the language: keywords of the block the cursor is in (inside {@code kubernetes { }}
 * only its keywords), then values for the keyword before the cursor (drivers, runtimes, bootstrappers, versions,
 * addons, option names and allowed values of the chosen driver), commands and their arguments, paths after
 * {@code /open} and {@code /save}.
 */
final class DslCompleter implements Completer {
    private static final Pattern PREVIOUS_WORD = Pattern.compile("([A-Za-z][A-Za-z0-9]*)\\s+$");
    private static final Pattern DRIVER = Pattern.compile("driver\\s+['\"]([a-z0-9-]+)['\"]");
    private final KubikHome home;

    DslCompleter(KubikHome home) {
        this.home = home;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String buffer = line.line();
        String before = buffer.substring(0, Math.min(line.cursor(), buffer.length()));
        String beforeWord = before.substring(0, before.length() - line.wordCursor());
        if (before.stripLeading().startsWith("/")) {
            commands(beforeWord.stripLeading(), line.word(), candidates);
            return;
        }
        Block block = BlockContext.at(beforeWord);
        Matcher previous = PREVIOUS_WORD.matcher(beforeWord);
        String keyword = previous.find() ? previous.group(1) : null;
        List<String> values = keyword == null ? List.of() : values(block, keyword, buffer);
        if (!values.isEmpty()) {
            values.forEach(v -> candidates.add(new Candidate("'" + v + "'", v, null, null, null, null, true)));
            return;
        }
        keywords(block, buffer).forEach(candidates::add);
    }

    private List<Candidate> keywords(Block block, String buffer) {
        List<Candidate> out = new ArrayList<>();
        if (block == Block.OPTIONS) {
            for (OptionSpec option : driverOf(buffer).map(d -> d.options().options()).orElse(List.of())) {
                out.add(new Candidate(option.name(), option.name(), "options", option.usage(), null, null, true));
            }
            return out;
        }
        for (Keyword k : Vocabulary.in(block)) {
            out.add(new Candidate(k.name(), k.name(), block.display(), k.doc(), null, null, true));
        }
        return out;
    }

    private List<String> values(Block block, String keyword, String buffer) {
        if (block == Block.OPTIONS) {
            return driverOf(buffer).flatMap(d -> d.options().find(keyword)).map(OptionSpec::allowed).orElse(List.of());
        }
        return switch (keyword) {
            case "driver" -> Catalog.drivers().stream().map(DriverDescriptor::name).toList();
            case "runtime" -> Catalog.bootstrappers().stream().flatMap(b -> b.runtimes().stream()).distinct().toList();
            case "bootstrapper" -> Catalog.bootstrappers().stream().map(BootstrapperDescriptor::name).toList();
            case "version" -> Catalog.bootstrappers().stream().flatMap(b -> b.kubernetesMinors().stream())
                    .distinct().map(m -> m + ".0").toList();
            case "addons" -> AddonCatalog.names();
            case "role" -> List.of("control-plane", "worker");
            case "cluster" -> dev.kubik.engine.ClusterService.profilesIn(home);
            default -> List.of();
        };
    }

    private static Optional<DriverDescriptor> driverOf(String buffer) {
        Matcher m = DRIVER.matcher(buffer);
        return m.find() ? Catalog.driver(m.group(1)) : Optional.empty();
    }

    private void commands(String beforeWord, String word, List<Candidate> candidates) {
        if (beforeWord.isEmpty()) {
            ConsoleCommands.names().forEach(c -> candidates.add(new Candidate(c)));
            return;
        }
        ConsoleCommands.find(beforeWord.split("\\s+")[0])
                .ifPresent(command -> command.arguments().complete(home, beforeWord, word, candidates));
    }
}
