package dev.kaiwa.security;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** What a verified Kaiwa token says: its purpose, the call, the subject (invite or participant id) and expiry. */
public record SignedClaims(TokenPurpose purpose, String callId, String subject, Instant expiresAt) {
    public SignedClaims {
        requireNonNull(purpose, "purpose is null");
        requireNonNull(callId, "callId is null");
        requireNonNull(subject, "subject is null");
        requireNonNull(expiresAt, "expiresAt is null");
    }
}
