package dev.kaiwa.it;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reads the ISO-8601 instants of JSON responses. */
public final class Times {
    private Times() {
    }

    /** The instant in {@code field}; fails the test when it is missing or not an instant. */
    public static Instant instant(JsonObject object, String field) {
        String text = object.getString(field, null);
        if (text == null) {
            throw new AssertionError("No " + field + " in " + object);
        }
        try {
            return Instant.parse(text);
        }
        catch (DateTimeParseException e) {
            throw new AssertionError(field + " is not an ISO-8601 instant in " + object, e);
        }
    }

    /** Whether {@code field} is absent or JSON null. */
    public static boolean isAbsent(JsonObject object, String field) {
        return !object.containsKey(field) || object.isNull(field);
    }
}
