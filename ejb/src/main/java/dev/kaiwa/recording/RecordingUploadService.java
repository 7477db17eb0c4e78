package dev.kaiwa.recording;

import dev.kaiwa.audit.AuditAction;
import dev.kaiwa.audit.AuditRecord;
import dev.kaiwa.audit.AuditResourceType;
import dev.kaiwa.audit.AuditTrail;
import dev.kaiwa.call.CallAccess;
import dev.kaiwa.call.CallEvent;
import dev.kaiwa.call.CallEventType;
import dev.kaiwa.call.CallPermissions;
import dev.kaiwa.call.CallRepository;
import dev.kaiwa.shared.Actor;
import dev.kaiwa.shared.DomainException;
import dev.kaiwa.shared.ErrorCode;
import dev.kaiwa.shared.FieldError;
import dev.kaiwa.storage.BlobConflictException;
import dev.kaiwa.storage.ChecksumMismatchException;
import dev.kaiwa.storage.RecordingStore;
import dev.kaiwa.storage.Sha256;
import dev.kaiwa.storage.StorageKey;
import dev.kaiwa.storage.StoredBlob;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The transactional steps of a recording's upload: chunks (idempotent, any order, checksummed, stored
 * encrypted), completion, the finished media, failure, and the download's checks. Each method is one
 * transaction; the slow work (measuring and finalizing media) happens between them in
 * {@link RecordingFinalizer}.
 */
@Stateless
public class RecordingUploadService {
    /** Highest chunk number accepted; at a few seconds a chunk, days of media. */
    public static final int MAX_SEQ = 100_000;

    @Inject
    RecordingRepository recordings;

    @Inject
    RecordingService recordingService;

    @Inject
    CallRepository calls;

    @Inject
    CallAccess access;

    @Inject
    RecordingStore store;

    @Inject
    Event<UploadCompleted> completed;

