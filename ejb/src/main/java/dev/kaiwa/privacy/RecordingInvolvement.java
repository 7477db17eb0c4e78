package dev.kaiwa.privacy;

import dev.kaiwa.participant.Participant;
import dev.kaiwa.recording.Recording;
import dev.kaiwa.recording.RecordingKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which recordings concern a person: every INDIVIDUAL recording of one of their participants, and every
 * COMPOSITE recording of a call that ran while one of their participants was in that call. Presence is
 * counted generously, from the participant's first join to its last departure (still open while it has not
 * left), because a recording in doubt is one the person may be in.
 */
public final class RecordingInvolvement {
    private RecordingInvolvement() {
    }

    /**
     * The {@code candidates} (the individual recordings of the participants and the composite recordings of
     * their calls) that concern the person of {@code participants}, in the candidates' order.
     */
    public static List<InvolvedRecording> select(List<Recording> candidates, List<Participant> participants) {
        List<InvolvedRecording> involved = new ArrayList<>();
        for (Recording recording : candidates) {
            relation(recording, participants).ifPresent(relation -> involved.add(new InvolvedRecording(recording,
                    relation)));
        }
        return involved;
    }

    /** How the recording concerns the person of {@code participants}, if it does. */
    public static Optional<RecordingRelation> relation(Recording recording, List<Participant> participants) {
        if (recording.kind() == RecordingKind.INDIVIDUAL) {
            String recorded = recording.participantId().orElseThrow();
            return participants.stream().anyMatch(participant -> participant.id().equals(recorded))
                    ? Optional.of(RecordingRelation.OF_THEM) : Optional.empty();
        }
        Instant from = recording.startedAt().orElse(recording.requestedAt());
        Instant until = recording.stoppedAt().or(recording::failedAt).orElse(Instant.MAX);
        boolean present = participants.stream()
                .filter(participant -> participant.callId().equals(recording.callId()))
                .anyMatch(participant -> presentBetween(participant, from, until));
        return present ? Optional.of(RecordingRelation.APPEARS_IN) : Optional.empty();
    }

    /**
     * Whether the participant was in the call during the recording's interval ({@code until} is
     * {@link Instant#MAX} while it runs); a participant that joined as it stopped, or left as it started, was not.
     * One that never joined never was.
     */
    static boolean presentBetween(Participant participant, Instant from, Instant until) {
        Optional<Instant> joined = participant.joinedAt();
        if (joined.isEmpty()) {
            return false;
        }
        Instant left = participant.leftAt().orElse(Instant.MAX);
        return joined.get().isBefore(until) && left.isAfter(from);
    }
}
