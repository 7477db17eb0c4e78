package dev.kaiwa.shared;

import static java.util.Objects.requireNonNull;

/** One invalid input field: its JSON name (or query parameter) and what is wrong with it. */
public record FieldError(String field, String message) {
    public FieldError {
        requireNonNull(field, "field is null");
        requireNonNull(message, "message is null");
    }
}
