package dev.kaiwa.audit;

/** What was done. Names are stable: they are stored in the chain and filtered on by auditors. */
public enum AuditAction {
    /** A participant granted consent for a purpose (recording or transcription). */
    CONSENT_GRANTED,
    /** A participant withdrew or declined consent for a purpose. */
    CONSENT_WITHDRAWN,
    /** A recording was started: asked of its recorder by a host, an admin or the system (REQUIRED policy). */
    RECORDING_STARTED,
    /** A running recording was stopped: by a host or admin, or by the system (withdrawal, call end, ...). */
    RECORDING_STOPPED,
    /** A recording's media was downloaded (or a range of it). */
    RECORDING_DOWNLOADED,
    /** A recording's media was deleted on request. */
    RECORDING_DELETED,
    /** A recording's media was purged because its retention ended. */
    RECORDING_PURGED,
    /** A legal hold was placed on a recording: it may not be deleted, purged or erased. */
    LEGAL_HOLD_SET,
    /** A legal hold was lifted. */
    LEGAL_HOLD_CLEARED,
    /** A participant's role in a call was changed. */
    PARTICIPANT_ROLE_CHANGED,
    /** A participant was removed from a call. */
    PARTICIPANT_REMOVED,
    /** A call was ended by a person (REST or a moderator's end over signaling). */
    CALL_ENDED,
    /** A scheduled call was cancelled. */
    CALL_CANCELLED,
    /** An invite was revoked before it expired. */
    INVITE_REVOKED,
    /** A data subject's data was exported on a privacy request. */
    PRIVACY_EXPORT,
    /** A data subject's data was erased on a privacy request. */
    PRIVACY_ERASURE,
    /** A retention purge run started (scheduled or on demand). */
    PURGE_RUN_STARTED,
    /** A webhook subscription was created. */
    WEBHOOK_SUBSCRIPTION_CREATED,
    /** A webhook subscription was changed. */
    WEBHOOK_SUBSCRIPTION_UPDATED,
    /** A webhook subscription was deleted. */
    WEBHOOK_SUBSCRIPTION_DELETED
}
