package dev.kubik.shell

import java.nio.file.Path

/**
 * The real kubik console in a real terminal: tmux runs it, tests type keys and read the screen. Each console gets a
 * tmux server of its own (-L): with one shared server, a test's new session could reach the server the previous
 * test's last session was shutting down ("server exited unexpectedly", seen in CI).
 */
class Tmux implements Closeable {
    final String session = 'kubik-test-' + UUID.randomUUID().toString().substring(0, 8)
    final Kubik kubik

    Tmux(Kubik kubik) {
        this.kubik = kubik
    }

    static boolean available() {
        try {
            return ['tmux', '-V'].execute().waitFor() == 0
        } catch (IOException ignored) {
            return false
        }
    }

    /** The console, ready for input. */
    Tmux start(String... args) {
        launch(args)
        waitFor('kubik> ')
        this
    }

    /** Any kubik command in the terminal, without waiting for anything. */
    Tmux launch(String... args) {
        def java = Path.of(System.getProperty('java.home'), 'bin', 'java').toString()
        def command = ([java, '-XX:TieredStopAtLevel=1', '-cp', System.getProperty('java.class.path'), Main.name] + (args as List))
                .collect { "'" + it.replace("'", "'\\''") + "'" }.join(' ')
        def env = "KUBIK_HOME='${kubik.home}' KUBIK_NODE_IMAGE='${Kubik.IMAGE}' KUBECONFIG='${kubik.home}/kubeconfig' KUBIK_MIRROR='${kubik.home}/mirror' TERM=xterm-256color"
        tmux('new-session', '-d', '-s', session, '-x', '160', '-y', '50', "cd '${kubik.home}' && env $env $command; sleep 30")
        this
    }

    void type(String text) {
        tmux('send-keys', '-t', session, '-l', text)
    }

    void keys(String... keys) {
        tmux(['send-keys', '-t', session] + (keys as List) as String[])
    }

    void line(String text) {
        type(text)
        keys('Enter')
    }

    String screen() {
        def process = ['tmux', '-L', session, 'capture-pane', '-p', '-J', '-S', '-200', '-t', session].execute()
        def out = process.text
        process.waitFor()
        out
    }

    /** Waits until the screen shows {@code text} (after {@code occurrences - 1} earlier ones), or fails with the screen. */
    String waitFor(String text, int occurrences = 1, long seconds = 60) {
        long deadline = System.currentTimeMillis() + seconds * 1000
        while (System.currentTimeMillis() < deadline) {
            String screen = screen()
            if (screen.count(text) >= occurrences) return screen
            sleep(100)
        }
        throw new AssertionError("screen never showed '$text' ($occurrences times):\n${screen()}")
    }

    private void tmux(String... args) {
        def process = (['tmux', '-L', session] + (args as List)).execute()
        def err = new StringBuilder()
        process.waitForProcessOutput(new StringBuilder(), err)
        assert process.exitValue() == 0: "tmux ${args.join(' ')}: $err"
    }

    @Override
    void close() {
        ['tmux', '-L', session, 'kill-server'].execute().waitFor()
    }
}
