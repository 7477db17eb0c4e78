package dev.kaiwa.call;

/** Whether a call may or must be recorded. Recording always needs every participant's consent. */
public enum RecordingPolicy {
    /** Never recorded. */
    OFF,
    /** A host may start a recording once everyone consented. */
    OPTIONAL,
    /** Recorded from the start; joining requires consent. */
    REQUIRED
}
