package dev.kaiwa.consent;

/** Where a consent decision was made. */
public enum ConsentChannel {
    /** The {@code consent} message on the call's socket (the call page's notice). */
    SIGNALING,
    /** {@code POST /api/v1/calls/{id}/consents}. */
    REST
}
