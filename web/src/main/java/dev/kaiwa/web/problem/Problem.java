package dev.kaiwa.web.problem;

import dev.kaiwa.shared.FieldError;
import java.util.List;

/**
 * An RFC 9457 problem detail as Kaiwa sends it. {@code code} is the stable {@code ErrorCode} name;
 * {@code errors} lists invalid fields; {@code incidentId} ties a 500 to the server log.
 */
public record Problem(String type, String title, int status, String detail, String instance, String code,
        List<FieldError> errors, String incidentId) {
    public static final String MEDIA_TYPE = "application/problem+json";
}
