package dev.kubik.engine.kubeconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.kubik.engine.state.AtomicFiles;
import dev.kubik.engine.state.ProfileLock;
import dev.kubik.spi.DriverException;
import dev.kubik.spi.HostOs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;

/**
 * A kubeconfig that kubik shares with kubectl and every other tool: kubik adds, replaces or removes the cluster,
 * user and context named after a profile and leaves every other entry as it was. Each change is read, modified
 * and written whole (temporary file, then rename) under a lock, so concurrent kubiks never lose each other's
 * entries and kubectl never reads half a file (minikube writes in place: its users' "corrupt kubeconfig").
 */
public final class KubeconfigFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));
    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(60);
    private final Path path;

    public KubeconfigFile(Path path) {
        this.path = path;
    }

    /** The first path of {@code $KUBECONFIG}, else {@code ~/.kube/config}, as kubectl writes. */
    public static KubeconfigFile fromEnvironment() {
        return locate(HostOs.current(), System.getenv("KUBECONFIG"), Path.of(System.getProperty("user.home")));
    }

    /**
     * kubectl's rule: {@code kubeconfig} is a list in the host's own form (';' between paths on Windows, whose
     * paths hold ':', and ':' elsewhere) and the first entry is the one written; without it, HOME/.kube/config.
     * The paths are {@code userHome}'s file system's.
     */
    public static KubeconfigFile locate(HostOs os, String kubeconfig, Path userHome) {
        if (kubeconfig != null && !kubeconfig.isBlank()) {
            String first = kubeconfig.split(os == HostOs.WINDOWS ? ";" : ":")[0];
            if (!first.isBlank()) return new KubeconfigFile(userHome.getFileSystem().getPath(first));
        }
        return new KubeconfigFile(userHome.resolve(".kube").resolve("config"));
    }

    public Path path() {
        return path;
    }

    /** Credentials for one cluster: PEM bytes, embedded as kubectl's *-data fields. */
    public record Entry(String name, String server, byte[] certificateAuthority, byte[] clientCertificate, byte[] clientKey) {
    }

    /** Adds or replaces the entry's cluster, user and context; makes it current unless {@code keepContext}. */
    public void upsert(Entry entry, boolean keepContext, String kubikVersion) {
        change(config -> {
            ObjectNode cluster = JsonNodeFactory.instance.objectNode();
            cluster.put("server", entry.server());
            cluster.put("certificate-authority-data", base64(entry.certificateAuthority()));
            ObjectNode extension = cluster.putArray("extensions").addObject();
            extension.put("name", "kubik");
            extension.putObject("extension").put("provider", "kubik.dev").put("version", kubikVersion)
                    .put("last-update", Instant.now().toString());
            put(config, "clusters", entry.name(), "cluster", cluster);

            ObjectNode user = JsonNodeFactory.instance.objectNode();
            user.put("client-certificate-data", base64(entry.clientCertificate()));
            user.put("client-key-data", base64(entry.clientKey()));
            put(config, "users", entry.name(), "user", user);

            ObjectNode context = JsonNodeFactory.instance.objectNode();
            context.put("cluster", entry.name());
            context.put("user", entry.name());
            put(config, "contexts", entry.name(), "context", context);
            if (!keepContext) config.put("current-context", entry.name());
        });
    }

    /** Removes the profile's cluster, user and context; the current context too if it was this one. */
    public void remove(String name) {
        if (!Files.exists(path) || !mentions(name)) return; // a file kubik has nothing in is never rewritten
        change(config -> {
            for (String list : new String[]{"clusters", "users", "contexts"}) {
                JsonNode entries = config.get(list);
                if (entries instanceof ArrayNode array) {
                    for (Iterator<JsonNode> it = array.iterator(); it.hasNext(); ) {
                        if (name.equals(it.next().path("name").asText(null))) it.remove();
                    }
                }
            }
            if (name.equals(config.path("current-context").asText(null))) config.put("current-context", "");
        });
    }

    /** The server the named cluster entry points at, if the file has one. */
    public java.util.Optional<String> server(String name) {
        if (!Files.exists(path)) return java.util.Optional.empty();
        try {
            for (JsonNode entry : parse().path("clusters")) {
                if (name.equals(entry.path("name").asText(null))) {
                    return java.util.Optional.ofNullable(entry.path("cluster").path("server").asText(null));
                }
            }
            return java.util.Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private boolean mentions(String name) {
        try {
            JsonNode config = parse();
            for (String list : new String[]{"clusters", "users", "contexts"}) {
                for (JsonNode entry : config.path(list)) {
                    if (name.equals(entry.path("name").asText(null))) return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private interface Change {
        void apply(ObjectNode config);
    }

    private void change(Change change) {
        Path lock = path.resolveSibling("." + path.getFileName() + ".kubik-lock");
        try (ProfileLock ignored = ProfileLock.acquireFile(lock, "kubeconfig " + path, LOCK_TIMEOUT, message -> { })) {
            ObjectNode config = read();
            change.apply(config);
            AtomicFiles.writePrivate(path, YAML.writeValueAsString(config).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update " + path + ": " + e.getMessage(), e);
        }
    }

    /** The file's YAML; a file that is not YAML is named, with the way out, and left exactly as it is. */
    private JsonNode parse() throws IOException {
        try {
            return YAML.readTree(Files.readAllBytes(path));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw new DriverException(path + " is not valid YAML" + where + "; kubik left it as it is",
                    "repair it, or move it aside (kubectl and kubik then start a new one), and run again", e);
        }
    }

    private ObjectNode read() throws IOException {
        if (Files.exists(path) && Files.size(path) > 0) {
            JsonNode node = parse();
            if (node instanceof ObjectNode object) return object;
            throw new IOException(path + " is not a kubeconfig (its top level is not a mapping); kubik leaves it as it is");
        }
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        config.put("apiVersion", "v1");
        config.put("kind", "Config");
        config.putObject("preferences");
        config.putArray("clusters");
        config.putArray("users");
        config.putArray("contexts");
        config.put("current-context", "");
        return config;
    }

    /** Replaces the element named {@code name} in the list (in place, keeping order), or appends it. */
    private static void put(ObjectNode config, String list, String name, String field, ObjectNode value) {
        ArrayNode array = config.get(list) instanceof ArrayNode existing ? existing : config.putArray(list);
        ObjectNode element = JsonNodeFactory.instance.objectNode();
        element.put("name", name);
        element.set(field, value);
        for (int i = 0; i < array.size(); i++) {
            if (name.equals(array.get(i).path("name").asText(null))) {
                array.set(i, element);
                return;
            }
        }
        array.add(element);
    }

    private static String base64(byte[] pem) {
        return Base64.getEncoder().encodeToString(pem);
    }
}
