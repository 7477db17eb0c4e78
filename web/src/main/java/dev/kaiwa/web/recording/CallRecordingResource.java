package dev.kaiwa.web.recording;

import dev.kaiwa.recording.Recording;
import dev.kaiwa.recording.RecordingFormat;
import dev.kaiwa.recording.RecordingKind;
import dev.kaiwa.recording.RecordingQuality;
import dev.kaiwa.recording.RecordingRequest;
import dev.kaiwa.recording.RecordingService;
import dev.kaiwa.shared.Actor;
import dev.kaiwa.web.PublicUrls;
import dev.kaiwa.web.security.Authenticator;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Starting and listing a call's recordings. */
@Path("/calls/{callId}/recordings")
@RequestScoped
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Recordings", description = "Consent-bound recording, encrypted storage, download and retention")
public class CallRecordingResource {
    @Inject
    RecordingService recordings;

    @Inject
    Authenticator authenticator;

    @Inject
    PublicUrls urls;

    @Context
    SecurityContext security;

    @Context
    HttpHeaders headers;

    /** A start; every field is optional. */
    public record StartRequest(
            @Pattern(regexp = "COMPOSITE|INDIVIDUAL", message = "must be COMPOSITE or INDIVIDUAL") String kind,
            @Pattern(regexp = "WEBM", message = "must be WEBM") String format,
            @Pattern(regexp = "LOW|MEDIUM|HIGH", message = "must be LOW, MEDIUM or HIGH") String quality,
            Boolean audioOnly) {
    }

    /** Recordings, oldest first. */
    public record RecordingList(List<RecordingResponse> items) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start recording", description = "Needs a call in progress whose recording policy is not OFF "
            + "(409 RECORDING_DISABLED), the consent of every connected participant who publishes media (409 "
            + "CONSENT_REQUIRED) and a connected recorder (409 RECORDER_UNAVAILABLE): a HOST or CO_HOST browser for "
            + "COMPOSITE, each participant's own browser for INDIVIDUAL (one recording per participant). The recordings "
            + "start as STARTING and become RECORDING when the recorder acknowledges, or FAILED after a timeout.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "composite",
            value = "{\"kind\":\"COMPOSITE\",\"format\":\"WEBM\",\"quality\":\"MEDIUM\",\"audioOnly\":false}")))
    public Response start(@PathParam("callId") String callId, @Valid StartRequest request) {
        Actor actor = authenticator.requireActor(callId, security, headers);
        StartRequest body = request == null ? new StartRequest(null, null, null, null) : request;
        RecordingRequest start = new RecordingRequest(
                body.kind() == null ? null : RecordingKind.valueOf(body.kind()),
                body.format() == null ? null : RecordingFormat.valueOf(body.format()),
                body.quality() == null ? null : RecordingQuality.valueOf(body.quality()), body.audioOnly());
        List<Recording> started = recordings.start(actor, callId, start);
        return Response.created(urls.api("/recordings/" + started.get(0).id()))
                .entity(new RecordingList(started.stream().map(RecordingResponse::of).toList())).build();
    }

    @GET
    @Operation(summary = "List the call's recordings", description = "Oldest first, in every status.")
    public RecordingList list(@PathParam("callId") String callId) {
        Actor actor = authenticator.requireActor(callId, security, headers);
        return new RecordingList(recordings.list(actor, callId).stream().map(RecordingResponse::of).toList());
    }

    @GET
    @Path("stats")
    @Operation(summary = "The call's recording statistics", description = "Counts and bytes by status and by format, "
            + "and totals.")
    public RecordingStatistics.CallStatistics statistics(@PathParam("callId") String callId) {
        Actor actor = authenticator.requireActor(callId, security, headers);
        return RecordingStatistics.forCall(recordings.callStatistics(actor, callId));
    }
}
