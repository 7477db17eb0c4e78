package dev.kaiwa.call;

/**
 * Where a call is in its life. The allowed moves are decided here and nowhere else.
 */
public enum CallStatus {
    /** Created, waiting for its scheduled time or its first participant. */
    SCHEDULED,
    /** Running: people can join and talk. */
    IN_PROGRESS,
    /** People stay connected, recording pauses, new joins are refused. */
    PAUSED,
    /** Finished normally. */
    ENDED,
    /** Called off before it started. */
    CANCELLED,
    /** Nobody joined within the grace period after the scheduled time. */
    MISSED,
    /** Stopped by a system fault. */
    FAILED;

    /** Whether a call in this status may move to {@code target}. */
    public boolean canMoveTo(CallStatus target) {
        return switch (this) {
            case SCHEDULED -> target == IN_PROGRESS || target == CANCELLED || target == MISSED;
            case IN_PROGRESS -> target == PAUSED || target == ENDED || target == FAILED;
            case PAUSED -> target == IN_PROGRESS || target == ENDED || target == FAILED;
            case ENDED, CANCELLED, MISSED, FAILED -> false;
        };
    }

    /** No move leads out of a terminal status. */
    public boolean isTerminal() {
        return switch (this) {
            case SCHEDULED, IN_PROGRESS, PAUSED -> false;
            case ENDED, CANCELLED, MISSED, FAILED -> true;
        };
    }

    /** A call that is running, paused or not, counts as active. */
    public boolean isActive() {
        return this == IN_PROGRESS || this == PAUSED;
    }
}
