package dev.kaiwa.web;

import dev.kaiwa.shared.DomainException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;

/**
 * Parses query parameters and textual body fields so that bad values become field errors (400)
 * instead of the 404 that JAX-RS gives a query parameter it cannot convert.
 */
public final class Parameters {
    private Parameters() {
    }

    public static Optional<Instant> instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value.strip()).toInstant());
        }
        catch (DateTimeException e) {
            throw DomainException.invalidField(field, "must be an ISO-8601 date-time with offset, e.g. 2026-05-01T09:00:00Z");
        }
    }

    public static Optional<Integer> integer(String field, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(value.strip()));
        }
        catch (NumberFormatException e) {
            throw DomainException.invalidField(field, "must be a whole number");
        }
    }

    public static <E extends Enum<E>> Optional<E> enumValue(String field, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT)));
        }
        catch (IllegalArgumentException e) {
            throw DomainException.invalidField(field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    public static Optional<String> text(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
