package dev.kaiwa.web.problem;

import dev.kaiwa.shared.ErrorCode;
import dev.kaiwa.shared.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/** Builds problem responses and counts them by code on /metrics ({@code kaiwa_problems_total{code=...}}). */
@ApplicationScoped
public class Problems {
    private static final Metadata COUNTER = Metadata.builder().withName("kaiwa_problems_total")
            .withDescription("Problem responses sent, by error code").build();

    @Inject
    MetricRegistry registry;

    public Response response(ErrorCode code, String detail, List<FieldError> errors, String instance) {
        return response(code, code.category().httpStatus(), detail, errors, instance, null);
    }

    public Response response(ErrorCode code, int status, String detail, List<FieldError> errors, String instance,
            String incidentId) {
        registry.counter(COUNTER, new Tag("code", code.name())).inc();
        Problem problem = new Problem(code.typeUri(), code.title(), status, detail, instance, code.name(),
                errors.isEmpty() ? null : errors, incidentId);
        Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA_TYPE).entity(problem);
        if (code == ErrorCode.UNAUTHENTICATED || code == ErrorCode.PARTICIPANT_TOKEN_INVALID) {
            builder.header("WWW-Authenticate", "Bearer realm=\"kaiwa\"");
        }
        return builder.build();
    }
}
