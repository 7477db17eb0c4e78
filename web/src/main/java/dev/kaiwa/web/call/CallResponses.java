package dev.kaiwa.web.call;

import dev.kaiwa.call.Call;
import dev.kaiwa.call.CallEvent;
import dev.kaiwa.call.CallSettings;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;

/** The JSON views of calls and their events. */
public final class CallResponses {
    private CallResponses() {
    }

    /** A call as the API shows it. */
    public record CallResponse(String id, String title, String type, String status, String organization, String createdBy,
            Instant createdAt, Instant scheduledAt, Instant startedAt, Instant endedAt, long durationSeconds,
            int maxParticipants, SettingsResponse settings, String externalRef, JsonObject metadata,
            Integer retentionDays) {

        public static CallResponse of(Call call, Instant now) {
            return new CallResponse(call.id(), call.title(), call.type().name(), call.status().name(), call.organization(),
                    call.createdBy(), call.createdAt(), call.scheduledAt(), call.startedAt().orElse(null),
                    call.endedAt().orElse(null), call.duration(now).toSeconds(), call.maxParticipants(),
                    SettingsResponse.of(call.settings()), call.externalRef().orElse(null),
                    call.metadata().map(text -> Json.createReader(new StringReader(text)).readObject()).orElse(null),
                    call.retentionDays().orElse(null));
        }
    }

    /** Call settings. */
    public record SettingsResponse(String recording, TranscriptionResponse transcription, boolean screenShare,
            boolean waitingRoom) {
        static SettingsResponse of(CallSettings settings) {
            return new SettingsResponse(settings.recordingPolicy().name(),
                    new TranscriptionResponse(settings.transcriptionEnabled(), settings.transcriptionLanguage().code()),
                    settings.screenShare(), settings.waitingRoom());
        }
    }

    /** Transcription settings. */
    public record TranscriptionResponse(boolean enabled, String language) {
    }

    /** A page of calls. */
    public record CallPage(List<CallResponse> items, String nextCursor) {
    }

    /** One event of a call's log. */
    public record CallEventResponse(String id, String type, Instant occurredAt, String actor, String participantId,
            String detail) {
        static CallEventResponse of(CallEvent event) {
            return new CallEventResponse(event.id(), event.type().name(), event.occurredAt(), event.actor().orElse(null),
                    event.participantId().orElse(null), event.detail().orElse(null));
        }
    }

    /** A page of events. */
    public record CallEventPage(List<CallEventResponse> items, String nextCursor) {
    }
}
