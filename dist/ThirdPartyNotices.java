import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Writes THIRD-PARTY-NOTICES.txt from the release's CycloneDX SBOM, so the notices and the SBOM can never disagree:
 * every component the distribution ships, its version and its licenses. Run by scripts/release.sh in Java's
 * source-file mode, with the release's own jars (Jackson) on the class path.
 *
 *   java -cp 'lib/*' dist/ThirdPartyNotices.java bom.json THIRD-PARTY-NOTICES.txt
 */
public final class ThirdPartyNotices {
    public static void main(String[] args) throws Exception {
        JsonNode bom = new ObjectMapper().readTree(Path.of(args[0]).toFile());
        TreeMap<String, String> lines = new TreeMap<>();
        for (JsonNode component : bom.path("components")) {
            String group = component.path("group").asText("");
            if (group.equals("dev.kubik")) continue; // kubik's own modules
            String name = (group.isEmpty() ? "" : group + ":") + component.path("name").asText();
            lines.put(name, name + " " + component.path("version").asText() + "\n    " + String.join(", ", licenses(component)) + "\n");
        }
        StringBuilder out = new StringBuilder("""
                kubik bundles the components below, each under its own license (the SBOM, kubik-VERSION.cdx.json,
                has the same list with package URLs and hashes). kubik itself is under the Apache License 2.0 (LICENSE).
                The linux-x86_64 archive and the .deb also bring a Java runtime made by jlink from OpenJDK, under the
                GNU General Public License v2 with the Classpath Exception: its notices are in runtime/legal/.

                """);
        lines.values().forEach(out::append);
        Files.writeString(Path.of(args[1]), out.toString());
    }

    private static List<String> licenses(JsonNode component) {
        List<String> licenses = new ArrayList<>();
        for (JsonNode choice : component.path("licenses")) {
            JsonNode license = choice.path("license");
            if (license.hasNonNull("id")) licenses.add(license.get("id").asText());
            else if (license.hasNonNull("name")) licenses.add(license.get("name").asText());
            else if (choice.hasNonNull("expression")) licenses.add(choice.get("expression").asText());
        }
        if (licenses.isEmpty()) licenses.add("license not declared in its POM: see the project's site");
        return licenses;
    }
}
