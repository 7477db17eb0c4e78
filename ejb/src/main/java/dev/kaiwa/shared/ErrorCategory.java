package dev.kaiwa.shared;

/**
 * What kind of failure an {@link ErrorCode} is; decides the HTTP status and the WebSocket close behaviour.
 */
public enum ErrorCategory {
    /** The request itself is wrong: malformed, missing or out-of-range input. */
    INVALID(400),
    /** No usable credentials were presented. */
    UNAUTHENTICATED(401),
    /** The caller is known but may not do this. */
    FORBIDDEN(403),
    /** The resource does not exist, or the caller may not know that it exists. */
    NOT_FOUND(404),
    /** The request clashes with the current state of the resource. */
    CONFLICT(409),
    /** The resource existed and is gone for good (e.g. a recording's deleted media). */
    GONE(410),
    /** The request body is larger than the resource accepts. */
    TOO_LARGE(413),
    /** The requested byte range lies outside the content. */
    RANGE_NOT_SATISFIABLE(416),
    /** The caller is over a rate limit. */
    TOO_MANY(429),
    /** A dependency is down; retrying later may work. */
    UNAVAILABLE(503),
    /** A fault on our side. */
    INTERNAL(500);

    private final int httpStatus;

    ErrorCategory(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
