package dev.kaiwa.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaiwa.participant.Participant;
import dev.kaiwa.participant.ParticipantRole;
import dev.kaiwa.recording.Recording;
import dev.kaiwa.recording.RecordingFormat;
import dev.kaiwa.recording.RecordingKind;
import dev.kaiwa.recording.RecordingQuality;
import dev.kaiwa.recording.StopReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordingInvolvementTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final String CALL = "call0000000000000000000001";
    private static final String OTHER_CALL = "call0000000000000000000002";

    private final Participant host = joined(CALL, "host", at(0));
    private final Participant guest = joined(CALL, "guest", at(10));

    @Test
    void individualRecordingOfTheirParticipantIsOfThemWhenever() {
        Recording own = individual(guest, at(100), at(200));
        Recording hosts = individual(host, at(20), at(30));

        assertThat(RecordingInvolvement.relation(own, List.of(guest))).contains(RecordingRelation.OF_THEM);
        assertThat(RecordingInvolvement.relation(hosts, List.of(guest))).isEmpty();
    }

    @Test
    void compositeRecordingWhileTheyWereInTheCallHasThem() {
        Recording during = composite(CALL, at(15), at(40));
        Recording beforeTheyJoined = composite(CALL, at(1), at(9));
        Recording acrossTheirJoin = composite(CALL, at(5), at(11));

        assertThat(RecordingInvolvement.relation(during, List.of(guest))).contains(RecordingRelation.APPEARS_IN);
        assertThat(RecordingInvolvement.relation(beforeTheyJoined, List.of(guest))).isEmpty();
        assertThat(RecordingInvolvement.relation(acrossTheirJoin, List.of(guest))).contains(RecordingRelation.APPEARS_IN);
    }

    @Test
    void compositeRecordingAfterTheyLeftDoesNotHaveThem() {
        guest.leave(at(50));
        Recording after = composite(CALL, at(51), at(60));
        Recording untilTheyLeft = composite(CALL, at(40), at(50));

        assertThat(RecordingInvolvement.relation(after, List.of(guest))).isEmpty();
        assertThat(RecordingInvolvement.relation(untilTheyLeft, List.of(guest))).contains(RecordingRelation.APPEARS_IN);
    }

    @Test
    void recordingThatStartedAsTheyLeftOrStoppedAsTheyJoinedDoesNotHaveThem() {
        guest.leave(at(50));

        assertThat(RecordingInvolvement.relation(composite(CALL, at(50), at(55)), List.of(guest))).isEmpty();
        assertThat(RecordingInvolvement.relation(composite(CALL, at(5), at(10)), List.of(guest))).isEmpty();
    }

    @Test
    void runningCompositeRecordingHasEveryoneStillInTheCall() {
        Recording running = composite(CALL, at(500), null);

        assertThat(RecordingInvolvement.relation(running, List.of(guest))).contains(RecordingRelation.APPEARS_IN);
    }

    @Test
    void presenceCountsFromTheFirstJoinToTheLastDeparture() {
        guest.leave(at(20));
        guest.startJoining(at(80));
        guest.leave(at(90));
        Recording whileAway = composite(CALL, at(30), at(40));

        assertThat(guest.joinedAt()).contains(at(10));
        assertThat(RecordingInvolvement.relation(whileAway, List.of(guest)))
                .as("a recording in doubt is one the person may be in").contains(RecordingRelation.APPEARS_IN);
    }

    @Test
    void participantThatNeverJoinedAppearsInNothing() {
        Participant invitedOnly = Participant.forInvite(CALL, "invite00000000000000000001", "Invited", null,
                ParticipantRole.PARTICIPANT, at(0));

        assertThat(RecordingInvolvement.relation(composite(CALL, at(1), at(100)), List.of(invitedOnly))).isEmpty();
    }

    @Test
    void compositeRecordingOfAnotherCallDoesNotHaveThem() {
        assertThat(RecordingInvolvement.relation(composite(OTHER_CALL, at(15), at(40)), List.of(guest))).isEmpty();
    }

    @Test
    void recordingThatFailedBeforeItStartedCountsFromItsRequestToItsFailure() {
        Recording failed = new Recording(CALL, "acme", RecordingKind.COMPOSITE, null, host.id(), RecordingFormat.WEBM,
                RecordingQuality.LOW, false, "system", at(12));
        failed.fail("recorder did not acknowledge", at(14));

        assertThat(RecordingInvolvement.relation(failed, List.of(guest))).contains(RecordingRelation.APPEARS_IN);
        assertThat(RecordingInvolvement.relation(failed, List.of(joined(CALL, "late", at(20))))).isEmpty();
    }

    @Test
    void selectKeepsTheCandidatesOrderAndTellsTheRelation() {
        Recording first = composite(CALL, at(15), at(40));
        Recording notThem = composite(CALL, at(1), at(2));
        Recording second = individual(guest, at(50), at(60));

        List<InvolvedRecording> involved = RecordingInvolvement.select(List.of(first, notThem, second), List.of(guest));

        assertThat(involved).containsExactly(new InvolvedRecording(first, RecordingRelation.APPEARS_IN),
                new InvolvedRecording(second, RecordingRelation.OF_THEM));
    }

    private static Participant joined(String callId, String subject, Instant joinedAt) {
        Participant participant = Participant.forUser(callId, subject, "acme", subject, null, ParticipantRole.PARTICIPANT,
                joinedAt);
        participant.startJoining(joinedAt);
        participant.connect(joinedAt);
        return participant;
    }

    private Recording individual(Participant participant, Instant startedAt, Instant stoppedAt) {
        return recorded(new Recording(participant.callId(), "acme", RecordingKind.INDIVIDUAL, participant.id(),
                participant.id(), RecordingFormat.WEBM, RecordingQuality.LOW, false, "system", startedAt), startedAt,
                stoppedAt);
    }

    private Recording composite(String callId, Instant startedAt, Instant stoppedAt) {
        return recorded(new Recording(callId, "acme", RecordingKind.COMPOSITE, null, host.id(), RecordingFormat.WEBM,
                RecordingQuality.LOW, false, "system", startedAt.minusMillis(1)), startedAt, stoppedAt);
    }

    private static Recording recorded(Recording recording, Instant startedAt, Instant stoppedAt) {
        recording.started(startedAt);
        if (stoppedAt != null) {
            recording.stop(StopReason.REQUESTED, stoppedAt);
        }
        return recording;
    }

    private static Instant at(long seconds) {
        return T0.plus(Duration.ofSeconds(seconds));
    }
}
