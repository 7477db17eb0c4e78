package dev.kaiwa.webhook;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A subscription as a request states it, unchecked: for a create or a full replacement every field counts
 * (absent description: none; absent active: true); for a change only the non-null ones do. A secret is taken
 * only on create; otherwise one is generated.
 */
public record WebhookDraft(String url, List<String> events, String description, Boolean active, String secret) {
    public WebhookDraft {
        events = events == null ? null : Collections.unmodifiableList(new ArrayList<>(events));
    }
}
