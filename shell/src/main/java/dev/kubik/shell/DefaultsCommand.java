package dev.kubik.shell;

import dev.kubik.engine.Catalog;
import dev.kubik.model.Defaults;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code kubik defaults}: what a script gets for what it leaves out. */
@Command(name = "defaults", description = "Prints the value each keyword takes when a script leaves it out.")
final class DefaultsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        Table table = new Table("KEYWORD", "DEFAULT");
        String version = Catalog.bootstrapper(Defaults.BOOTSTRAPPER).map(b -> b.defaultKubernetesVersion() + " (supported with "
                + b.name() + ": " + String.join(", ", b.kubernetesMinors().stream().map(m -> m + ".x").toList()) + ")")
                .orElse("set by the bootstrapper");
        for (String[] row : Defaults.table(version)) table.row((Object[]) row);
        System.out.print(table);
        return ExitCodes.OK;
    }
}
