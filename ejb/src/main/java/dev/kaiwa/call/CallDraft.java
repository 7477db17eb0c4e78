package dev.kaiwa.call;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * The fields a host chooses for a call, already validated by the caller of the service.
 * {@code scheduledAt} null means now; {@code metadata} is a JSON object kept as text.
 */
public record CallDraft(String title, CallType type, Instant scheduledAt, int maxParticipants, CallSettings settings,
        String externalRef, String metadata, Integer retentionDays) {
    public CallDraft {
        requireNonNull(title, "title is null");
        requireNonNull(type, "type is null");
        requireNonNull(settings, "settings is null");
    }
}
