package dev.kaiwa.web.problem;

import dev.kaiwa.shared.DomainException;
import dev.kaiwa.web.security.RateLimitExceededException;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A broken domain rule becomes the problem its {@code ErrorCode} names. */
@Provider
public class DomainExceptionMapper implements ExceptionMapper<DomainException> {
    @Inject
    Problems problems;

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(DomainException exception) {
        Response response = problems.response(exception.code(), exception.getMessage(), exception.fieldErrors(),
                "/" + uriInfo.getPath(false).replaceFirst("^/", ""));
        if (exception instanceof RateLimitExceededException limited) {
            return Response.fromResponse(response).header("Retry-After", limited.retryAfterSeconds()).build();
        }
        return response;
    }
}
