package dev.kaiwa.web.invite;

import dev.kaiwa.invite.Invite;
import dev.kaiwa.invite.InviteDraft;
import dev.kaiwa.invite.InviteService;
import dev.kaiwa.invite.IssuedInvite;
import dev.kaiwa.participant.ParticipantRole;
import dev.kaiwa.shared.Actor;
import dev.kaiwa.web.security.Authenticator;
import dev.kaiwa.web.security.RateLimiter;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Invites for people without SSO: create (hosts only), list, revoke. */
@Path("/calls/{callId}/invites")
@RequestScoped
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Invites", description = "Join links for people without SSO")
public class InviteResource {
    @Inject
    InviteService invites;

    @Inject
    Authenticator authenticator;

    @Inject
    RateLimiter rateLimiter;

    @Context
    SecurityContext security;

    @Context
    HttpHeaders headers;

    /** POST body. */
    public record CreateInviteRequest(
            @NotBlank @Size(max = 200) String displayName,
            @Email @Size(max = 320) String email,
            @Pattern(regexp = "HOST|CO_HOST|MODERATOR|PARTICIPANT|VIEWER",
                    message = "must be one of CO_HOST, MODERATOR, PARTICIPANT, VIEWER") String role,
            @Min(60) @Max(31_536_000) Long expiresIn,
            Boolean singleUse) {
    }

    /** An invite; token and joinUrl only in the answer to its creation. */
    public record InviteResponse(String id, String callId, String displayName, String email, String role, boolean singleUse,
            Instant createdAt, Instant expiresAt, Instant revokedAt, String revokedReason, String token, String joinUrl) {
        static InviteResponse of(Invite invite, String token, String joinUrl) {
            return new InviteResponse(invite.id(), invite.callId(), invite.displayName(), invite.email().orElse(null),
                    invite.role().name(), invite.singleUse(), invite.createdAt(), invite.expiresAt(),
                    invite.revokedAt().orElse(null), invite.revokedReason().map(Enum::name).orElse(null), token, joinUrl);
        }
    }

    /** The invites of a call. */
    public record InviteList(List<InviteResponse> items) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Invite someone", description = "Only the call's HOST and CO_HOST; an invite grants at most CO_HOST. "
            + "The token is shown only in this answer; the joinUrl carries it in the URL fragment.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "candidate",
            value = "{\"displayName\": \"Hanako Yamada\", \"email\": \"hanako@example.com\", \"role\": \"PARTICIPANT\", "
                    + "\"expiresIn\": 86400, \"singleUse\": true}")))
    @APIResponse(responseCode = "201", description = "Created, with token and joinUrl")
    public Response createInvite(@PathParam("callId") String callId, @NotNull @Valid CreateInviteRequest request) {
        Actor actor = authenticator.requireActor(callId, security, headers);
        rateLimiter.acquire("invite", actor.reference());
        InviteDraft draft = new InviteDraft(request.displayName().strip(), request.email(),
                request.role() == null ? ParticipantRole.PARTICIPANT : ParticipantRole.valueOf(request.role()),
                Optional.ofNullable(request.expiresIn()).map(Duration::ofSeconds),
                Boolean.TRUE.equals(request.singleUse()));
        IssuedInvite issued = invites.createInvite(actor, callId, draft);
        return Response.status(Response.Status.CREATED)
                .entity(InviteResponse.of(issued.invite(), issued.token(), issued.joinUrl()))
                .build();
    }

    @GET
    @Operation(summary = "List a call's invites (hosts only)")
    public InviteList listInvites(@PathParam("callId") String callId) {
        Actor actor = authenticator.requireActor(callId, security, headers);
        return new InviteList(invites.listInvites(actor, callId).stream()
                .map(invite -> InviteResponse.of(invite, null, null))
                .toList());
    }

    @DELETE
    @Path("{inviteId}")
    @Operation(summary = "Revoke an invite", description = "Joining with it is refused from then on.")
    public InviteResponse revokeInvite(@PathParam("callId") String callId, @PathParam("inviteId") String inviteId) {
        Actor actor = authenticator.requireActor(callId, security, headers);
        return InviteResponse.of(invites.revokeInvite(actor, callId, inviteId), null, null);
    }
}
