package dev.kaiwa.web.participant;

import dev.kaiwa.participant.Participant;
import java.time.Instant;

/** A participant as the API shows it. */
public record ParticipantResponse(String id, String callId, String displayName, String email, String role, String status,
        String subject, Media media, Instant joinedAt, Instant leftAt, Instant lastSeenAt) {

    /** What the participant sends and shows. */
    public record Media(boolean audio, boolean video, boolean screen, boolean hand) {
    }

    public static ParticipantResponse of(Participant participant) {
        return new ParticipantResponse(participant.id(), participant.callId(), participant.displayName(),
                participant.email().orElse(null), participant.role().name(), participant.status().name(),
                participant.subject().orElse(null),
                new Media(participant.audio(), participant.video(), participant.screen(), participant.hand()),
                participant.joinedAt().orElse(null), participant.leftAt().orElse(null),
                participant.lastSeenAt().orElse(null));
    }
}
