package dev.kubik.spi;

/**
 * A setting a plugin refuses.
 *
 * @param setting the setting's path in the script, as {@code kubernetes.version} or {@code options.network}
 * @param message what is wrong
 * @param fix     what would be valid, or null
 */
public record SettingProblem(String setting, String message, String fix) {
}
