package dev.kubik.shell

import com.fasterxml.jackson.databind.ObjectMapper
import com.networknt.schema.JsonSchema
import com.networknt.schema.JsonSchemaFactory
import com.networknt.schema.SchemaValidatorsConfig
import com.networknt.schema.SpecVersion

import java.nio.file.Files
import java.nio.file.Paths

/** Checks kubik's --output json lines against the schema the README documents (docs/events.schema.json). */
class EventSchema {
    private static final ObjectMapper JSON = new ObjectMapper()
    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(
            Files.readString(Paths.get('../docs/events.schema.json')),
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build())

    /** Every line as an event; fails naming the line and what the schema says is wrong with it. */
    static List<Map> events(String output) {
        output.readLines().findAll { it.trim() }.collect { line ->
            def node = JSON.readTree(line)
            def errors = SCHEMA.validate(node)
            assert errors.isEmpty(): "event does not match docs/events.schema.json: ${errors*.message}\n$line"
            JSON.treeToValue(node, Map)
        }
    }
}
