package dev.kubik.shell;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Completion scripts for fish and PowerShell, from the same command model picocli writes the bash one from:
 * commands (and their subcommands) by name, then each command's options. Hidden commands stay hidden.
 */
final class ShellCompletions {
    private ShellCompletions() {
    }

    static String fish(CommandLine root) {
        StringBuilder out = new StringBuilder("# kubik completion for fish: kubik completion fish > ~/.config/fish/completions/kubik.fish\n");
        out.append("complete -c kubik -f\n");
        for (Map.Entry<String, CommandLine> command : visible(root).entrySet()) {
            out.append("complete -c kubik -n __fish_use_subcommand -a ").append(fishQuote(command.getKey()))
                    .append(" -d ").append(fishQuote(summary(command.getValue().getCommandSpec()))).append('\n');
            String seen = "'__fish_seen_subcommand_from " + command.getKey() + "'";
            for (Map.Entry<String, CommandLine> sub : visible(command.getValue()).entrySet()) {
                out.append("complete -c kubik -n ").append(seen).append(" -a ").append(fishQuote(sub.getKey()))
                        .append(" -d ").append(fishQuote(summary(sub.getValue().getCommandSpec()))).append('\n');
            }
            for (OptionSpec option : options(command.getValue().getCommandSpec())) {
                out.append("complete -c kubik -n ").append(seen);
                for (String name : option.names()) {
                    out.append(name.startsWith("--") ? " -l " + name.substring(2) : " -s " + name.substring(1));
                }
                if (option.arity().max() > 0) out.append(" -r");
                out.append(" -d ").append(fishQuote(first(option.description()))).append('\n');
            }
        }
        return out.toString();
    }

    static String powershell(CommandLine root) {
        StringBuilder table = new StringBuilder();
        table.append("    '' = @(").append(psList(new ArrayList<>(visible(root).keySet()))).append(")\n");
        for (Map.Entry<String, CommandLine> command : visible(root).entrySet()) {
            List<String> words = new ArrayList<>(visible(command.getValue()).keySet());
            options(command.getValue().getCommandSpec()).forEach(option -> words.addAll(List.of(option.names())));
            table.append("    ").append(psQuote(command.getKey())).append(" = @(").append(psList(words)).append(")\n");
        }
        return "# kubik completion for PowerShell: kubik completion powershell | Out-String | Invoke-Expression\n"
                + "Register-ArgumentCompleter -Native -CommandName kubik, kubik.cmd, kubik.ps1 -ScriptBlock {\n"
                + "  param($wordToComplete, $commandAst, $cursorPosition)\n"
                + "  $words = @{\n" + table.toString().replace("\n", "\n  ").stripTrailing() + "\n  }\n"
                + "  $command = ''\n"
                + "  foreach ($element in $commandAst.CommandElements | Select-Object -Skip 1) {\n"
                + "    $text = $element.ToString()\n"
                + "    if ($text -ne $wordToComplete -and $words.ContainsKey($text)) { $command = $text; break }\n"
                + "  }\n"
                + "  $words[$command] | Where-Object { $_ -like \"$wordToComplete*\" } | ForEach-Object {\n"
                + "    [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)\n"
                + "  }\n"
                + "}\n";
    }

    private static Map<String, CommandLine> visible(CommandLine command) {
        Map<String, CommandLine> visible = new TreeMap<>();
        command.getSubcommands().forEach((name, sub) -> {
            if (!sub.getCommandSpec().usageMessage().hidden()) visible.put(name, sub);
        });
        return visible;
    }

    private static List<OptionSpec> options(CommandSpec spec) {
        return spec.options().stream().filter(option -> !option.hidden()).toList();
    }

    private static String summary(CommandSpec spec) {
        return first(spec.usageMessage().description());
    }

    private static String first(String[] lines) {
        return lines.length == 0 ? "" : lines[0].replace("%n", " ").strip();
    }

    private static String fishQuote(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static String psQuote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static String psList(List<String> words) {
        return String.join(", ", words.stream().map(ShellCompletions::psQuote).toList());
    }
}
