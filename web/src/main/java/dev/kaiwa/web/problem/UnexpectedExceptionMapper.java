package dev.kaiwa.web.problem;

import dev.kaiwa.shared.DomainException;
import dev.kaiwa.shared.ErrorCode;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import dev.kaiwa.shared.FieldError;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Everything else: exceptions wrapped by the EJB container, framework errors (unknown path, wrong
 * method, unreadable JSON) and real faults. A fault becomes a 500 with an incident id that is also
 * logged with the stack trace; the client never sees a stack trace or SQL.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Pattern PROPERTY = Pattern.compile("deserialize property '([^']+)'");
    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Inject
    Problems problems;

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(Throwable exception) {
        String instance = "/" + uriInfo.getPath(false).replaceFirst("^/", "");
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof DomainException domain) {
                return problems.response(domain.code(), domain.getMessage(), domain.fieldErrors(), instance);
            }
            if (cause instanceof ConstraintViolationException violations) {
                return problems.response(ErrorCode.VALIDATION_FAILED, "The request has invalid fields",
                        ConstraintViolationMapper.fieldErrors(violations), instance);
            }
            if (cause instanceof OptimisticLockException || cause instanceof PessimisticLockException) {
                return problems.response(ErrorCode.CONCURRENT_MODIFICATION,
                        "The resource was changed by another request at the same time; retry", List.of(), instance);
            }
            if (cause instanceof JsonbException || cause instanceof JsonException) {
                return malformed(instance, fieldOf(exception));
            }
            if (cause instanceof WebApplicationException web) {
                return framework(web, instance);
            }
            if (cause instanceof ProcessingException) {
                return malformed(instance, fieldOf(exception));
            }
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Incident " + incident + " on " + instance, exception);
        return problems.response(ErrorCode.INTERNAL_ERROR, 500, "An unexpected error occurred; quote incident " + incident,
                List.of(), instance, incident);
    }

    private Response malformed(String instance, List<FieldError> fields) {
        return problems.response(ErrorCode.MALFORMED_REQUEST,
                "The body is not valid JSON of the expected shape (check value types)", fields, instance);
    }

    /**
     * JSON-B names the properties it could not read, outermost first ("settings", then "screenShare"),
     * in the message of the first exception that mentions any: together they are the field's path.
     */
    static List<FieldError> fieldOf(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            Matcher matcher = PROPERTY.matcher(String.valueOf(cause.getMessage()));
            List<String> path = new java.util.ArrayList<>();
            while (matcher.find()) {
                path.add(matcher.group(1));
            }
            if (!path.isEmpty()) {
                return List.of(new FieldError(String.join(".", path), "has the wrong JSON type"));
            }
        }
        return List.of();
    }

    private Response framework(WebApplicationException web, String instance) {
        int status = web.getResponse() == null ? 500 : web.getResponse().getStatus();
        if (web instanceof NotFoundException || status == 404) {
            return problems.response(ErrorCode.RESOURCE_NOT_FOUND, "No such resource", List.of(), instance);
        }
        if (web instanceof NotAllowedException || status == 405) {
            return problems.response(ErrorCode.METHOD_NOT_ALLOWED, 405, "This method is not allowed here", List.of(), instance,
                    null);
        }
        if (status == 415 || status == 406) {
            return problems.response(ErrorCode.UNSUPPORTED_MEDIA_TYPE, status,
                    "Send and accept application/json", List.of(), instance, null);
        }
        if (status >= 400 && status < 500) {
            return malformed(instance, List.of());
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Incident " + incident + " on " + instance, web);
        return problems.response(ErrorCode.INTERNAL_ERROR, 500, "An unexpected error occurred; quote incident " + incident,
                List.of(), instance, incident);
    }
}
