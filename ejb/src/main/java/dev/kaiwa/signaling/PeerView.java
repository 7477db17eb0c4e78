package dev.kaiwa.signaling;

import static java.util.Objects.requireNonNull;

import dev.kaiwa.participant.Participant;
import dev.kaiwa.participant.ParticipantRole;
import dev.kaiwa.participant.ParticipantStatus;

/** A participant as other participants see it over signaling: a snapshot, safe to keep outside a transaction. */
public record PeerView(String id, String displayName, ParticipantRole role, ParticipantStatus status, boolean audio,
        boolean video, boolean screen, boolean hand, int quality) {
    public PeerView {
        requireNonNull(id, "id is null");
        requireNonNull(displayName, "displayName is null");
        requireNonNull(role, "role is null");
        requireNonNull(status, "status is null");
    }

    public static PeerView of(Participant participant) {
        int quality = participant.latestStats().map(stats -> stats.qualityScore()).orElse(100);
        return new PeerView(participant.id(), participant.displayName(), participant.role(), participant.status(),
                participant.audio(), participant.video(), participant.screen(), participant.hand(), quality);
    }

    public PeerView withStatus(ParticipantStatus newStatus) {
        return new PeerView(id, displayName, role, newStatus, audio, video, screen, hand, quality);
    }
}
