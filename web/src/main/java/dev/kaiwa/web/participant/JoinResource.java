package dev.kaiwa.web.participant;

import dev.kaiwa.participant.JoinResult;
import dev.kaiwa.participant.JoinService;
import dev.kaiwa.security.TokenPurpose;
import dev.kaiwa.security.TokenSigner;
import dev.kaiwa.shared.Caller;
import dev.kaiwa.shared.DomainException;
import dev.kaiwa.shared.ErrorCode;
import dev.kaiwa.web.PublicUrls;
import dev.kaiwa.web.StrictJson;
import dev.kaiwa.web.security.Authenticator;
import dev.kaiwa.web.security.RateLimiter;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Joining a call: with an SSO JWT, or with an invite token (the only place invite tokens are accepted).
 */
@Path("/calls/{callId}/join")
@RequestScoped
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Participants")
public class JoinResource {
    private static final int MAX_BODY_CHARS = 8192;

    @Inject
    JoinService joins;

    @Inject
    Authenticator authenticator;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    PublicUrls urls;

    @Inject
    TokenSigner signer;

    @Context
    SecurityContext security;

    @Context
    HttpServletRequest servletRequest;

    @Context
    HttpHeaders headers;

    /** Body for guests: the token from the join link. SSO users send no body (or {}). */
    public record JoinRequest(String inviteToken) {
    }

    /** The body is optional and may come without a content type, so it is read here rather than by a provider. */
    private static JoinRequest parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        if (body.length() > MAX_BODY_CHARS) {
            throw DomainException.invalidField("inviteToken", "is too long");
        }
        try {
            return StrictJson.jsonb().fromJson(body, JoinRequest.class);
        }
        catch (JsonbException e) {
            throw new DomainException(ErrorCode.MALFORMED_REQUEST, "The body must be {} or {\"inviteToken\": \"...\"}");
        }
    }

    /** What a participant needs to connect. */
    public record JoinResponse(ParticipantResponse participant, String ticket, Instant ticketExpiresAt, String websocketUrl,
            String participantToken, Instant participantTokenExpiresAt) {
    }

    @POST
    @Operation(summary = "Join a call", description = "Returns the participant, a single-use short-lived signaling ticket, "
            + "the WebSocket URL and a participant token for the participant's call-scoped REST calls. "
            + "Joining again (same SSO user, same single-use invite) returns the same participant with a new ticket.")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "guest", value = "{\"inviteToken\": \"eyJhbGciOiJIUzI1NiJ9...\"}")))
    public JoinResponse join(@PathParam("callId") String callId, String body) {
        JoinRequest request = parse(body);
        JoinResult result;
        if (request != null && request.inviteToken() != null && !request.inviteToken().isBlank()) {
            String token = request.inviteToken().strip();
            // Valid invites are limited per invite; anything else per client address, so random tokens cannot dodge it.
            String caller = signer.verify(token, TokenPurpose.INVITE)
                    .map(claims -> "invite:" + claims.subject())
                    .orElse("address:" + servletRequest.getRemoteAddr());
            rateLimiter.acquire("join", caller);
            result = joins.joinWithInvite(token, callId);
        }
        else {
            Caller caller = authenticator.requireCaller(security, headers);
            rateLimiter.acquire("join", "user:" + caller.subject());
            result = joins.joinAsUser(caller, callId);
        }
        return new JoinResponse(ParticipantResponse.of(result.participant()), result.ticket(), result.ticketExpiresAt(),
                urls.signaling(callId), result.participantToken(), result.participantTokenExpiresAt());
    }
}
