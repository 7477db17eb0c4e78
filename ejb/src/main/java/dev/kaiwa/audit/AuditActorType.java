package dev.kaiwa.audit;

/** Who acted, by kind; the entry's actor id says which one. */
public enum AuditActorType {
    /** An SSO user; the id is the token's subject, the role its Kaiwa groups. */
    USER,
    /** A participant of a call acting with its participant token or over signaling; the id is the participant id. */
    PARTICIPANT,
    /** Kaiwa itself: sweeps, timers, batch jobs and consequences no person asked for directly. No id. */
    SYSTEM
}
