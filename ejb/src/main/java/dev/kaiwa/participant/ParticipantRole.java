package dev.kaiwa.participant;

/**
 * A participant's role in one call. "Host" in call rules means HOST or CO_HOST; the SSO group
 * {@code kaiwa-host} only allows creating calls.
 */
public enum ParticipantRole {
    /** Owns the call: invites, moderates, changes roles, may name other hosts. */
    HOST,
    /** Like a host, but cannot grant or change the HOST role. */
    CO_HOST,
    /** Admits, denies, mutes and removes; cannot invite or change roles. */
    MODERATOR,
    /** Talks and is seen. */
    PARTICIPANT,
    /** Receives media, publishes none. */
    VIEWER;

    public boolean isHost() {
        return this == HOST || this == CO_HOST;
    }

    public boolean mayModerate() {
        return this == HOST || this == CO_HOST || this == MODERATOR;
    }

    /** Hosts and co-hosts invite; an invite grants at most CO_HOST. */
    public boolean mayInviteAs(ParticipantRole granted) {
        return isHost() && granted != HOST;
    }

    /**
     * Whether a participant with this role may change someone from {@code current} to {@code granted}.
     * A CO_HOST can neither grant HOST nor change a HOST; only hosts change roles.
     */
    public boolean mayChangeRole(ParticipantRole current, ParticipantRole granted) {
        return switch (this) {
            case HOST -> true;
            case CO_HOST -> current != HOST && granted != HOST;
            case MODERATOR, PARTICIPANT, VIEWER -> false;
        };
    }
}
