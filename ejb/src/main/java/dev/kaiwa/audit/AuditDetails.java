package dev.kaiwa.audit;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** How an entry's details are stored: a JSON object of string values with sorted keys. */
final class AuditDetails {
    private AuditDetails() {
    }

    static String toJson(SortedMap<String, String> details) {
        JsonObjectBuilder object = Json.createObjectBuilder();
        details.forEach(object::add);
        return object.build().toString();
    }

    /** The stored details; a value that is not a JSON object of strings reads as no details (verify reports it). */
    static SortedMap<String, String> fromJson(String json) {
        SortedMap<String, String> details = new TreeMap<>();
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            JsonObject object = reader.readObject();
            for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
                if (entry.getValue() instanceof JsonString text) {
                    details.put(entry.getKey(), text.getString());
                }
            }
        }
        catch (JsonException | IllegalStateException | ClassCastException e) {
            return Collections.emptySortedMap();
        }
        return Collections.unmodifiableSortedMap(details);
    }
}
