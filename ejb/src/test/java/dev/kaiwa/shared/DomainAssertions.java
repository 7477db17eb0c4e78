package dev.kaiwa.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions on the {@link DomainException}s that become problem responses. */
public final class DomainAssertions {
    private DomainAssertions() {
    }

    /** Runs {@code action} and checks it was refused with {@code code}; returns the exception for further checks. */
    public static DomainException assertRefused(ErrorCode code, ThrowingCallable action) {
        Throwable thrown = catchThrowable(action);
        assertThat(thrown).as("refusal with " + code).isInstanceOf(DomainException.class);
        DomainException refusal = (DomainException) thrown;
        assertThat(refusal.code()).as("error code of: " + refusal.getMessage()).isEqualTo(code);
        return refusal;
    }
}
