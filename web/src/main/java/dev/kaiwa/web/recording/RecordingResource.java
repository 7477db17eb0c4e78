package dev.kaiwa.web.recording;

import dev.kaiwa.recording.RecordingService;
import dev.kaiwa.shared.Actor;
import dev.kaiwa.shared.Caller;
import dev.kaiwa.shared.DomainException;
import dev.kaiwa.shared.ErrorCode;
import dev.kaiwa.web.security.Authenticator;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** One recording: its state, stop, and the organization's storage figures. */
@Path("/recordings")
@RequestScoped
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Recordings")
public class RecordingResource {
    @Inject
    RecordingService recordings;

    @Inject
    Authenticator authenticator;

    @Context
    SecurityContext security;

    @Context
    HttpHeaders headers;

    @GET
    @Path("{recordingId}")
    @Operation(summary = "Read a recording", description = "Its status with times, size, duration, checksum, expiry "
            + "and legal hold. Visible to whoever may see the call.")
    public RecordingResponse get(@PathParam("recordingId") String recordingId) {
        Actor actor = authenticator.requireActor(null, security, headers);
        return RecordingResponse.of(recordings.get(actor, recordingId));
    }

    @POST
    @Path("{recordingId}/stop")
    @Operation(summary = "Stop a recording", description = "The recorder is told at once and uploads what is left; "
            + "the recording becomes PROCESSING, then READY once its upload is complete and finalized.")
    public RecordingResponse stop(@PathParam("recordingId") String recordingId) {
        Actor actor = authenticator.requireActor(null, security, headers);
        return RecordingResponse.of(recordings.stop(actor, recordingId));
    }

    @GET
    @Path("stats/storage")
    @Operation(summary = "The organization's recording storage", description = "Bytes and counts of stored recordings "
            + "(READY) by audio-only and video, the total and the average size, and counts by status. Admins and "
            + "auditors of the organization.")
    public RecordingStatistics.StorageStatistics storage() {
        Caller caller = authenticator.requireCaller(security, headers);
        if (!caller.seesWholeOrganization()) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Storage figures are for the organization's admins and "
                    + "auditors");
        }
        return RecordingStatistics.forStorage(recordings.organizationStatistics(caller.organization()));
    }
}
