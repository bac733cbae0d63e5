package dev.kubik.shell;

import dev.kubik.engine.KubikVersion;
import picocli.CommandLine;

/** kubik's version, from the build. */
public final class Version implements CommandLine.IVersionProvider {
    public static String get() {
        return KubikVersion.get();
    }

    @Override
    public String[] getVersion() {
        return new String[]{"kubik " + get() + " (Java " + System.getProperty("java.version") + ")"};
    }
}
