package dev.kubik.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.UncheckedIOException;

/** Plans as JSON, for {@code --output json} and for saving a plan to apply later. */
public final class PlanJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ObjectMapper SAVED = new ObjectMapper().enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);

    private PlanJson() {
    }

    public static String write(Plan plan) {
        try {
            return MAPPER.writeValueAsString(plan);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A saved plan, indented for review (it is meant to be read before it is applied). */
    public static String writeSaved(SavedPlan saved) {
        try {
            return SAVED.writeValueAsString(saved) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A saved plan; {@link IllegalArgumentException} naming what is wrong when the text is not one this kubik reads. */
    public static SavedPlan readSaved(String json) {
        com.fasterxml.jackson.databind.JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.has("format") || !tree.has("plan")) {
            throw new IllegalArgumentException("not a kubik plan (no format and plan fields); make one with kubik plan FILE --out PLAN.json");
        }
        if (tree.get("format").asInt() != SavedPlan.FORMAT) {
            throw new IllegalArgumentException("plan format " + tree.get("format") + "; this kubik reads format " + SavedPlan.FORMAT);
        }
        try {
            return MAPPER.treeToValue(tree, SavedPlan.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a damaged kubik plan: " + e.getOriginalMessage());
        }
    }

    public static Plan read(String json) {
        try {
            return MAPPER.readValue(json, Plan.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
