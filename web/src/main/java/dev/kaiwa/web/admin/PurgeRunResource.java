package dev.kaiwa.web.admin;

import dev.kaiwa.retention.PurgeRun;
import dev.kaiwa.retention.PurgeRuns;
import dev.kaiwa.shared.Caller;
import dev.kaiwa.shared.DomainException;
import dev.kaiwa.shared.ErrorCode;
import dev.kaiwa.web.Parameters;
import dev.kaiwa.web.PublicUrls;
import dev.kaiwa.web.security.Authenticator;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Optional;
import java.util.OptionalInt;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Runs of the retention purge (Jakarta Batch job purge-expired-recordings): start one now, read one. */
@Path("/admin/purge-runs")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@PermitAll
@Tag(name = "Administration")
public class PurgeRunResource {
    @Inject
    PurgeRuns runs;

    @Inject
    Authenticator authenticator;

    @Inject
    PublicUrls urls;

    @Context
    SecurityContext security;

    @Context
    HttpHeaders headers;

    /** Answer of a start: the job execution to follow. */
    public record StartedRun(long executionId, String status) {
    }

    @POST
    @Operation(summary = "Start a purge run", description = "Starts the retention purge now (it also runs daily at "
            + "kaiwa.retention.purge-time): due recordings become EXPIRED, their media is deleted and they become "
            + "DELETED (reason RETENTION); recordings under legal hold are skipped; chat of calls past their "
            + "retention is deleted; each organization whose recordings it deleted gets a purge.completed webhook event. "
            + "The start is audited (PURGE_RUN_STARTED). Answers 202 with the job execution id. Admins only.")
    public Response start(@Parameter(description = "Recordings per chunk (one checkpointed transaction each), "
            + PurgeRuns.MIN_CHUNK_SIZE + " to " + PurgeRuns.MAX_CHUNK_SIZE + "; 50 when absent")
            @QueryParam("chunkSize") String chunkSize) {
        Caller caller = requireAdmin();
        OptionalInt size = Parameters.integer("chunkSize", chunkSize).map(OptionalInt::of).orElseGet(OptionalInt::empty);
        long executionId = runs.start(Optional.of(caller), size);
        return Response.accepted(new StartedRun(executionId, "STARTING"))
                .location(urls.api("/admin/purge-runs/" + executionId))
                .build();
    }

    @GET
    @Path("{executionId}")
    @Operation(summary = "Read a purge run", description = "Its batch status, times, the counts so far "
            + "(recordingsExpired, recordingsDeleted, missingBlobs, bytesFreed, callsChatPurged, chatMessagesDeleted; "
            + "a restarted run goes on from its checkpoints) and each step's metrics. Admins only.")
    public PurgeRun get(@PathParam("executionId") String executionId) {
        requireAdmin();
        long id;
        try {
            id = Long.parseLong(executionId);
        }
        catch (NumberFormatException e) {
            throw notFound();
        }
        return runs.find(id).orElseThrow(PurgeRunResource::notFound);
    }

    private Caller requireAdmin() {
        Caller caller = authenticator.requireCaller(security, headers);
        if (!caller.isAdmin()) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Purge runs are for admins");
        }
        return caller;
    }

    private static DomainException notFound() {
        return new DomainException(ErrorCode.PURGE_RUN_NOT_FOUND, "No purge run with this execution id");
    }
}
