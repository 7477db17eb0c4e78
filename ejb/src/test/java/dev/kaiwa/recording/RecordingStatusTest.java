package dev.kaiwa.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaiwa.shared.DomainException;
import dev.kaiwa.shared.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RecordingStatusTest {
    private static final Instant T0 = Instant.parse("2026-11-21T09:00:00Z");

    @Test
    void lifecycleMovesForwardOnly() {
        assertThat(RecordingStatus.STARTING.next()).containsExactlyInAnyOrder(RecordingStatus.RECORDING,
                RecordingStatus.FAILED);
        assertThat(RecordingStatus.RECORDING.next()).containsExactlyInAnyOrder(RecordingStatus.PROCESSING,
                RecordingStatus.FAILED);
        assertThat(RecordingStatus.PROCESSING.next()).containsExactlyInAnyOrder(RecordingStatus.READY,
                RecordingStatus.FAILED);
        assertThat(RecordingStatus.READY.next()).containsExactlyInAnyOrder(RecordingStatus.EXPIRED,
                RecordingStatus.DELETED);
        assertThat(RecordingStatus.EXPIRED.next()).containsExactly(RecordingStatus.DELETED);
        assertThat(RecordingStatus.FAILED.next()).containsExactly(RecordingStatus.DELETED);
        assertThat(RecordingStatus.DELETED.next()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(RecordingStatus.class)
    void nothingReturnsToStarting(RecordingStatus status) {
        assertThat(status.mayMoveTo(RecordingStatus.STARTING)).isFalse();
    }

    @Test
    void capturingAndChunkAcceptingStatuses() {
        Set<RecordingStatus> capturing = EnumSet.noneOf(RecordingStatus.class);
        Set<RecordingStatus> accepting = EnumSet.noneOf(RecordingStatus.class);
        for (RecordingStatus status : RecordingStatus.values()) {
            if (status.isCapturing()) {
                capturing.add(status);
            }
            if (status.acceptsChunks()) {
                accepting.add(status);
            }
        }
        assertThat(capturing).containsExactlyInAnyOrder(RecordingStatus.STARTING, RecordingStatus.RECORDING);
        assertThat(accepting).containsExactlyInAnyOrder(RecordingStatus.RECORDING, RecordingStatus.PROCESSING);
    }

    @Test
    void recordingKeepsItsTimesAndCapturedInterval() {
        Recording recording = composite();
        recording.started(T0.plusSeconds(1));
        recording.chunkStored(1000);
        recording.chunkStored(500);
        recording.stop(StopReason.REQUESTED, T0.plusSeconds(11));

        assertThat(recording.status()).isEqualTo(RecordingStatus.PROCESSING);
        assertThat(recording.capturedInterval()).contains(Duration.ofSeconds(10));
        assertThat(recording.chunkCount()).isEqualTo(2);
        assertThat(recording.uploadedBytes()).isEqualTo(1500);
        assertThat(recording.stopReason()).contains(StopReason.REQUESTED);
    }

    @Test
    void illegalMoveIsAConflict() {
        Recording recording = composite();

        assertThatThrownBy(() -> recording.stop(StopReason.REQUESTED, T0))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.ILLEGAL_RECORDING_TRANSITION));
    }

    @Test
    void legalHoldBlocksExpiryAndDeletion() {
        Recording recording = composite();
        recording.started(T0);
        recording.stop(StopReason.REQUESTED, T0.plusSeconds(5));
        recording.ready(Recording.mediaKey(recording.id()), 10, 5000, "ab".repeat(32), T0.plusSeconds(86400), T0);
        recording.placeLegalHold("litigation 2026-17", "user:admin", T0);

        assertThatThrownBy(() -> recording.expire(T0)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.LEGAL_HOLD_ACTIVE));
        assertThatThrownBy(() -> recording.delete(DeletionReason.MANUAL, T0)).isInstanceOf(DomainException.class);

        recording.clearLegalHold();
        recording.expire(T0);
        recording.delete(DeletionReason.RETENTION, T0);
        assertThat(recording.status()).isEqualTo(RecordingStatus.DELETED);
        assertThat(recording.deletedReason()).contains(DeletionReason.RETENTION);
    }

    @Test
    void individualRecordingNamesItsParticipantAndCompositeDoesNot() {
        assertThatThrownBy(() -> new Recording("call", "org", RecordingKind.INDIVIDUAL, null, "p1", RecordingFormat.WEBM,
                RecordingQuality.LOW, false, "user:h", T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Recording("call", "org", RecordingKind.COMPOSITE, "p1", "p1", RecordingFormat.WEBM,
                RecordingQuality.LOW, false, "user:h", T0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Recording composite() {
        return new Recording("call", "org", RecordingKind.COMPOSITE, null, "p1", RecordingFormat.WEBM,
                RecordingQuality.MEDIUM, false, "user:h", T0);
    }
}
