package dev.kaiwa.recording;

/** Why a recording's media was deleted. */
public enum DeletionReason {
    /** Its retention period ended (the purge job). */
    RETENTION,
    /** A host or admin deleted it. */
    MANUAL,
    /** A data subject's erasure request. */
    ERASURE
}
