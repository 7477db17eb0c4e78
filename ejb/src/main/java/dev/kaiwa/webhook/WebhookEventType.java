package dev.kaiwa.webhook;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The events an organization can subscribe to; {@link #wireName()} is what subscriptions and payloads carry. */
public enum WebhookEventType {
    /** A call began: started by a host or admin, or by its first join. */
    CALL_STARTED("call.started"),
    /** A running call ended, by a person, because everyone left, or by a fault (status FAILED). */
    CALL_ENDED("call.ended"),
    /** A scheduled call nobody joined in time became MISSED. */
    CALL_MISSED("call.missed"),
    /** A recording's media is finalized, stored and downloadable. */
    RECORDING_READY("recording.ready"),
    /** A recording's media was deleted (retention, erasure or an admin). */
    RECORDING_DELETED("recording.deleted"),
    /** A participant withdrew (or declined) consent to recording or transcription. */
    CONSENT_WITHDRAWN("consent.withdrawn"),
    /** A retention purge run finished. */
    PURGE_COMPLETED("purge.completed");

    private final String wireName;

    WebhookEventType(String wireName) {
        this.wireName = requireNonNull(wireName, "wireName is null");
    }

    /** E.g. {@code call.started}. */
    public String wireName() {
        return wireName;
    }

    /** The type with this wire name, if there is one. */
    public static Optional<WebhookEventType> fromWireName(String name) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(name)).findFirst();
    }

    /** Every wire name, in declaration order, for messages that list the choices. */
    public static List<String> wireNames() {
        return Arrays.stream(values()).map(WebhookEventType::wireName).toList();
    }
}
