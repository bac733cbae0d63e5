package dev.kubik.shell

import com.sun.net.httpserver.HttpExchange
import com.sun.net.httpserver.HttpServer
import com.fasterxml.jackson.databind.ObjectMapper

import java.nio.file.Files
import java.nio.file.Path
import java.security.MessageDigest
import java.util.concurrent.CopyOnWriteArrayList

/**
 * A read-only registry speaking the distribution API v2, enough for a pull: one image, from a docker save archive,
 * as an OCI manifest with its config and uncompressed layers. It records every request, so a test can see that a
 * node pulled through it. Bound to an address the test's own docker network reaches.
 */
class TestRegistry implements Closeable {
    final List<String> requests = new CopyOnWriteArrayList<>()
    private final HttpServer server
    private final Map<String, byte[]> blobs = [:]
    private final String repository
    private final String tag
    private byte[] manifest

    TestRegistry(Path dockerSave, String repository, String tag, String bindAddress) {
        this.repository = repository
        this.tag = tag
        def dir = Files.createTempDirectory('registry')
        def untar = ['tar', '-xf', dockerSave.toString(), '-C', dir.toString()].execute()
        assert untar.waitFor() == 0
        def saved = new ObjectMapper().readValue(dir.resolve('manifest.json').toFile(), List)[0]
        def config = blob(Files.readAllBytes(dir.resolve(saved.Config)))
        def layers = saved.Layers.collect { blob(Files.readAllBytes(dir.resolve(it))) }
        manifest = new ObjectMapper().writeValueAsBytes([schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json',
                config: [mediaType: 'application/vnd.oci.image.config.v1+json', digest: config.digest, size: config.size],
                layers: layers.collect { [mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: it.digest, size: it.size] }])
        server = HttpServer.create(new InetSocketAddress(bindAddress, 0), 16)
        server.createContext('/v2/') { HttpExchange exchange -> serve(exchange) }
        server.start()
    }

    String url() {
        "http://${server.address.hostString}:${server.address.port}"
    }

    private Map blob(byte[] bytes) {
        def digest = 'sha256:' + MessageDigest.getInstance('SHA-256').digest(bytes).encodeHex()
        blobs[digest] = bytes
        [digest: digest, size: bytes.length]
    }

    private void serve(HttpExchange exchange) {
        String path = exchange.requestURI.path
        requests << "${exchange.requestMethod} $path".toString()
        byte[] body = null
        String type = 'application/octet-stream'
        if (path == '/v2/') {
            body = '{}'.bytes
            type = 'application/json'
        } else if (path == "/v2/$repository/manifests/$tag" || path == "/v2/$repository/manifests/${digestOf(manifest)}") {
            body = manifest
            type = 'application/vnd.oci.image.manifest.v1+json'
            exchange.responseHeaders.add('Docker-Content-Digest', digestOf(manifest))
        } else if (path.startsWith("/v2/$repository/blobs/")) {
            body = blobs[path.substring(path.lastIndexOf('/') + 1)]
        }
        exchange.responseHeaders.add('Content-Type', type)
        exchange.responseHeaders.add('Docker-Distribution-API-Version', 'registry/2.0')
        if (body == null) {
            exchange.sendResponseHeaders(404, -1)
        } else if (exchange.requestMethod == 'HEAD') {
            exchange.responseHeaders.add('Content-Length', String.valueOf(body.length))
            exchange.sendResponseHeaders(200, -1)
        } else {
            exchange.sendResponseHeaders(200, body.length)
            exchange.responseBody.withCloseable { it.write(body) }
        }
        exchange.close()
    }

    private static String digestOf(byte[] bytes) {
        'sha256:' + MessageDigest.getInstance('SHA-256').digest(bytes).encodeHex()
    }

    @Override
    void close() {
        server.stop(0)
    }
}
