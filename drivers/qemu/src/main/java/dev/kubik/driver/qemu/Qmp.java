package dev.kubik.driver.qemu;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A minimal QMP client over qemu's unix socket: the greeting, {@code qmp_capabilities}, then one command. Replies
 * are matched by their {@code "return"} or {@code "error"} key; asynchronous events in between are skipped.
 */
final class Qmp {
    private Qmp() {
    }

    /** Sends {@code command} (a JSON object) and returns qemu's reply line. */
    static String execute(Path socket, String command) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
            in.readLine(); // {"QMP": {...}} greeting
            send(channel, "{\"execute\":\"qmp_capabilities\"}");
            reply(in);
            send(channel, command);
            return reply(in);
        }
    }

    private static void send(SocketChannel channel, String json) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap((json + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) channel.write(bytes);
    }

    private static String reply(BufferedReader in) throws IOException {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.contains("\"return\"") || line.contains("\"error\"")) return line;
        }
        throw new IOException("qemu closed its QMP socket");
    }
}
