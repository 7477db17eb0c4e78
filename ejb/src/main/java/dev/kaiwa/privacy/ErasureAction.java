package dev.kaiwa.privacy;

/** What an erasure did to one item. */
public enum ErasureAction {
    /** A recording's media was deleted (the row stays, DELETED for ERASURE); a chat template was removed. */
    DELETED,
    /** The personal data in a participant, invite or chat message was replaced or cleared; the ids stay. */
    ANONYMIZED,
    /** A recording under legal hold was left as it is; retention or a later erasure deals with it once cleared. */
    KEPT_LEGAL_HOLD,
    /** Nothing was left to erase: the recording was deleted already, or the row was anonymized before. */
    ALREADY_ERASED
}
