package dev.kubik.engine;

import dev.kubik.engine.certs.ClusterCertificates;
import dev.kubik.runtime.RuntimeFiles;
import dev.kubik.spi.CommandResult;
import dev.kubik.spi.CommandRunner;
import dev.kubik.spi.DriverException;
import dev.kubik.spi.Endpoint;
import dev.kubik.spi.Pause;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node's dockerd serving the host's docker client (minikube's docker-env): TCP 2376 with TLS, client certificates
 * required and checked against kubik's CA, as minikube provisions it. Set up on first use and kept: dockerd is
 * restarted only when one of its files changed.
 */
final class NodeDockerd {
    static final int PORT = 2376;
    private static final String DIR = "/etc/docker/kubik";
    private static final String DROP_IN = "/etc/systemd/system/docker.service.d/10-kubik-tls.conf";
    private static final Duration LISTEN_TIMEOUT = Duration.ofSeconds(60);

    private NodeDockerd() {
    }

    /** The drop-in: dockerd's own socket as the package has it, plus TLS on 2376. */
    static String dropIn() {
        return """
                # kubik: dockerd for the host's docker client (kubik docker-env), TLS with client certificates.
                [Service]
                ExecStart=
                ExecStart=/usr/sbin/dockerd -H fd:// -H tcp://0.0.0.0:%d --tlsverify --tlscacert=%s/ca.pem --tlscert=%s/server.pem --tlskey=%s/server-key.pem --containerd=/run/containerd/containerd.sock
                """.formatted(PORT, DIR, DIR, DIR);
    }

    /** Writes what differs, restarts dockerd if anything did; returns whether it had to. */
    static boolean ensure(CommandRunner node, String machine, ClusterCertificates.DockerTls tls) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(DIR + "/ca.pem", tls.ca());
        files.put(DIR + "/server.pem", tls.serverCertificate());
        files.put(DIR + "/server-key.pem", tls.serverKey());
        files.put(DROP_IN, dropIn().getBytes(StandardCharsets.UTF_8));
        // One round trip tells which files are as wanted: their checksums (a missing file prints nothing).
        List<String> sums = new ArrayList<>(List.of("sudo", "sha256sum"));
        sums.addAll(files.keySet());
        String present = node.run(sums, Duration.ofSeconds(30)).stdout();
        boolean changed = false;
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            if (present.contains(RuntimeFiles.sha256(file.getValue()) + "  " + file.getKey())) continue;
            node.writeFile(file.getKey(), file.getValue(), file.getKey().endsWith("-key.pem") ? 0600 : 0644);
            changed = true;
        }
        if (changed) {
            CommandResult restart = node.run(List.of("sudo", "sh", "-c", "systemctl daemon-reload && systemctl restart docker"), Duration.ofMinutes(2));
            if (!restart.ok()) {
                throw new DriverException("dockerd on " + machine + " did not start with TLS: " + restart.stderr().strip(),
                        "kubik ssh -n " + machine + " -- sudo journalctl -u docker");
            }
        }
        return changed;
    }

    /** Until dockerd accepts connections at {@code at}. */
    static void await(Endpoint at, String machine) {
        long deadline = System.nanoTime() + LISTEN_TIMEOUT.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(at.host(), at.port()), 1000);
                return;
            } catch (IOException e) {
                last = e;
                Pause.millis(200);
            }
        }
        throw new DriverException("dockerd on " + machine + " does not listen on " + at + ": " + (last == null ? "" : last.getMessage()),
                "kubik ssh -n " + machine + " -- sudo journalctl -u docker");
    }
}
