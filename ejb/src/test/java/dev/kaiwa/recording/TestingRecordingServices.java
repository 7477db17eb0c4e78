package dev.kaiwa.recording;

import static java.util.Objects.requireNonNull;

import dev.kaiwa.audit.AuditTrail;
import dev.kaiwa.call.CallAccess;
import dev.kaiwa.call.CallRepository;
import dev.kaiwa.consent.ConsentRepository;
import dev.kaiwa.participant.ParticipantRepository;
import dev.kaiwa.security.TokenSigner;
import jakarta.enterprise.event.Event;
import java.time.Clock;
import java.time.Duration;

/** Builds the recording feature's beans outside the container, with what CDI would inject. */
public final class TestingRecordingServices {
    /** The recorder token lifetime of the server's default configuration. */
    public static final Duration UPLOAD_TOKEN_TTL = Duration.ofHours(24);

    private TestingRecordingServices() {
    }

    public static RecordingRemoval recordingRemoval(RecordingRepository recordings, CallRepository calls,
            AuditTrail audit, Event<RecordingChanged> changed, Clock clock) {
        RecordingRemoval removal = new RecordingRemoval();
        removal.recordings = requireNonNull(recordings, "recordings is null");
        removal.calls = requireNonNull(calls, "calls is null");
        removal.audit = requireNonNull(audit, "audit is null");
        removal.changed = requireNonNull(changed, "changed is null");
        removal.clock = requireNonNull(clock, "clock is null");
        return removal;
    }

    public static RecordingService recordingService(RecordingRepository recordings, CallRepository calls,
            CallAccess access, ParticipantRepository participants, ConsentRepository consents, TokenSigner signer,
            Event<RecordingChanged> changed, AuditTrail audit, Clock clock) {
        RecordingService service = new RecordingService();
        service.recordings = requireNonNull(recordings, "recordings is null");
        service.calls = requireNonNull(calls, "calls is null");
        service.access = requireNonNull(access, "access is null");
        service.participants = requireNonNull(participants, "participants is null");
        service.consents = requireNonNull(consents, "consents is null");
        service.signer = requireNonNull(signer, "signer is null");
        service.changed = requireNonNull(changed, "changed is null");
        service.audit = requireNonNull(audit, "audit is null");
        service.clock = requireNonNull(clock, "clock is null");
        service.uploadTokenTtl = UPLOAD_TOKEN_TTL;
        return service;
    }
}
