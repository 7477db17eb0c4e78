package dev.kaiwa.privacy;

import static java.util.Objects.requireNonNull;

import dev.kaiwa.audit.AuditTrail;
import dev.kaiwa.call.CallRepository;
import dev.kaiwa.consent.ConsentRepository;
import dev.kaiwa.recording.RecordingChanged;
import dev.kaiwa.recording.RecordingRemoval;
import dev.kaiwa.recording.RecordingRepository;
import dev.kaiwa.storage.RecordingStore;
import jakarta.enterprise.event.Event;
import java.time.Clock;

/** Builds the privacy feature's beans outside the container, with what CDI would inject. */
public final class TestingPrivacyServices {
    private TestingPrivacyServices() {
    }

    public static PrivacyService privacyService(PrivacyRepository privacy, ConsentRepository consents,
            RecordingRepository recordings, CallRepository calls, Event<RecordingChanged> recordingChanged,
            Event<RecordingsErased> recordingsErased, AuditTrail audit, Clock clock) {
        PrivacyService service = new PrivacyService();
        service.privacy = requireNonNull(privacy, "privacy is null");
        service.consents = requireNonNull(consents, "consents is null");
        service.recordings = requireNonNull(recordings, "recordings is null");
        service.calls = requireNonNull(calls, "calls is null");
        service.recordingChanged = requireNonNull(recordingChanged, "recordingChanged is null");
        service.recordingsErased = requireNonNull(recordingsErased, "recordingsErased is null");
        service.audit = requireNonNull(audit, "audit is null");
        service.clock = requireNonNull(clock, "clock is null");
        return service;
    }

    public static ErasedRecordingsListener erasedRecordingsListener(RecordingStore store, RecordingRemoval removal) {
        ErasedRecordingsListener listener = new ErasedRecordingsListener();
        listener.store = requireNonNull(store, "store is null");
        listener.removal = requireNonNull(removal, "removal is null");
        return listener;
    }
}
