package dev.kaiwa.shared;

import static java.util.Objects.requireNonNull;

/**
 * Who is acting: an SSO user, or a participant of one call acting with its participant token.
 */
public sealed interface Actor {
    /** What the event log and audit trail record as the actor. */
    String reference();

    /** An SSO user. */
    record User(Caller caller) implements Actor {
        public User {
            requireNonNull(caller, "caller is null");
        }

        @Override
        public String reference() {
            return "user:" + caller.subject();
        }
    }

    /** A participant of one call, holding a participant token for it. */
    record Guest(String callId, String participantId) implements Actor {
        public Guest {
            requireNonNull(callId, "callId is null");
            requireNonNull(participantId, "participantId is null");
        }

        @Override
        public String reference() {
            return "participant:" + participantId;
        }
    }
}
