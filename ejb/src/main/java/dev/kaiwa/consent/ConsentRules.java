package dev.kaiwa.consent;

import dev.kaiwa.call.RecordingPolicy;
import dev.kaiwa.participant.ParticipantRole;
import dev.kaiwa.participant.ParticipantStatus;
import dev.kaiwa.recording.RecordingKind;
import java.util.List;
import java.util.Map;

/**
 * What the recording policy and people's consent allow, in one place and free of state. Nobody is
 * recorded without their current consent: viewers publish nothing and are never recorded, everyone
 * else who is connected is.
 */
public final class ConsentRules {
    private ConsentRules() {
    }

    /** Someone in a call, as the rules see them. */
    public record Person(String participantId, ParticipantRole role, ParticipantStatus status) {
        /** Publishes audio or video, so a recording would contain them. */
        public boolean publishes() {
            return role != ParticipantRole.VIEWER;
        }

        /** In the call now (a dropped socket that may resume still counts). */
        public boolean present() {
            return status == ParticipantStatus.CONNECTED || status == ParticipantStatus.RECONNECTING;
        }
    }

    /** A running (starting or recording) recording, as the rules see it. */
    public record Capture(String recordingId, RecordingKind kind, String participantId) {
    }

    /**
     * Whether someone entering the call waits in the consent step first: under REQUIRED every publisher
     * until it granted recording; under OPTIONAL a publisher without consent while a recording runs.
     */
    public static boolean needsConsentStep(RecordingPolicy policy, ParticipantRole role, boolean granted,
            boolean recordingRunning) {
        if (role == ParticipantRole.VIEWER || granted) {
            return false;
        }
        return switch (policy) {
            case OFF -> false;
            case REQUIRED -> true;
            case OPTIONAL -> recordingRunning;
        };
    }

    /**
     * Who blocks a recording from starting: the present publishers who have not granted recording
     * (for an INDIVIDUAL recording only its subject matters, but everyone it would start for is asked).
     */
    public static List<String> withoutConsent(List<Person> people, Map<String, Boolean> granted) {
        return people.stream()
                .filter(person -> person.present() && person.publishes())
                .map(Person::participantId)
                .filter(id -> !granted.getOrDefault(id, false))
                .toList();
    }

    /**
     * The running recordings a withdrawal stops: every composite one (it contains everyone) and the
     * withdrawing participant's own individual one. Others' individual recordings go on.
     */
    public static List<Capture> stoppedByWithdrawal(String participantId, List<Capture> running) {
        return running.stream()
                .filter(capture -> capture.kind() == RecordingKind.COMPOSITE
                        || participantId.equals(capture.participantId()))
                .toList();
    }

    /**
     * The running recordings stopped when a publisher takes part without consent (OPTIONAL policy,
     * after declining in the consent step): all of them, since the person is now in the call.
     */
    public static List<Capture> stoppedByUnconsentedJoin(List<Capture> running) {
        return List.copyOf(running);
    }

    /** Whether a recording starts by itself: under REQUIRED, when the call runs and none is running. */
    public static boolean startsAutomatically(RecordingPolicy policy, boolean callRunning, boolean compositeRunning) {
        return policy == RecordingPolicy.REQUIRED && callRunning && !compositeRunning;
    }
}
