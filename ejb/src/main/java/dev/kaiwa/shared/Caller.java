package dev.kaiwa.shared;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.Set;

/**
 * A user signed in through corporate SSO: the token's subject, organization and Kaiwa groups.
 * Guests are never callers; they act through participant tokens.
 */
public record Caller(String subject, String organization, Set<String> groups, String name, String email) {
    public static final String ADMIN = "kaiwa-admin";
    public static final String HOST = "kaiwa-host";
    public static final String AUDITOR = "kaiwa-auditor";
    public static final String USER = "kaiwa-user";
    /** Longest subject, organization and e-mail address Kaiwa stores; longer claims are refused. */
    public static final int MAX_SUBJECT = 255;
    public static final int MAX_ORGANIZATION = 100;
    public static final int MAX_EMAIL = 320;
    public static final int MAX_DISPLAY_NAME = 200;

    public Caller {
        requireNonNull(subject, "subject is null");
        requireNonNull(organization, "organization is null");
        groups = Set.copyOf(groups);
    }

    public boolean isAdmin() {
        return groups.contains(ADMIN);
    }

    public boolean isAuditor() {
        return groups.contains(AUDITOR);
    }

    /** Admins and auditors see every call of their organization. */
    public boolean seesWholeOrganization() {
        return isAdmin() || isAuditor();
    }

    public boolean mayCreateCalls() {
        return groups.contains(HOST) || isAdmin();
    }

    /** Auditors read and change nothing; a caller that is only an auditor is read-only. */
    public boolean isReadOnly() {
        return isAuditor() && !isAdmin() && !groups.contains(HOST) && !groups.contains(USER);
    }

    public Optional<String> emailAddress() {
        return Optional.ofNullable(email);
    }

    /** The name to show, at most {@value #MAX_DISPLAY_NAME} characters. */
    public String displayName() {
        String shown = name == null || name.isBlank() ? subject : name.strip();
        return shown.length() > MAX_DISPLAY_NAME ? shown.substring(0, MAX_DISPLAY_NAME) : shown;
    }
}
