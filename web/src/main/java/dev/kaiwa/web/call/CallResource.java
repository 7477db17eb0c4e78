package dev.kaiwa.web.call;

import dev.kaiwa.call.Call;
import dev.kaiwa.call.CallEvent;
import dev.kaiwa.call.CallFilter;
import dev.kaiwa.call.CallService;
import dev.kaiwa.call.CallStatus;
import dev.kaiwa.shared.Actor;
import dev.kaiwa.shared.Caller;
import dev.kaiwa.shared.DomainException;
import dev.kaiwa.shared.ErrorCode;
import dev.kaiwa.shared.Page;
import dev.kaiwa.web.Parameters;
import dev.kaiwa.web.PublicUrls;
import dev.kaiwa.web.call.CallRequests.CreateCallRequest;
import dev.kaiwa.web.call.CallRequests.UpdateCallRequest;
import dev.kaiwa.web.call.CallResponses.CallEventPage;
import dev.kaiwa.web.call.CallResponses.CallEventResponse;
import dev.kaiwa.web.call.CallResponses.CallPage;
import dev.kaiwa.web.call.CallResponses.CallResponse;
import dev.kaiwa.web.security.Authenticator;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
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
import java.time.Clock;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Calls: schedule, read, list, change, and move through their life. */
@Path("/calls")
@RequestScoped
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Calls", description = "Schedule calls and move them through their life")
public class CallResource {
    static final String CREATE_EXAMPLE = """
            {"title": "Interview: backend engineer", "type": "VIDEO", "scheduledAt": "2026-12-01T09:00:00Z",
             "maxParticipants": 4, "settings": {"recording": "OPTIONAL", "transcription": {"enabled": true, "language": "ja"},
             "screenShare": true, "waitingRoom": true}, "externalRef": "ats-4711", "metadata": {"position": "BE-12"},
             "retentionDays": 30}""";

    @Inject
    CallService calls;

    @Inject
    CallDrafts drafts;

    @Inject
    Authenticator authenticator;

    @Inject
    PublicUrls urls;

    @Inject
    Clock clock;

    @Context
    SecurityContext security;

    @Context
    HttpHeaders headers;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Schedule a call", description = "The caller (kaiwa-host or kaiwa-admin) becomes the call's HOST. "
            + "Without scheduledAt the call is scheduled for now. A repeated request with the same Idempotency-Key "
            + "returns the call the first one created.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "interview", value = CREATE_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created; Location points at the call")
    public Response createCall(
            @Parameter(description = "Makes a retried create return the same call") @HeaderParam("Idempotency-Key") String idempotencyKey,
            @NotNull @Valid CreateCallRequest request) {
        Caller caller = authenticator.requireCaller(security, headers);
        Optional<String> key = Parameters.text(idempotencyKey);
        if (key.isPresent() && key.get().length() > 200) {
            throw DomainException.invalidField("Idempotency-Key", "must be at most 200 characters");
        }
        Call call;
        try {
            call = calls.createCall(caller, drafts.fromCreate(request), key).call();
        }
        catch (EJBException e) {
            // Two requests with the same key raced; the loser's insert broke the unique key.
            call = key.flatMap(value -> calls.findByIdempotencyKey(caller, value)).orElseThrow(() -> e);
        }
        return Response.created(urls.api("/calls/" + call.id())).entity(CallResponse.of(call, clock.instant())).build();
    }

    @GET
    @Operation(summary = "List calls the caller may see", description = "Newest first; page with limit and cursor.")
    public CallPage listCalls(@QueryParam("status") String status, @QueryParam("externalRef") String externalRef,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        Caller caller = authenticator.requireCaller(security, headers);
        CallFilter filter = new CallFilter(Parameters.enumValue("status", status, CallStatus.class),
                Parameters.text(externalRef), Parameters.instant("from", from), Parameters.instant("to", to));
        Page<Call> page = calls.listCalls(caller, filter, Parameters.text(cursor),
                Parameters.integer("limit", limit).orElse(null));
        return new CallPage(page.items().stream().map(call -> CallResponse.of(call, clock.instant())).toList(),
                page.nextCursor().orElse(null));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a call")
    public CallResponse getCall(@PathParam("id") String id) {
        return CallResponse.of(calls.getCall(actor(id), id), clock.instant());
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a scheduled call", description = "Only the fields present change; only while SCHEDULED.")
    public CallResponse updateCall(@PathParam("id") String id, @NotNull @Valid UpdateCallRequest request) {
        Actor actor = actor(id);
        Call current = calls.getCall(actor, id);
        if (current.status() != CallStatus.SCHEDULED) {
            throw new DomainException(ErrorCode.CALL_NOT_SCHEDULED, "Only a scheduled call can be changed; this one is "
                    + current.status());
        }
        return CallResponse.of(calls.updateCall(actor, id, drafts.fromUpdate(current, request)), clock.instant());
    }

    @POST
    @Path("{id}/start")
    @Operation(summary = "Start a scheduled call")
    public CallResponse startCall(@PathParam("id") String id) {
        return CallResponse.of(calls.startCall(actor(id), id), clock.instant());
    }

    @POST
    @Path("{id}/pause")
    @Operation(summary = "Pause a call", description = "People stay connected; recording pauses; new joins are refused.")
    public CallResponse pauseCall(@PathParam("id") String id) {
        return CallResponse.of(calls.pauseCall(actor(id), id), clock.instant());
    }

    @POST
    @Path("{id}/resume")
    @Operation(summary = "Resume a paused call")
    public CallResponse resumeCall(@PathParam("id") String id) {
        return CallResponse.of(calls.resumeCall(actor(id), id), clock.instant());
    }

    @POST
    @Path("{id}/end")
    @Operation(summary = "End a call", description = "Invalidates the call's invites and signaling tickets.")
    public CallResponse endCall(@PathParam("id") String id) {
        return CallResponse.of(calls.endCall(actor(id), id), clock.instant());
    }

    @POST
    @Path("{id}/cancel")
    @Operation(summary = "Cancel a scheduled call", description = "Invalidates the call's invites and signaling tickets.")
    public CallResponse cancelCall(@PathParam("id") String id) {
        return CallResponse.of(calls.cancelCall(actor(id), id), clock.instant());
    }

    @GET
    @Path("{id}/events")
    @Operation(summary = "The call's event log", description = "Oldest first; page with limit and cursor.")
    public CallEventPage events(@PathParam("id") String id, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        Page<CallEvent> page = calls.events(actor(id), id, Parameters.text(cursor),
                Parameters.integer("limit", limit).orElse(null));
        return new CallEventPage(page.items().stream().map(CallEventResponse::of).toList(), page.nextCursor().orElse(null));
    }

    private Actor actor(String callId) {
        return authenticator.requireActor(callId, security, headers);
    }
}
