package dev.kubik.shell;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code kubik profiles}: every cluster kubik knows (also {@code kubik profile list}). */
@Command(name = "profiles", description = "Lists clusters: driver, nodes, how many run.")
final class ProfilesCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.print(ProfileList.table(Main.service()));
        return ExitCodes.OK;
    }
}
