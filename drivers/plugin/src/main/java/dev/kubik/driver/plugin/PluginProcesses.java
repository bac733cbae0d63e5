package dev.kubik.driver.plugin;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The plugins this kubik process has started, one per executable, started on first use and stopped when kubik
 * exits (a plugin that died is started again on the next call).
 */
final class PluginProcesses {
    private static final Map<Path, PluginProcess> RUNNING = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(PluginProcesses::stopAll, "kubik-plugins-stop"));
    }

    /** Stops every plugin this process started. */
    static void stopAll() {
        RUNNING.values().parallelStream().forEach(PluginProcess::close);
        RUNNING.clear();
    }

    private PluginProcesses() {
    }

    static PluginProcess of(Path executable) {
        return RUNNING.compute(executable, (path, running) -> {
            if (running != null && running.alive()) return running;
            if (running != null) running.close();
            return PluginProcess.start(path);
        });
    }

    /** Stops a plugin that stopped answering; the next call starts it again. */
    static void stop(PluginProcess plugin) {
        RUNNING.remove(plugin.executable(), plugin);
        plugin.close();
    }
}
