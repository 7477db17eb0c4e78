package dev.kaiwa.invite;

import java.util.List;
import java.util.Optional;

/** Stored invites. */
public interface InviteRepository {
    void add(Invite invite);

    Optional<Invite> find(String callId, String inviteId);

    List<Invite> list(String callId);

    /** Usable invites of the call addressed to this e-mail address (case-insensitive). */
    List<Invite> findAddressedTo(String callId, String email);
}
