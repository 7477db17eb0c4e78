package dev.kaiwa.shared;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Base64;

/**
 * A position in a list ordered by (time, id): opaque to clients, so the order can change without
 * breaking them. Anything that does not decode is a validation failure of the field {@code cursor}.
 */
public record Cursor(Instant at, String id) {
    public Cursor {
        requireNonNull(at, "at is null");
        requireNonNull(id, "id is null");
    }

    public String encode() {
        String plain = at.getEpochSecond() + "." + at.getNano() + "." + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(UTF_8));
    }

    public static Cursor decode(String encoded) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(encoded), UTF_8);
            String[] parts = plain.split("\\.", 3);
            if (parts.length != 3 || !RandomIds.isWellFormed(parts[2])) {
                throw invalid();
            }
            long seconds = Long.parseLong(parts[0]);
            int nanos = Integer.parseInt(parts[1]);
            if (nanos < 0 || nanos > 999_999_999) {
                throw invalid();
            }
            return new Cursor(Instant.ofEpochSecond(seconds, nanos), parts[2]);
        }
        catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw invalid();
        }
    }

    private static DomainException invalid() {
        return DomainException.invalidField("cursor", "is not a cursor returned by this list");
    }
}
