package dev.kubik.shell;

import dev.kubik.spi.HostOs;

import java.util.List;

/**
 * Opens a URL in the desktop's browser where there is one (the system's own opener, as an argument vector), and
 * says so where there is none (a server, CI, an SSH session): the URL is printed either way.
 */
final class Browser {
    private Browser() {
    }

    static void open(String url) {
        List<String> opener = switch (HostOs.current()) {
            case MACOS -> List.of("open", url);
            case WINDOWS -> List.of("rundll32", "url.dll,FileProtocolHandler", url);
            case LINUX -> System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null ? List.of("xdg-open", url) : List.of();
        };
        if (!opener.isEmpty()) {
            try {
                new ProcessBuilder(opener).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                System.err.println("kubik: opening " + url + " in your browser");
                return;
            } catch (java.io.IOException e) {
                // No opener installed: fall through to the hint.
            }
        }
        System.err.println("kubik: no desktop browser here; open " + url + " yourself (--url prints the URLs alone)");
    }
}
