package dev.kaiwa.it;

/** Something a request can authenticate with: an SSO user's JWT or a participant token. */
public interface Credential {
    String bearerToken();
}
