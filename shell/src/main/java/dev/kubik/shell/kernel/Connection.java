package dev.kubik.shell.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;

/** A Jupyter connection file: where the five sockets listen and the key messages are signed with. */
record Connection(String transport, String ip, int shell, int iopub, int stdin, int control, int heartbeat, String key,
                  String signatureScheme) {

    static Connection read(Path file) throws IOException {
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        Connection connection = new Connection(json.path("transport").asText("tcp"), json.path("ip").asText("127.0.0.1"),
                json.path("shell_port").asInt(), json.path("iopub_port").asInt(), json.path("stdin_port").asInt(),
                json.path("control_port").asInt(), json.path("hb_port").asInt(), json.path("key").asText(""),
                json.path("signature_scheme").asText("hmac-sha256"));
        if (!connection.signatureScheme().equals("hmac-sha256")) {
            throw new IOException(file + ": signature scheme " + connection.signatureScheme() + " is not supported (hmac-sha256 is)");
        }
        return connection;
    }

    String address(int port) {
        return transport + "://" + ip + ":" + port;
    }
}
