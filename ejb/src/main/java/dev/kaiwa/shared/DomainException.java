package dev.kaiwa.shared;

import static java.util.Objects.requireNonNull;

import jakarta.ejb.ApplicationException;
import java.util.List;

/**
 * A rule of the domain was broken. Carries the {@link ErrorCode} that clients see; the detail must not
 * contain personal data. Marked as an application exception so the EJB container passes it through
 * unwrapped and rolls the transaction back.
 */
@ApplicationException(rollback = true)
public class DomainException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final List<FieldError> fieldErrors;

    public DomainException(ErrorCode code, String detail) {
        this(code, detail, List.of());
    }

    public DomainException(ErrorCode code, String detail, List<FieldError> fieldErrors) {
        super(requireNonNull(detail, "detail is null"));
        this.code = requireNonNull(code, "code is null");
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    public static DomainException invalidField(String field, String message) {
        return new DomainException(ErrorCode.VALIDATION_FAILED, "Invalid value for " + field,
                List.of(new FieldError(field, message)));
    }

    public ErrorCode code() {
        return code;
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }
}
