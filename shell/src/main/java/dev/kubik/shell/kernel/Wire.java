package dev.kubik.shell.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.zeromq.ZMQ;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Jupyter's wire protocol (messaging 5.3): routing identities, the {@code <IDS|MSG>} delimiter, an HMAC-SHA256 of
 * header, parent header, metadata and content in lower-case hex, then those four as JSON. Messages whose
 * signature does not match are dropped.
 */
final class Wire {
    static final String VERSION = "5.3";
    private static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.UTF_8);
    static final ObjectMapper JSON = new ObjectMapper();

    /** A message received: who sent it (for the reply) and its parts. */
    record Message(List<byte[]> identities, JsonNode header, JsonNode parent, JsonNode metadata, JsonNode content) {
        String type() {
            return header.path("msg_type").asText();
        }
    }

    private final byte[] key;
    private final String session = UUID.randomUUID().toString();

    Wire(String key) {
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    /** The next message on the socket, or null when it is not ours (bad signature, malformed). */
    Message receive(ZMQ.Socket socket) {
        List<byte[]> frames = new ArrayList<>();
        do {
            byte[] frame = socket.recv(0);
            if (frame == null) return null;
            frames.add(frame);
        } while (socket.hasReceiveMore());
        int delimiter = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (java.util.Arrays.equals(frames.get(i), DELIMITER)) {
                delimiter = i;
                break;
            }
        }
        if (delimiter < 0 || frames.size() < delimiter + 6) return null;
        byte[][] parts = {frames.get(delimiter + 2), frames.get(delimiter + 3), frames.get(delimiter + 4), frames.get(delimiter + 5)};
        String signature = new String(frames.get(delimiter + 1), StandardCharsets.UTF_8);
        if (key.length > 0 && !MessageDigest.isEqual(signature.getBytes(StandardCharsets.UTF_8),
                sign(parts).getBytes(StandardCharsets.UTF_8))) {
            return null;
        }
        try {
            return new Message(List.copyOf(frames.subList(0, delimiter)), JSON.readTree(parts[0]), JSON.readTree(parts[1]),
                    JSON.readTree(parts[2]), JSON.readTree(parts[3]));
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** Sends {@code type} with {@code content} in reply to (or on behalf of) {@code parent}. */
    synchronized void send(ZMQ.Socket socket, List<byte[]> identities, String type, JsonNode parent, JsonNode content) {
        ObjectNode header = JSON.createObjectNode().put("msg_id", UUID.randomUUID().toString()).put("session", session)
                .put("username", "kubik").put("date", OffsetDateTime.now(ZoneOffset.UTC).toString())
                .put("msg_type", type).put("version", VERSION);
        byte[][] parts = {bytes(header), bytes(parent == null ? JSON.createObjectNode() : parent),
                bytes(JSON.createObjectNode()), bytes(content)};
        boolean interrupted = Thread.interrupted();
        try {
            for (byte[] identity : identities) interrupted |= frame(socket, identity, ZMQ.SNDMORE);
            interrupted |= frame(socket, DELIMITER, ZMQ.SNDMORE);
            interrupted |= frame(socket, sign(parts).getBytes(StandardCharsets.UTF_8), ZMQ.SNDMORE);
            for (int i = 0; i < 3; i++) interrupted |= frame(socket, parts[i], ZMQ.SNDMORE);
            interrupted |= frame(socket, parts[3], 0);
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /**
     * One frame. An interrupt_request interrupts the thread running the cell, and that thread publishes the plan's
     * progress: JeroMQ refuses to send on an interrupted thread (EINTR, the frame not queued), which ended the kernel.
     * The interrupt is set aside for the send ({@link #send} puts it back for the plan to see) and the frame sent again;
     * returns whether an interrupt came meanwhile.
     */
    private static boolean frame(ZMQ.Socket socket, byte[] data, int flags) {
        boolean interrupted = false;
        for (int attempt = 1; ; attempt++) {
            try {
                socket.send(data, flags);
                return interrupted;
            } catch (org.zeromq.ZMQException e) {
                if (e.getErrorCode() != ZMQ.Error.EINTR.getCode() || attempt >= 5) throw e;
                interrupted |= Thread.interrupted();
            }
        }
    }

    private String sign(byte[][] parts) {
        if (key.length == 0) return "";
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] part : parts) mac.update(part);
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
