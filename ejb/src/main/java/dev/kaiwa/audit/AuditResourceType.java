package dev.kaiwa.audit;

/** The kind of thing an audited action was done to; with the resource id it names the thing. */
public enum AuditResourceType {
    /** A call; the id is the call id. */
    CALL,
    /** A participant of a call; the id is the participant id. */
    PARTICIPANT,
    /** An invite; the id is the invite id. */
    INVITE,
    /** A consent decision; the id is the ledger row's id. */
    CONSENT,
    /** A recording; the id is the recording id. */
    RECORDING,
    /**
     * A data subject of a privacy request; the id is the SSO subject, or {@code sha256:} and the hex SHA-256 of
     * the lower-case e-mail address for a person named by address.
     */
    DATA_SUBJECT,
    /** A run of the retention purge; the id is the job execution's id. */
    PURGE_RUN,
    /** A webhook subscription; the id is the subscription id. */
    WEBHOOK_SUBSCRIPTION
}
