package dev.kaiwa.web.call;

import dev.kaiwa.call.Call;
import dev.kaiwa.call.CallDraft;
import dev.kaiwa.call.CallSettings;
import dev.kaiwa.call.CallType;
import dev.kaiwa.call.RecordingPolicy;
import dev.kaiwa.call.TranscriptionLanguage;
import dev.kaiwa.shared.DomainException;
import dev.kaiwa.web.Parameters;
import dev.kaiwa.web.call.CallRequests.CreateCallRequest;
import dev.kaiwa.web.call.CallRequests.SettingsRequest;
import dev.kaiwa.web.call.CallRequests.UpdateCallRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Turns validated request bodies into {@link CallDraft}s: defaults on create, the current values on change. */
@ApplicationScoped
public class CallDrafts {
    static final int METADATA_MAX_CHARS = 4000;

    @Inject
    @ConfigProperty(name = "kaiwa.call.default-max-participants", defaultValue = "10")
    int defaultMaxParticipants;

    public CallDraft fromCreate(CreateCallRequest request) {
        CallSettings settings = merge(CallSettings.defaults(), request.settings());
        return new CallDraft(request.title().strip(), CallType.valueOf(request.type()),
                Parameters.instant("scheduledAt", request.scheduledAt()).orElse(null),
                request.maxParticipants() == null ? defaultMaxParticipants : request.maxParticipants(), settings,
                request.externalRef(), metadata(request.metadata()), request.retentionDays());
    }

    public CallDraft fromUpdate(Call current, UpdateCallRequest request) {
        Instant scheduledAt = Parameters.instant("scheduledAt", request.scheduledAt()).orElse(current.scheduledAt());
        return new CallDraft(request.title() == null ? current.title() : request.title().strip(),
                request.type() == null ? current.type() : CallType.valueOf(request.type()), scheduledAt,
                request.maxParticipants() == null ? current.maxParticipants() : request.maxParticipants(),
                merge(current.settings(), request.settings()),
                request.externalRef() == null ? current.externalRef().orElse(null) : request.externalRef(),
                request.metadata() == null ? current.metadata().orElse(null) : metadata(request.metadata()),
                request.retentionDays() == null ? current.retentionDays().orElse(null) : request.retentionDays());
    }

    private static CallSettings merge(CallSettings base, SettingsRequest request) {
        if (request == null) {
            return base;
        }
        boolean transcription = base.transcriptionEnabled();
        TranscriptionLanguage language = base.transcriptionLanguage();
        if (request.transcription() != null) {
            if (request.transcription().enabled() != null) {
                transcription = request.transcription().enabled();
            }
            if (request.transcription().language() != null) {
                language = TranscriptionLanguage.fromCode(request.transcription().language());
            }
        }
        return new CallSettings(
                request.recording() == null ? base.recordingPolicy() : RecordingPolicy.valueOf(request.recording()),
                transcription, language,
                request.screenShare() == null ? base.screenShare() : request.screenShare(),
                request.waitingRoom() == null ? base.waitingRoom() : request.waitingRoom());
    }

    private static String metadata(JsonObject metadata) {
        if (metadata == null) {
            return null;
        }
        String text = metadata.toString();
        if (text.length() > METADATA_MAX_CHARS) {
            throw DomainException.invalidField("metadata", "must serialize to at most " + METADATA_MAX_CHARS + " characters");
        }
        return text;
    }
}
