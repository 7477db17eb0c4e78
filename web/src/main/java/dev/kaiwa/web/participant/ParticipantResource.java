package dev.kaiwa.web.participant;

import dev.kaiwa.participant.ParticipantChange;
import dev.kaiwa.participant.ParticipantRole;
import dev.kaiwa.participant.ParticipantService;
import dev.kaiwa.participant.ParticipantStatus;
import dev.kaiwa.shared.Actor;
import dev.kaiwa.web.Parameters;
import dev.kaiwa.web.security.Authenticator;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The people of a call: list, change role or media, remove. */
@Path("/calls/{callId}/participants")
@RequestScoped
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Participants", description = "The people of a call")
public class ParticipantResource {
    @Inject
    ParticipantService participants;

    @Inject
    Authenticator authenticator;

    @Context
    SecurityContext security;

    @Context
    HttpHeaders headers;

    /** PATCH body: a new role and/or media flags. */
    public record ChangeParticipantRequest(
            @Pattern(regexp = "HOST|CO_HOST|MODERATOR|PARTICIPANT|VIEWER",
                    message = "must be one of HOST, CO_HOST, MODERATOR, PARTICIPANT, VIEWER") String role,
            @Valid MediaRequest media) {
    }

    /** Media flags; absent ones stay as they are. */
    public record MediaRequest(Boolean audio, Boolean video, Boolean screen, Boolean hand) {
    }

    /** The participants of a call. */
    public record ParticipantList(List<ParticipantResponse> items) {
    }

    @GET
    @Operation(summary = "List the call's participants", description = "Optionally only those with one status.")
    public ParticipantList listParticipants(@PathParam("callId") String callId, @QueryParam("status") String status) {
        Actor actor = authenticator.requireActor(callId, security, headers);
        Optional<ParticipantStatus> wanted = Parameters.enumValue("status", status, ParticipantStatus.class);
        return new ParticipantList(participants.listParticipants(actor, callId, wanted).stream()
                .map(ParticipantResponse::of)
                .toList());
    }

    @GET
    @Path("{participantId}")
    @Operation(summary = "Read one participant")
    public ParticipantResponse getParticipant(@PathParam("callId") String callId,
            @PathParam("participantId") String participantId) {
        Actor actor = authenticator.requireActor(callId, security, headers);
        return ParticipantResponse.of(participants.getParticipant(actor, callId, participantId));
    }

    @PATCH
    @Path("{participantId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a participant's role or media flags",
            description = "Roles: hosts only; a CO_HOST can neither grant nor change HOST; the last HOST stays. "
                    + "Media: the participant itself or a moderator.")
    public ParticipantResponse changeParticipant(@PathParam("callId") String callId,
            @PathParam("participantId") String participantId, @NotNull @Valid ChangeParticipantRequest request) {
        Actor actor = authenticator.requireActor(callId, security, headers);
        MediaRequest media = request.media();
        ParticipantChange change = new ParticipantChange(
                Optional.ofNullable(request.role()).map(ParticipantRole::valueOf),
                Optional.ofNullable(media).map(MediaRequest::audio),
                Optional.ofNullable(media).map(MediaRequest::video),
                Optional.ofNullable(media).map(MediaRequest::screen),
                Optional.ofNullable(media).map(MediaRequest::hand));
        return ParticipantResponse.of(participants.changeParticipant(actor, callId, participantId, change));
    }

    @DELETE
    @Path("{participantId}")
    @Operation(summary = "Remove a participant", description = "They cannot rejoin with the same invite.")
    public ParticipantResponse removeParticipant(@PathParam("callId") String callId,
            @PathParam("participantId") String participantId) {
        Actor actor = authenticator.requireActor(callId, security, headers);
        return ParticipantResponse.of(participants.removeParticipant(actor, callId, participantId));
    }
}
