package dev.kaiwa.privacy;

/** The kinds of stored items an erasure acts on. */
public enum ErasedItemType {
    /** A recording of the person or one they appear in. */
    RECORDING,
    /** The person's place in one call. */
    PARTICIPANT,
    /** An invite addressed to the person. */
    INVITE,
    /** A chat message the person sent. */
    CHAT_MESSAGE,
    /** A chat template the person (a host) wrote. */
    CHAT_TEMPLATE
}
