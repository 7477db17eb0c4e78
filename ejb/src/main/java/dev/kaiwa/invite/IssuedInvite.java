package dev.kaiwa.invite;

import static java.util.Objects.requireNonNull;

/** A new invite with its token and join link; the token is shown only this once. */
public record IssuedInvite(Invite invite, String token, String joinUrl) {
    public IssuedInvite {
        requireNonNull(invite, "invite is null");
        requireNonNull(token, "token is null");
        requireNonNull(joinUrl, "joinUrl is null");
    }
}