    @Inject
    Event<RecordingChanged> changed;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "kaiwa.recording.max-chunk-bytes", defaultValue = "16777216")
    long maxChunkBytes;

    @Inject
    @ConfigProperty(name = "kaiwa.retention.default-days", defaultValue = "30")
    int defaultDays;

    @Inject
    @ConfigProperty(name = "kaiwa.retention.min-days", defaultValue = "1")
    int minDays;

    @Inject
    @ConfigProperty(name = "kaiwa.retention.max-days", defaultValue = "3650")
    int maxDays;

    /**
     * Stores chunk {@code seq} of a recording from its recorder. The same chunk again is a no-op; other content
     * under the same number is CHUNK_CONFLICT; content that does not match its SHA-256 is CHUNK_DIGEST_MISMATCH.
     */
    public ChunkReceipt putChunk(RecorderCredential recorder, String recordingId, int seq, InputStream body,
            Sha256 sha256) {
        if (seq < 0 || seq > MAX_SEQ) {
            throw DomainException.invalidField("seq", "must be from 0 to " + MAX_SEQ);
        }
        Recording recording = recordings.findForUpdate(recordingId).orElseThrow(RecordingService::notFound);
        recorder.require(recording);
        if (!recording.status().acceptsChunks() || recording.completedAt().isPresent()) {
            throw new DomainException(ErrorCode.ILLEGAL_RECORDING_TRANSITION, "The recording is " + recording.status()
                    + (recording.completedAt().isPresent() ? " and its upload is complete" : "")
                    + "; it takes no chunks");
        }
        var existing = recordings.findChunk(recordingId, seq);
        if (existing.isPresent()) {
            if (!existing.get().sha256().equals(sha256.hex())) {
                throw new DomainException(ErrorCode.CHUNK_CONFLICT, "Chunk " + seq + " was uploaded with other content");
            }
            drain(body);
            return receipt(recording, seq, existing.get().sizeBytes(), sha256, false);
        }
        StoredBlob stored;
        try {
            stored = store.write(StorageKey.chunk(recordingId, seq), new LimitedInputStream(body, maxChunkBytes), sha256);
        }
        catch (ChecksumMismatchException e) {
            throw new DomainException(ErrorCode.CHUNK_DIGEST_MISMATCH, "Chunk " + seq + " does not match its "
                    + "Content-Digest; send it again");
        }
        catch (BlobConflictException e) {
            throw new DomainException(ErrorCode.CHUNK_CONFLICT, "Chunk " + seq + " was stored with other content");
        }
        catch (UncheckedIOException e) {
            if (e.getCause() instanceof LimitedInputStream.TooLarge) {
                throw new DomainException(ErrorCode.CHUNK_TOO_LARGE, "A chunk may hold at most " + maxChunkBytes
                        + " bytes");
            }
            throw e;
        }
        recordings.addChunk(new RecordingChunk(recordingId, seq, stored.size(), sha256.hex(), clock.instant()));
        recording.chunkStored(stored.size());
        return receipt(recording, seq, stored.size(), sha256, true);
    }

    /**
     * Checks that an upload of {@code chunkCount} chunks can complete: the recorder's own, stopped (a recorder
     * that completes while the server still thinks it records has stopped on its own) and every chunk there.
     */
    public Recording prepareCompletion(RecorderCredential recorder, String recordingId, int chunkCount) {
        if (chunkCount < 1 || chunkCount > MAX_SEQ + 1) {
            throw DomainException.invalidField("chunks", "must be from 1 to " + (MAX_SEQ + 1));
        }
        Recording recording = recordings.findForUpdate(recordingId).orElseThrow(RecordingService::notFound);
        recorder.require(recording);
        if (recording.completedAt().isPresent()) {
            return recording;
        }
        if (recording.status() == RecordingStatus.RECORDING) {
            recording.stop(StopReason.RECORDER_STOPPED, clock.instant());
            audit.record(AuditRecord.system(recording.organization())
                    .did(AuditAction.RECORDING_STOPPED, AuditResourceType.RECORDING, recordingId)
                    .with("callId", recording.callId()).with("reason", StopReason.RECORDER_STOPPED)
                    .with("status", recording.status()));
            changed.fire(new RecordingChanged(RecordingState.of(recording), null));
        }
        if (recording.status() != RecordingStatus.PROCESSING) {
            throw new DomainException(ErrorCode.ILLEGAL_RECORDING_TRANSITION, "The recording is " + recording.status()
                    + " and cannot be completed");
        }
        Set<Integer> stored = new HashSet<>();
        recordings.chunks(recordingId).forEach(chunk -> stored.add(chunk.seq()));
        List<Integer> missing = new ArrayList<>();
        for (int seq = 0; seq < chunkCount && missing.size() < 50; seq++) {
            if (!stored.contains(seq)) {
                missing.add(seq);
            }
        }
        if (!missing.isEmpty()) {
            throw new DomainException(ErrorCode.CHUNKS_MISSING, "Chunks " + missing + " of " + chunkCount
                    + " are not uploaded yet", List.of(new FieldError("chunks", "missing " + missing)));
        }
        if (stored.size() != chunkCount) {
            throw new DomainException(ErrorCode.CHUNKS_MISSING, "The recorder uploaded " + stored.size()
                    + " chunks, not " + chunkCount);
        }
        return recording;
    }

    /** The upload is complete and the media measured within the recording's interval: finalization follows. */
    public Recording markCompleted(String recordingId) {
        Recording recording = recordings.findForUpdate(recordingId).orElseThrow(RecordingService::notFound);
        if (recording.completedAt().isEmpty()) {
            recording.uploadCompleted(clock.instant());
            completed.fire(new UploadCompleted(recordingId));
        }
        return recording;
    }

    /** The media is finalized: the recording is READY and expires after the call's retention. */
    public Recording markReady(String recordingId, long size, long durationMillis, String sha256) {
        Recording recording = recordings.findForUpdate(recordingId).orElseThrow(RecordingService::notFound);
        Instant now = clock.instant();
        if (recording.status() != RecordingStatus.PROCESSING) {
            return recording;
        }
        RetentionPolicy retention = new RetentionPolicy(defaultDays, minDays, maxDays);
        var callRetention = calls.find(recording.callId()).flatMap(call -> call.retentionDays());
        recording.ready(StorageKey.media(recordingId).value(), size, durationMillis, sha256,
                retention.expiresAt(now, callRetention), now);
        recordings.removeChunks(recordingId);
        calls.addEvent(new CallEvent(recording.callId(), CallEventType.RECORDING_READY, now, "system",
                recording.participantId().orElse(null), "recording " + recordingId + ": " + size + " bytes, "
                        + durationMillis + " ms"));
        changed.fire(new RecordingChanged(RecordingState.of(recording), null));
        return recording;
    }

    /** The recording failed while finishing; its chunk rows go (the caller deletes the blobs). */
    public Recording markFailed(String recordingId, String reason) {
        Recording recording = recordings.findForUpdate(recordingId).orElseThrow(RecordingService::notFound);
        if (recording.status() == RecordingStatus.FAILED || !recording.status().mayMoveTo(RecordingStatus.FAILED)) {
            return recording;
        }
        recordingService.fail(recording, reason, clock.instant());
        recordings.removeChunks(recordingId);
        changed.fire(new RecordingChanged(RecordingState.of(recording), null));
        return recording;
    }

    /**
     * A download: only the call's HOST and CO_HOST participants and its organization's admins and auditors,
     * and only of READY media.
     */
    public RecordingContent content(Actor actor, String recordingId) {
        Recording recording = recordingService.find(recordingId);
        CallPermissions permissions = recordingService.visible(actor, recording);
        if (!(permissions.isHost() || permissions.organizationAdmin() || permissions.organizationAuditor())) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Only the call's hosts and its organization's admins and "
                    + "auditors may download recordings");
        }
        switch (recording.status()) {
            case READY -> {
            }
            case EXPIRED, DELETED -> throw new DomainException(ErrorCode.RECORDING_GONE, "The recording is "
                    + recording.status() + "; its media is deleted");
            case STARTING, RECORDING, PROCESSING, FAILED -> throw new DomainException(ErrorCode.RECORDING_NOT_READY,
                    "The recording is " + recording.status());
        }
        StorageKey key = new StorageKey(recording.storageKey().orElseThrow());
        calls.addEvent(new CallEvent(recording.callId(), CallEventType.RECORDING_DOWNLOADED, clock.instant(),
                actor.reference(), null, "recording " + recordingId));
        return new RecordingContent(recordingId, key, recording.sizeBytes().orElseThrow(),
                recording.format().contentType(recording.audioOnly()),
                "recording-" + recordingId + "." + recording.format().extension(), recording.checksumSha256().orElse(""));
    }

    /** The server's own capture interval of the recording plus the allowed margin. */
    public static Duration allowedDuration(Recording recording, Duration margin) {
        return recording.capturedInterval().orElse(Duration.ZERO).plus(margin);
    }

    private static ChunkReceipt receipt(Recording recording, int seq, long size, Sha256 sha256, boolean created) {
        return new ChunkReceipt(recording.id(), seq, size, sha256.hex(), created, recording.chunkCount(),
                recording.uploadedBytes());
    }

    private static void drain(InputStream body) {
        try {
            body.transferTo(java.io.OutputStream.nullOutputStream());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
