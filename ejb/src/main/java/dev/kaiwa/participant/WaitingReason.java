package dev.kaiwa.participant;

/** Why a participant in status {@link ParticipantStatus#WAITING} waits. */
public enum WaitingReason {
    /** The call has a waiting room and a moderator has not admitted it yet. */
    ADMISSION,
    /** The call's recording policy needs its consent before it may take part. */
    CONSENT
}
