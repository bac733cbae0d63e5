package dev.kubik.driver.vfkit;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * vfkit's REST API over its unix socket ({@code --restful-uri unix://…}): {@code GET /vm/state} answers
 * {@code {"state":"VirtualMachineStateRunning"}}; {@code POST /vm/state} with {@code {"state":"Stop"}} (or HardStop,
 * Pause, Resume) asks for a change. HTTP/1.1 with Connection: close, one request per connection.
 */
final class VfkitRest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private VfkitRest() {
    }

    /** The VM's state as vfkit names it ({@code VirtualMachineStateRunning}, …Stopped, …Paused). */
    static String state(Path socket) throws IOException {
        Response response = request(socket, "GET", "/vm/state", null);
        if (response.status() != 200) throw new IOException("GET /vm/state answered " + response.status());
        Object state = JSON.readValue(response.body(), Map.class).get("state");
        if (state == null) throw new IOException("GET /vm/state answered no state: " + response.body());
        return state.toString();
    }

    /** Asks for a state change; vfkit answers 202 Accepted. */
    static void change(Path socket, String state) throws IOException {
        Response response = request(socket, "POST", "/vm/state", JSON.writeValueAsString(Map.of("state", state)));
        if (response.status() / 100 != 2) throw new IOException("POST /vm/state " + state + " answered " + response.status());
    }

    record Response(int status, String body) {
    }

    private static Response request(Path socket, String method, String path, String body) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            String head = method + " " + path + " HTTP/1.1\r\nHost: vfkit\r\nConnection: close\r\n"
                    + (body == null ? "" : "Content-Type: application/json\r\nContent-Length: " + content.length + "\r\n") + "\r\n";
            channel.write(ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII)));
            if (content.length > 0) channel.write(ByteBuffer.wrap(content));
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            while (channel.read(buffer) > 0) {
                received.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            String text = received.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            if (!text.startsWith("HTTP/1.") || split < 0) throw new IOException("not an HTTP answer from " + socket + ": " + text);
            int status = Integer.parseInt(text.substring(9, 12));
            return new Response(status, text.substring(split + 4));
        }
    }
}
