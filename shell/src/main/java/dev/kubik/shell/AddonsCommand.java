package dev.kubik.shell;

import dev.kubik.addons.Addon;
import dev.kubik.addons.AddonCatalog;
import dev.kubik.dsl.lang.Suggestions;
import dev.kubik.plan.ClusterState;
import dev.kubik.engine.ClusterService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code kubik addons list|images}: what kubik ships and what a profile has enabled. Enabling is the script's job
 * ({@code addons '...'} in the cluster block), so a replay never undoes a change made behind its back.
 */
@Command(name = "addons", description = "Lists the addons kubik ships and which a cluster has enabled.",
        subcommands = {AddonsCommand.ListAddons.class, AddonsCommand.Images.class})
final class AddonsCommand implements Runnable {
    @Override
    public void run() {
        new ListAddons().call();
    }

    @Command(name = "list", description = "Every addon, its status in the profile, maintainer and purpose. "
            + "Enable one with addons 'NAME' in the script's cluster block.")
    static final class ListAddons implements Callable<Integer> {
        @Mixin
        ProfileOption profile = new ProfileOption();

        @Override
        public Integer call() {
            Optional<ClusterState> state = Main.service()
                    .recorded(profile.orDefault());
            List<String> enabled = state.map(ClusterState::addons).orElse(List.of());
            Table table = new Table("ADDON", "PROFILE", "STATUS", "MAINTAINER", "DESCRIPTION");
            for (Addon addon : AddonCatalog.all()) {
                table.row(addon.name(), profile.orDefault(), enabled.contains(addon.name()) ? "enabled" : "disabled",
                        addon.maintainer(), addon.description());
            }
            System.out.print(table);
            if (state.isEmpty()) System.out.println("(no cluster named " + profile.orDefault() + " yet)");
            return ExitCodes.OK;
        }
    }

    @Command(name = "images", description = "The images an addon runs, for pre-loading with kubik image load.")
    static final class Images implements Callable<Integer> {
        @Parameters(paramLabel = "ADDON", description = "an addon name, as kubik addons list shows it")
        String name;

        @Override
        public Integer call() {
            Optional<Addon> addon = AddonCatalog.find(name);
            if (addon.isEmpty()) {
                String hint = Suggestions.didYouMean(name, AddonCatalog.names());
                System.err.println("kubik: unknown addon '" + name + "'" + (hint.isEmpty() ? "." : hint)
                        + " kubik ships: " + String.join(", ", AddonCatalog.names()));
                return ExitCodes.INVALID;
            }
            addon.get().images().forEach(System.out::println);
            return ExitCodes.OK;
        }
    }
}
