package dev.kubik.shell;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code kubik completion bash|zsh|fish|powershell}: a completion script for the shell, from the commands themselves. */
@Command(name = "completion", description = {"Prints a completion script: source <(kubik completion bash)",
        "(the bash script also works in zsh after 'autoload -U bashcompinit && bashcompinit'; fish and powershell",
        "print their own)"})
final class CompletionCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SHELL", description = "bash, zsh, fish or powershell", defaultValue = "bash")
    String shell;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine root = spec.root().commandLine();
        switch (shell) {
            case "bash", "zsh" -> System.out.print(AutoComplete.bash("kubik", root));
            case "fish" -> System.out.print(ShellCompletions.fish(root));
            case "powershell", "pwsh" -> System.out.print(ShellCompletions.powershell(root));
            default -> {
                System.err.println("kubik: no completion for " + shell + ": bash, zsh, fish or powershell");
                return ExitCodes.INVALID;
            }
        }
        return ExitCodes.OK;
    }
}
