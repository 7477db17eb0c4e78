package dev.kaiwa.bench;

import static java.util.Objects.requireNonNull;

/**
 * A pair of clients could not be connected, or two browsers could not set up a call. The outcome
 * counts problems of a kind together ({@code join call: 409 CALL_FULL}); the message says what
 * exactly happened.
 */
final class SetupException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String outcome;

    SetupException(String outcome, String detail) {
        super(requireNonNull(detail, "detail is null"));
        this.outcome = requireNonNull(outcome, "outcome is null");
    }

    SetupException(String outcome, String detail, Throwable cause) {
        super(requireNonNull(detail, "detail is null"), cause);
        this.outcome = requireNonNull(outcome, "outcome is null");
    }

    String outcome() {
        return outcome;
    }
}
