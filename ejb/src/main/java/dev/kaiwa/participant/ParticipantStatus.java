package dev.kaiwa.participant;

/** Where a participant is in a call. */
public enum ParticipantStatus {
    /** Known to the call (its host, or invited) but not joined yet. */
    INVITED,
    /** In the waiting room, waiting for a moderator. */
    WAITING,
    /** Has a signaling ticket and is connecting. */
    JOINING,
    /** Connected to the call's signaling. */
    CONNECTED,
    /** Lost its connection; may resume within the grace period. */
    RECONNECTING,
    /** Left, or never used its ticket. */
    LEFT,
    /** Removed by a moderator; cannot rejoin with the same invite. */
    REMOVED,
    /** Refused entry from the waiting room. */
    DENIED;

    /** Statuses that occupy a place in the call, counted against its capacity. */
    public boolean occupiesPlace() {
        return switch (this) {
            case JOINING, WAITING, CONNECTED, RECONNECTING -> true;
            case INVITED, LEFT, REMOVED, DENIED -> false;
        };
    }
}
