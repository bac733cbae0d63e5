package dev.kubik.engine.ssh;

import dev.kubik.spi.Endpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import javax.net.SocketFactory;

/**
 * A connection whose server has already said something. Waiting for a booting machine's SSH server means telling a
 * listening server from a port forwarder that accepts and closes unspoken (docker's proxy does), which takes reading
 * the server's first byte; that byte is given back to whoever reads next, so the SSH client takes over this very
 * connection instead of opening another (each costs the machine an sshd process while it boots).
 */
final class SpokenSocket extends Socket {
    private PushbackInputStream input;

    private SpokenSocket() {
    }

    /** Connects and waits up to {@code timeout} for the server's first byte; empty when nothing answers or speaks. */
    static Optional<Socket> open(Endpoint endpoint, Duration timeout) {
        SpokenSocket socket = new SpokenSocket();
        try {
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            PushbackInputStream input = new PushbackInputStream(socket.getSocketInput());
            int first = input.read();
            socket.setSoTimeout(0);
            if (first < 0) {
                socket.close();
                return Optional.empty();
            }
            input.unread(first);
            socket.input = input;
            return Optional.of(socket);
        } catch (IOException e) {
            closeQuietly(socket);
            return Optional.empty();
        }
    }

    private InputStream getSocketInput() throws IOException {
        return super.getInputStream();
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return input != null ? input : super.getInputStream();
    }

    /** Hands {@code socket} to a client that asks its factory for one (sshj uses a connected socket as it is). */
    static SocketFactory handing(Socket socket) {
        return new SocketFactory() {
            @Override public Socket createSocket() { return socket; }
            @Override public Socket createSocket(String host, int port) { return socket; }
            @Override public Socket createSocket(String host, int port, InetAddress local, int localPort) { return socket; }
            @Override public Socket createSocket(InetAddress host, int port) { return socket; }
            @Override public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) { return socket; }
        };
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing a connection nobody will use.
        }
    }
}
