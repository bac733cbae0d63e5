package dev.kubik.addons;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every bundled manifest parsed document by document, and cross-checked the way the API server would reject it
 * or leave it dead: names, namespaces, service accounts, role references, selectors, named ports, and that the
 * catalog lists exactly the images the manifest runs.
 */
class ManifestsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "StorageClass", "APIService", "IngressClass");
    /** Roles and cluster roles the API server itself creates. */
    private static final Set<String> BUILT_IN_ROLES = Set.of("system:persistent-volume-provisioner",
            "extension-apiserver-authentication-reader", "system:auth-delegator", "cluster-admin");

    @Test
    void catalogNamesAreUniqueAndEachHasAManifest() {
        assertEquals(AddonCatalog.names().size(), Set.copyOf(AddonCatalog.names()).size());
        for (Addon addon : AddonCatalog.all()) {
            assertFalse(documents(addon).isEmpty(), addon.name());
        }
        assertTrue(AddonCatalog.find("ingress").isPresent());
        assertTrue(AddonCatalog.find("ingres").isEmpty());
    }

    @TestFactory
    Stream<DynamicTest> everyManifestHoldsTogether() {
        return AddonCatalog.all().stream().map(addon -> DynamicTest.dynamicTest(addon.name(), () -> check(addon)));
    }

    private static void check(Addon addon) {
        List<JsonNode> docs = documents(addon);
        Set<String> namespaces = new HashSet<>(Set.of("kube-system", "default"));
        Set<String> objects = new HashSet<>();
        for (JsonNode doc : docs) {
            String kind = text(doc, "kind");
            String name = text(doc.path("metadata"), "name");
            assertTrue(text(doc, "apiVersion") != null && kind != null && name != null,
                    addon.name() + ": every document needs apiVersion, kind and metadata.name: " + doc);
            if (kind.equals("Namespace")) namespaces.add(name);
            String namespace = doc.path("metadata").path("namespace").asText("");
            if (CLUSTER_SCOPED.contains(kind)) {
                assertEquals("", namespace, addon.name() + ": " + kind + " " + name + " is cluster-scoped");
            } else {
                assertFalse(namespace.isEmpty(), addon.name() + ": " + kind + " " + name + " needs a namespace");
            }
            assertTrue(objects.add(kind + "/" + namespace + "/" + name), addon.name() + ": duplicate " + kind + " " + name);
        }
        Set<String> images = new HashSet<>();
        for (JsonNode doc : docs) {
            String namespace = doc.path("metadata").path("namespace").asText("");
            if (!namespace.isEmpty()) {
                assertTrue(namespaces.contains(namespace), addon.name() + ": namespace " + namespace + " is never created");
            }
            JsonNode pod = podSpec(doc);
            if (!pod.isMissingNode()) {
                checkPod(addon, doc, pod, objects, namespace, images);
            }
            if (text(doc, "kind").endsWith("Binding")) checkBinding(addon, doc, objects);
            if (text(doc, "kind").equals("Service")) checkService(addon, doc, docs);
        }
        assertEquals(Set.copyOf(addon.images()), images, addon.name() + ": the catalog's images must be the manifest's");
    }

    private static void checkPod(Addon addon, JsonNode doc, JsonNode pod, Set<String> objects, String namespace, Set<String> images) {
        String account = pod.path("serviceAccountName").asText("");
        if (!account.isEmpty()) {
            assertTrue(objects.contains("ServiceAccount/" + namespace + "/" + account),
                    addon.name() + ": service account " + account + " is not in the manifest");
        }
        Set<String> volumes = new HashSet<>();
        pod.path("volumes").forEach(v -> volumes.add(v.path("name").asText()));
        for (JsonNode container : pod.path("containers")) {
            String image = container.path("image").asText();
            assertTrue(image.matches("[a-z0-9.-]+\\.[a-z]+/[a-z0-9./_-]+:[A-Za-z0-9._-]+(@sha256:[0-9a-f]{64})?"),
                    addon.name() + ": image " + image + " must name its registry and a tag");
            images.add(image);
            container.path("volumeMounts").forEach(m -> assertTrue(volumes.contains(m.path("name").asText()),
                    addon.name() + ": volume " + m.path("name").asText() + " is mounted but not declared"));
        }
        if (doc.has("spec") && doc.path("spec").has("selector")) {
            JsonNode labels = doc.path("spec").path("template").path("metadata").path("labels");
            for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("spec").path("selector").path("matchLabels").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> label = it.next();
                assertEquals(label.getValue().asText(), labels.path(label.getKey()).asText(null),
                        addon.name() + ": the selector must match the pod template's labels");
            }
        }
    }

    private static void checkBinding(Addon addon, JsonNode doc, Set<String> objects) {
        JsonNode ref = doc.path("roleRef");
        String role = ref.path("name").asText();
        String namespace = ref.path("kind").asText().equals("Role") ? doc.path("metadata").path("namespace").asText() : "";
        assertTrue(BUILT_IN_ROLES.contains(role) || objects.contains(ref.path("kind").asText() + "/" + namespace + "/" + role),
                addon.name() + ": " + ref.path("kind").asText() + " " + role + " is neither built in nor in the manifest");
        for (JsonNode subject : doc.path("subjects")) {
            String key = "ServiceAccount/" + subject.path("namespace").asText() + "/" + subject.path("name").asText();
            assertTrue(objects.contains(key), addon.name() + ": subject " + key + " is not in the manifest");
        }
    }

    /** A service selects pods the manifest runs, and a named target port is a port those pods name. */
    private static void checkService(Addon addon, JsonNode service, List<JsonNode> docs) {
        JsonNode selector = service.path("spec").path("selector");
        List<JsonNode> selected = new ArrayList<>();
        for (JsonNode doc : docs) {
            JsonNode labels = doc.path("kind").asText().equals("Pod") ? doc.path("metadata").path("labels")
                    : doc.path("spec").path("template").path("metadata").path("labels");
            boolean all = selector.size() > 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = selector.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> label = it.next();
                all &= label.getValue().asText().equals(labels.path(label.getKey()).asText(null));
            }
            if (all) selected.add(podSpec(doc));
        }
        String name = service.path("metadata").path("name").asText();
        if (selected.isEmpty()) fail(addon.name() + ": service " + name + " selects no pod of the manifest");
        for (JsonNode port : service.path("spec").path("ports")) {
            JsonNode target = port.path("targetPort");
            if (!target.isTextual()) continue;
            boolean named = selected.stream().anyMatch(pod -> {
                for (JsonNode container : pod.path("containers")) {
                    for (JsonNode p : container.path("ports")) if (p.path("name").asText().equals(target.asText())) return true;
                }
                return false;
            });
            assertTrue(named, addon.name() + ": service " + name + " targets port '" + target.asText() + "' that no pod names");
        }
    }

    private static JsonNode podSpec(JsonNode doc) {
        return switch (doc.path("kind").asText()) {
            case "Pod" -> doc.path("spec");
            case "Deployment", "DaemonSet", "StatefulSet", "Job" -> doc.path("spec").path("template").path("spec");
            default -> MissingNode.getInstance();
        };
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static List<JsonNode> documents(Addon addon) {
        try {
            List<JsonNode> docs = new ArrayList<>();
            var parser = YAML.getFactory().createParser(addon.manifest());
            for (Iterator<JsonNode> it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) docs.add(doc);
            }
            return docs;
        } catch (IOException e) {
            throw new AssertionError(addon.name() + ": the manifest is not YAML: " + e.getMessage(), e);
        }
    }
}
