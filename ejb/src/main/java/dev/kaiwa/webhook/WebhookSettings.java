package dev.kaiwa.webhook;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a subscription is, checked by {@link WebhookRules}: where to send, which events (kept in the order of
 * {@link WebhookEventType}), a note, on or off.
 */
public record WebhookSettings(URI url, Set<WebhookEventType> events, Optional<String> description, boolean active) {
    public WebhookSettings {
        requireNonNull(url, "url is null");
        requireNonNull(events, "events is null");
        requireNonNull(description, "description is null");
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a subscription names at least one event");
        }
        events = Collections.unmodifiableSet(EnumSet.copyOf(events));
    }
}
