package dev.kaiwa.participant;

import java.util.Optional;

/** A change to a participant: a new role and/or media flags; empty parts stay as they are. */
public record ParticipantChange(Optional<ParticipantRole> role, Optional<Boolean> audio, Optional<Boolean> video,
        Optional<Boolean> screen, Optional<Boolean> hand) {
}
