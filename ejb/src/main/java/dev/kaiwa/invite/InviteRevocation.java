package dev.kaiwa.invite;

/** Why an invite stopped working before it expired. */
public enum InviteRevocation {
    /** A host revoked it. */
    REVOKED,
    /** The call ended, was cancelled or missed. */
    CALL_CLOSED
}
