package dev.kaiwa.privacy;

import dev.kaiwa.shared.Caller;
import dev.kaiwa.shared.DomainException;
import dev.kaiwa.shared.ErrorCode;
import dev.kaiwa.shared.FieldError;
import dev.kaiwa.storage.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The person a data-subject request is about: an SSO subject or an e-mail address, never both. E-mail
 * addresses are compared without regard to case, as invites are matched; subjects exactly.
 */
public final class DataSubject {
    private final String subject;
    private final String email;

    private DataSubject(String subject, String email) {
        this.subject = subject;
        this.email = email;
    }

    /**
     * The person named by exactly one of {@code subject} and {@code email}; blank counts as absent.
     *
     * @throws DomainException VALIDATION_FAILED naming the fields otherwise
     */
    public static DataSubject of(String subject, String email) {
        String givenSubject = subject == null || subject.isBlank() ? null : subject.strip();
        String givenEmail = email == null || email.isBlank() ? null : email.strip();
        if ((givenSubject == null) == (givenEmail == null)) {
            String message = givenSubject == null ? "one of subject and email is required"
                    : "give either subject or email, not both";
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "Name the person by exactly one of subject and email",
                    List.of(new FieldError("email", message), new FieldError("subject", message)));
        }
        if (givenSubject != null && givenSubject.length() > Caller.MAX_SUBJECT) {
            throw DomainException.invalidField("subject", "must be at most " + Caller.MAX_SUBJECT + " characters");
        }
        if (givenEmail != null && givenEmail.length() > Caller.MAX_EMAIL) {
            throw DomainException.invalidField("email", "must be at most " + Caller.MAX_EMAIL + " characters");
        }
        return new DataSubject(givenSubject, givenEmail == null ? null : givenEmail.toLowerCase(Locale.ROOT));
    }

    public static DataSubject bySubject(String subject) {
        return of(subject, null);
    }

    public static DataSubject byEmail(String email) {
        return of(null, email);
    }

    /** The SSO subject, when the person is named by it. */
    public Optional<String> subject() {
        return Optional.ofNullable(subject);
    }

    /** The e-mail address in lower case, when the person is named by it. */
    public Optional<String> email() {
        return Optional.ofNullable(email);
    }

    /** How the request named the person: {@code SUBJECT} or {@code EMAIL}. */
    public String namedBy() {
        return subject != null ? "SUBJECT" : "EMAIL";
    }

    /**
     * The person as the audit trail names them, without personal data: the SSO subject (an id, as the trail keeps
     * for every user), or {@code sha256:} and the hex SHA-256 of the lower-case e-mail address. Whoever knows an
     * address finds its requests in the trail by that reference; the trail itself never holds the address.
     */
    public String auditReference() {
        if (subject != null) {
            return subject;
        }
        return "sha256:" + Sha256.digest(email.getBytes(StandardCharsets.UTF_8)).hex();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DataSubject that && Objects.equals(subject, that.subject)
                && Objects.equals(email, that.email);
    }

    @Override
    public int hashCode() {
        return Objects.hash(subject, email);
    }

    /** Says how the person is named, without the name: requests are logged, personal data is not. */
    @Override
    public String toString() {
        return subject != null ? "DataSubject[by subject]" : "DataSubject[by email]";
    }
}
