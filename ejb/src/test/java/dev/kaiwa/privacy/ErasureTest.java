package dev.kaiwa.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaiwa.chat.ChatMessage;
import dev.kaiwa.invite.Invite;
import dev.kaiwa.participant.NetworkStats;
import dev.kaiwa.participant.Participant;
import dev.kaiwa.participant.ParticipantRole;
import dev.kaiwa.recording.DeletionReason;
import dev.kaiwa.recording.Recording;
import dev.kaiwa.recording.RecordingFormat;
import dev.kaiwa.recording.RecordingKind;
import dev.kaiwa.recording.RecordingQuality;
import dev.kaiwa.recording.RecordingStatus;
import dev.kaiwa.recording.StopReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErasureTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final String CALL = "call0000000000000000000001";

    @Test
    void readyRecordingIsDeleted() {
        assertThat(Erasure.actionFor(readyRecording())).isEqualTo(ErasureAction.DELETED);
    }

    @Test
    void recordingUnderLegalHoldIsKept() {
        Recording held = readyRecording();
        held.placeLegalHold("litigation 2026-17", "user:carol", T0);

        assertThat(Erasure.actionFor(held)).isEqualTo(ErasureAction.KEPT_LEGAL_HOLD);
    }

    @Test
    void deletedRecordingHasNothingLeft() {
        Recording deleted = readyRecording();
        deleted.delete(DeletionReason.RETENTION, T0.plusSeconds(60));

        assertThat(Erasure.actionFor(deleted)).isEqualTo(ErasureAction.ALREADY_ERASED);
    }

    @Test
    void recordingStillBeingMadeIsDeletedToo() {
        Recording running = new Recording(CALL, "acme", RecordingKind.COMPOSITE, null, "recorder00000000000000001",
                RecordingFormat.WEBM, RecordingQuality.LOW, false, "system", T0);
        running.started(T0);

        assertThat(running.status()).isEqualTo(RecordingStatus.RECORDING);
        assertThat(Erasure.actionFor(running)).isEqualTo(ErasureAction.DELETED);
    }

    @Test
    void erasedParticipantKeepsItsIdsAndTimesButNothingThatIdentifiesThePerson() {
        Participant participant = Participant.forUser(CALL, "bob", "acme", "Bob Tanaka", "bob@acme.test",
                ParticipantRole.PARTICIPANT, T0);
        participant.startJoining(T0.plusSeconds(1));
        participant.recordStats(new NetworkStats(40.0, 5.0, 0.01, 1_000_000.0), T0.plusSeconds(2));
        assertThat(Erasure.actionFor(participant)).isEqualTo(ErasureAction.ANONYMIZED);

        participant.erase(Erasure.ERASED_NAME);

        assertThat(participant.displayName()).isEqualTo("Erased participant");
        assertThat(participant.email()).isEmpty();
        assertThat(participant.subject()).isEmpty();
        assertThat(participant.latestStats()).isEmpty();
        assertThat(participant.joinedAt()).contains(T0.plusSeconds(1));
        assertThat(participant.organization()).contains("acme");
        assertThat(Erasure.actionFor(participant)).isEqualTo(ErasureAction.ALREADY_ERASED);
    }

    @Test
    void erasedInviteLosesNameAndAddress() {
        Invite invite = new Invite(CALL, "Hanako Yamada", "hanako@example.com", ParticipantRole.PARTICIPANT, true,
                "user:alice", T0, T0.plus(Duration.ofDays(1)));
        assertThat(Erasure.actionFor(invite)).isEqualTo(ErasureAction.ANONYMIZED);

        invite.erase(Erasure.ERASED_NAME);

        assertThat(invite.displayName()).isEqualTo(Erasure.ERASED_NAME);
        assertThat(invite.email()).isEmpty();
        assertThat(invite.role()).isEqualTo(ParticipantRole.PARTICIPANT);
        assertThat(Erasure.actionFor(invite)).isEqualTo(ErasureAction.ALREADY_ERASED);
    }

    @Test
    void erasedChatMessageKeepsItsPlaceWithoutTheText() {
        ChatMessage message = new ChatMessage(CALL, "participant00000000000001", "Hanako", "My number is 090-1234",
                T0);
        assertThat(Erasure.actionFor(message)).isEqualTo(ErasureAction.ANONYMIZED);

        message.erase(Erasure.ERASED_NAME, Erasure.ERASED_TEXT);

        assertThat(message.text()).isEqualTo("[erased]");
        assertThat(message.displayName()).isEqualTo(Erasure.ERASED_NAME);
        assertThat(message.sentAt()).isEqualTo(T0);
        assertThat(Erasure.actionFor(message)).isEqualTo(ErasureAction.ALREADY_ERASED);
    }

    @Test
    void reportTellsWhetherAnythingChanged() {
        ErasureReport nothingNew = new ErasureReport(T0, List.of(
                new ErasedItem(ErasedItemType.RECORDING, "r1", ErasureAction.KEPT_LEGAL_HOLD),
                new ErasedItem(ErasedItemType.RECORDING, "r2", ErasureAction.ALREADY_ERASED)));
        ErasureReport changed = new ErasureReport(T0, List.of(
                new ErasedItem(ErasedItemType.PARTICIPANT, "p1", ErasureAction.ANONYMIZED)));

        assertThat(nothingNew.changedAnything()).isFalse();
        assertThat(changed.changedAnything()).isTrue();
        assertThat(new ErasureReport(T0, List.of()).changedAnything()).isFalse();
    }

    private static Recording readyRecording() {
        Recording recording = new Recording(CALL, "acme", RecordingKind.INDIVIDUAL, "participant00000000000001",
                "participant00000000000001", RecordingFormat.WEBM, RecordingQuality.LOW, false, "system", T0);
        recording.started(T0);
        recording.stop(StopReason.REQUESTED, T0.plusSeconds(10));
        recording.ready(Recording.mediaKey(recording.id()), 1000, 10_000, "a".repeat(64), T0.plus(Duration.ofDays(30)),
                T0.plusSeconds(20));
        return recording;
    }
}
