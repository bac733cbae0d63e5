package dev.kubik.engine.kubeapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubik.spi.DriverException;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The few calls of the Kubernetes REST API kubik makes itself (services, their status): JSON over HTTPS with the
 * profile's client certificate, as client-go does for minikube's service and tunnel. Paths are the API's own
 * ({@code /api/v1/namespaces/NS/services/NAME}); names in them are checked by the caller.
 */
public final class KubeApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final String cluster;
    private final URI server;
    private final HttpClient http;

    public KubeApi(String cluster, URI server, SSLContext tls) {
        this.cluster = cluster;
        this.server = server;
        // HTTP/1.1: the API server speaks both; one request at a time needs no more.
        this.http = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    public URI server() {
        return server;
    }

    /** The object at {@code path}, or empty when the API says it does not exist. */
    public Optional<JsonNode> find(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(server.resolve(path)).GET());
        if (response.statusCode() == 404) return Optional.empty();
        return Optional.of(parse(path, response));
    }

    /** The object at {@code path}; its absence is an error. */
    public JsonNode get(String path) {
        return find(path).orElseThrow(() -> new DriverException("cluster '" + cluster + "' has no " + path, null));
    }

    /** A JSON merge patch (RFC 7386) to the object at {@code path}; returns the object as the API now has it. */
    public JsonNode mergePatch(String path, JsonNode patch) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(server.resolve(path))
                .header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(patch.toString())));
        return parse(path, response);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.header("Accept", "application/json").timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DriverException("the API server of '" + cluster + "' at " + server + " does not answer: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
                    "kubik status " + cluster + " (is its control plane running? kubik update-context " + cluster + " if it moved)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriverException("interrupted", null, e);
        }
    }

    /** The body of a 2xx answer; any other is the API's own Status message. */
    private JsonNode parse(String path, HttpResponse<String> response) {
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new DriverException("the API server of '" + cluster + "' answered " + path + " with " + response.statusCode()
                    + " and no JSON", null);
        }
        if (response.statusCode() / 100 != 2) {
            String message = body.path("message").asText("HTTP " + response.statusCode());
            throw new DriverException("the API server of '" + cluster + "' refused " + path + ": " + message,
                    response.statusCode() == 401 || response.statusCode() == 403
                            ? "kubik's client certificate for '" + cluster + "' is not accepted: was the cluster remade outside kubik?" : null);
        }
        return body;
    }
}
