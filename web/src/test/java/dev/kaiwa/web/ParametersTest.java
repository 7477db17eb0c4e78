package dev.kaiwa.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaiwa.call.CallStatus;
import dev.kaiwa.shared.DomainException;
import dev.kaiwa.shared.ErrorCode;
import dev.kaiwa.shared.FieldError;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ParametersTest {
    @Test
    void instantsWithAnyOffsetAreReadAsUtcInstants() {
        assertThat(Parameters.instant("from", "2026-05-01T09:00:00+09:00")).contains(Instant.parse("2026-05-01T00:00:00Z"));
        assertThat(Parameters.instant("from", "2026-05-01T00:00:00Z")).contains(Instant.parse("2026-05-01T00:00:00Z"));
        assertThat(Parameters.instant("from", " ")).isEmpty();
        assertThat(Parameters.instant("from", null)).isEmpty();
    }

    @Test
    void malformedInstantIsAFieldErrorNamingTheParameter() {
        assertFieldError(() -> Parameters.instant("to", "yesterday"), "to");
        assertFieldError(() -> Parameters.instant("to", "2026-05-01"), "to");
    }

    @Test
    void integersAreParsedAndGarbageIsAFieldError() {
        assertThat(Parameters.integer("limit", "25")).contains(25);
        assertThat(Parameters.integer("limit", null)).isEmpty();
        assertFieldError(() -> Parameters.integer("limit", "ten"), "limit");
        assertFieldError(() -> Parameters.integer("limit", "99999999999"), "limit");
    }

    @Test
    void enumValuesIgnoreCaseAndUnknownOnesAreFieldErrors() {
        assertThat(Parameters.enumValue("status", "in_progress", CallStatus.class)).contains(CallStatus.IN_PROGRESS);
        assertThat(Parameters.enumValue("status", "", CallStatus.class)).isEmpty();
        assertFieldError(() -> Parameters.enumValue("status", "RUNNING", CallStatus.class), "status");
    }

    @Test
    void blankTextIsAbsent() {
        assertThat(Parameters.text("  ")).isEmpty();
        assertThat(Parameters.text(" ats-1 ")).contains("ats-1");
    }

    private static void assertFieldError(Runnable action, String field) {
        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.fieldErrors()).extracting(FieldError::field).containsExactly(field);
                });
    }
}
