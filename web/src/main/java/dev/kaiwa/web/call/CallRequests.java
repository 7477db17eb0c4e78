package dev.kaiwa.web.call;

import jakarta.json.JsonObject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The JSON bodies of call creation and change. Enum values travel as text so a bad one is a field error. */
public final class CallRequests {
    static final String TYPES = "VOICE|VIDEO|SCREEN_SHARE|BROADCAST";
    static final String TYPES_MESSAGE = "must be one of VOICE, VIDEO, SCREEN_SHARE, BROADCAST";

    private CallRequests() {
    }

    /** POST /calls. */
    public record CreateCallRequest(
            @NotBlank @Size(max = 200) String title,
            @NotNull @Pattern(regexp = TYPES, message = TYPES_MESSAGE) String type,
            @Size(max = 64) String scheduledAt,
            @Min(2) @Max(100) Integer maxParticipants,
            @Valid SettingsRequest settings,
            @Size(max = 200) String externalRef,
            JsonObject metadata,
            @Min(1) @Max(3650) Integer retentionDays) {
    }

    /** PATCH /calls/{id}: only the fields present change. */
    public record UpdateCallRequest(
            @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String title,
            @Pattern(regexp = TYPES, message = TYPES_MESSAGE) String type,
            @Size(max = 64) String scheduledAt,
            @Min(2) @Max(100) Integer maxParticipants,
            @Valid SettingsRequest settings,
            @Size(max = 200) String externalRef,
            JsonObject metadata,
            @Min(1) @Max(3650) Integer retentionDays) {
    }

    /** Call settings; absent values keep their defaults (or current values on PATCH). */
    public record SettingsRequest(
            @Pattern(regexp = "OFF|OPTIONAL|REQUIRED", message = "must be one of OFF, OPTIONAL, REQUIRED") String recording,
            @Valid TranscriptionRequest transcription,
            Boolean screenShare,
            Boolean waitingRoom) {
    }

    /** Live transcription. */
    public record TranscriptionRequest(Boolean enabled,
            @Pattern(regexp = "ja|en", message = "must be ja or en") String language) {
    }
}
