package dev.kaiwa.web.recording;

import dev.kaiwa.recording.Recording;
import java.time.Instant;

/** A recording as REST shows it. */
public record RecordingResponse(String id, String callId, String kind, String participantId, String recorderId,
        String format, String quality, boolean audioOnly, String status, String requestedBy, Instant requestedAt,
        Instant startedAt, Instant stoppedAt, String stopReason, Instant completedAt, Instant readyAt, Instant failedAt,
        String failureReason, int chunkCount, long uploadedBytes, Long sizeBytes, Long durationMillis,
        String checksumSha256, String contentType, Instant expiresAt, LegalHold legalHold, Instant deletedAt,
        String deletedReason) {

    /** A legal hold: who placed it, when and why. */
    public record LegalHold(String reason, String placedBy, Instant placedAt) {
    }

    public static RecordingResponse of(Recording r) {
        LegalHold hold = r.legalHold() ? new LegalHold(r.legalHoldReason().orElse(null), r.legalHoldBy().orElse(null),
                r.legalHoldAt().orElse(null)) : null;
        return new RecordingResponse(r.id(), r.callId(), r.kind().name(), r.participantId().orElse(null), r.recorderId(),
                r.format().name(), r.quality().name(), r.audioOnly(), r.status().name(), r.requestedBy(), r.requestedAt(),
                r.startedAt().orElse(null), r.stoppedAt().orElse(null), r.stopReason().map(Enum::name).orElse(null),
                r.completedAt().orElse(null), r.readyAt().orElse(null), r.failedAt().orElse(null),
                r.failureReason().orElse(null), r.chunkCount(), r.uploadedBytes(), r.sizeBytes().orElse(null),
                r.durationMillis().orElse(null), r.checksumSha256().orElse(null), r.format().contentType(r.audioOnly()),
                r.expiresAt().orElse(null), hold, r.deletedAt().orElse(null),
                r.deletedReason().map(Enum::name).orElse(null));
    }
}
