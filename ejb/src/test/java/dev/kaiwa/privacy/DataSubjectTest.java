package dev.kaiwa.privacy;

import static dev.kaiwa.shared.DomainAssertions.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kaiwa.shared.Caller;
import dev.kaiwa.shared.DomainException;
import dev.kaiwa.shared.ErrorCode;
import dev.kaiwa.shared.FieldError;
import org.junit.jupiter.api.Test;

class DataSubjectTest {
    @Test
    void personIsNamedBySubjectAsGiven() {
        DataSubject person = DataSubject.of(" Alice-01 ", null);

        assertThat(person.subject()).contains("Alice-01");
        assertThat(person.email()).isEmpty();
    }

    @Test
    void emailIsComparedInLowerCase() {
        DataSubject person = DataSubject.of(null, " Hanako.Yamada@Example.COM ");

        assertThat(person.email()).contains("hanako.yamada@example.com");
        assertThat(person.subject()).isEmpty();
        assertThat(person).isEqualTo(DataSubject.byEmail("hanako.yamada@example.com"));
    }

    @Test
    void auditReferenceIsTheSubjectOrAHashOfTheAddressInLowerCase() {
        DataSubject bySubject = DataSubject.bySubject("alice-01");
        DataSubject byEmail = DataSubject.byEmail("Hanako@Example.com");

        assertThat(bySubject.auditReference()).isEqualTo("alice-01");
        assertThat(bySubject.namedBy()).isEqualTo("SUBJECT");
        // echo -n hanako@example.com | sha256sum
        assertThat(byEmail.auditReference())
                .isEqualTo("sha256:3a115c1ed0035cb37d11dc30ac7aa7cbaf78e284c693a2f7f4ace6178e27b740")
                .isEqualTo(DataSubject.byEmail("hanako@example.com").auditReference())
                .doesNotContainIgnoringCase("hanako");
        assertThat(byEmail.namedBy()).isEqualTo("EMAIL");
    }

    @Test
    void bothOrNeitherAreRefusedNamingBothFields() {
        DomainException both = assertRefused(ErrorCode.VALIDATION_FAILED,
                () -> DataSubject.of("alice", "alice@example.com"));
        DomainException neither = assertRefused(ErrorCode.VALIDATION_FAILED, () -> DataSubject.of(null, null));

        assertThat(both.fieldErrors()).extracting(FieldError::field).containsExactly("email", "subject");
        assertThat(both.fieldErrors()).extracting(FieldError::message).allMatch(message -> message.contains("not both"));
        assertThat(neither.fieldErrors()).extracting(FieldError::field).containsExactly("email", "subject");
    }

    @Test
    void blankCountsAsAbsent() {
        assertRefused(ErrorCode.VALIDATION_FAILED, () -> DataSubject.of("  ", ""));

        assertThat(DataSubject.of("   ", "bob@example.com").email()).contains("bob@example.com");
        assertThat(DataSubject.of("bob", " ").subject()).contains("bob");
    }

    @Test
    void overlongValuesAreRefused() {
        DomainException subject = assertRefused(ErrorCode.VALIDATION_FAILED,
                () -> DataSubject.bySubject("s".repeat(Caller.MAX_SUBJECT + 1)));
        DomainException email = assertRefused(ErrorCode.VALIDATION_FAILED,
                () -> DataSubject.byEmail("e".repeat(Caller.MAX_EMAIL - 11) + "@example.com"));

        assertThat(subject.fieldErrors()).extracting(FieldError::field).containsExactly("subject");
        assertThat(email.fieldErrors()).extracting(FieldError::field).containsExactly("email");
        assertThat(DataSubject.bySubject("s".repeat(Caller.MAX_SUBJECT)).subject()).isPresent();
    }

    @Test
    void descriptionLeavesThePersonOut() {
        assertThat(DataSubject.byEmail("hanako@example.com").toString()).doesNotContain("hanako");
        assertThat(DataSubject.bySubject("alice").toString()).doesNotContain("alice");
    }
}
