package dev.kaiwa.it;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * An SSO user of the test issuer: subject, organization, Kaiwa groups, name and email, as they
 * appear in the JWT that {@link Jwts} mints for it.
 */
public record TestUser(String subject, String organization, List<String> groups, String name, String email)
        implements Credential {
    public static final String ADMIN = "kaiwa-admin";
    public static final String HOST = "kaiwa-host";
    public static final String AUDITOR = "kaiwa-auditor";
    public static final String USER = "kaiwa-user";

    public TestUser {
        requireNonNull(subject, "subject is null");
        requireNonNull(organization, "organization is null");
        groups = List.copyOf(groups);
    }

    /** A valid SSO JWT for this user, minted now. */
    @Override
    public String bearerToken() {
        return Jwts.valid(this);
    }

    /** The same person with another email claim. */
    public TestUser withEmail(String otherEmail) {
        return new TestUser(subject, organization, groups, name, otherEmail);
    }
}
