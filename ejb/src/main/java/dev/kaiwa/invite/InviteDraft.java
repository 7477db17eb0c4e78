package dev.kaiwa.invite;

import static java.util.Objects.requireNonNull;

import dev.kaiwa.participant.ParticipantRole;
import java.time.Duration;
import java.util.Optional;

/** What a host asks for when inviting someone; {@code expiresIn} empty means the configured default. */
public record InviteDraft(String displayName, String email, ParticipantRole role, Optional<Duration> expiresIn,
        boolean singleUse) {
    public InviteDraft {
        requireNonNull(displayName, "displayName is null");
        requireNonNull(role, "role is null");
        requireNonNull(expiresIn, "expiresIn is null");
    }
}
