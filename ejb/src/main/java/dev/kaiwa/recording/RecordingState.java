package dev.kaiwa.recording;

import static java.util.Objects.requireNonNull;

/** A recording as the call's participants see it: a snapshot, safe outside a transaction. */
public record RecordingState(String id, String callId, RecordingKind kind, String participantId, String recorderId,
        RecordingQuality quality, boolean audioOnly, RecordingStatus status, StopReason stopReason) {
    public RecordingState {
        requireNonNull(id, "id is null");
        requireNonNull(callId, "callId is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(recorderId, "recorderId is null");
        requireNonNull(quality, "quality is null");
        requireNonNull(status, "status is null");
    }

    public static RecordingState of(Recording recording) {
        return new RecordingState(recording.id(), recording.callId(), recording.kind(),
                recording.participantId().orElse(null), recording.recorderId(), recording.quality(), recording.audioOnly(),
                recording.status(), recording.stopReason().orElse(null));
    }
}
