package dev.kaiwa.web.security;

import dev.kaiwa.shared.DomainException;
import dev.kaiwa.shared.ErrorCode;

/** A caller went over a rate limit; the problem response carries Retry-After. */
public class RateLimitExceededException extends DomainException {
    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    public RateLimitExceededException(String action, long retryAfterSeconds) {
        super(ErrorCode.RATE_LIMITED, "Too many " + action + " requests; retry in " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
