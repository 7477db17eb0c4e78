package dev.kaiwa.recording;

/** Why a recording stopped. */
public enum StopReason {
    /** A host or admin stopped it. */
    REQUESTED,
    /** A participant in it withdrew consent. */
    CONSENT_WITHDRAWN,
    /** Someone without consent joined while it ran (OPTIONAL policy). */
    UNCONSENTED_JOIN,
    /** The call ended. */
    CALL_ENDED,
    /** The recorder left the call. */
    RECORDER_LEFT,
    /** The recorder finished its upload without a stop (it stopped on its own). */
    RECORDER_STOPPED
}
