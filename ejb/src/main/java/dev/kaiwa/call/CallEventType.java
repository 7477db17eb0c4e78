package dev.kaiwa.call;

/** What a {@link CallEvent} records. */
public enum CallEventType {
    /** The call was created. */
    CREATED,
    /** Its schedule or settings were changed. */
    UPDATED,
    /** It started. */
    STARTED,
    /** It was paused. */
    PAUSED,
    /** It was resumed after a pause. */
    RESUMED,
    /** It ended. */
    ENDED,
    /** It was cancelled before starting. */
    CANCELLED,
    /** Nobody joined it in time. */
    MISSED,
    /** A system fault stopped it. */
    FAILED,
    /** An invite was created. */
    INVITE_CREATED,
    /** An invite was revoked. */
    INVITE_REVOKED,
    /** A participant got a signaling ticket. */
    JOINED,
    /** A participant left, or its ticket expired unused. */
    LEFT,
    /** A participant was removed. */
    REMOVED,
    /** A participant's role changed. */
    ROLE_CHANGED,
    /** A participant's media state changed. */
    MEDIA_CHANGED,
    /** A participant raised or lowered its hand. */
    HAND_CHANGED,
    /** A participant connected to the call's signaling. */
    CONNECTED,
    /** A participant lost its connection and may resume. */
    DISCONNECTED,
    /** A participant resumed after losing its connection. */
    RECONNECTED,
    /** A participant is waiting in the waiting room. */
    WAITING,
    /** A moderator admitted a waiting participant. */
    ADMITTED,
    /** A moderator refused a waiting participant. */
    DENIED,
    /** A moderator asked a participant to mute. */
    MUTED,
    /** A participant's connection quality fell below the thresholds. */
    QUALITY_DEGRADED,
    /** A participant is held in the consent step until it grants recording. */
    CONSENT_STEP,
    /** A participant granted a purpose (recording or transcription). */
    CONSENT_GRANTED,
    /** A participant declined or withdrew a purpose. */
    CONSENT_WITHDRAWN,
    /** A recording was requested from a recorder. */
    RECORDING_REQUESTED,
    /** The recorder confirmed it is recording. */
    RECORDING_STARTED,
    /** A recording stopped. */
    RECORDING_STOPPED,
    /** A recording's media is finalized and available. */
    RECORDING_READY,
    /** A recording failed. */
    RECORDING_FAILED,
    /** A recording's media was downloaded (every request, ranges included). */
    RECORDING_DOWNLOADED,
    /** A recording passed its retention period; its media is about to be deleted. */
    RECORDING_EXPIRED,
    /** A recording's media was deleted (retention, by hand or an erasure request). */
    RECORDING_DELETED,
    /** An admin placed a legal hold on a recording. */
    LEGAL_HOLD_SET,
    /** An admin cleared a recording's legal hold. */
    LEGAL_HOLD_CLEARED,
    /** The call's chat was deleted at the end of its retention. */
    CHAT_PURGED
}
