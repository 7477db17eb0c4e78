package dev.kaiwa.webhook;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Map;

/** One POST to a subscriber: its URL, the JSON body and Kaiwa's headers (signature, ids, timestamp). */
public record WebhookRequest(URI url, String body, Map<String, String> headers) {
    public WebhookRequest {
        requireNonNull(url, "url is null");
        requireNonNull(body, "body is null");
        headers = Map.copyOf(headers);
    }
}
