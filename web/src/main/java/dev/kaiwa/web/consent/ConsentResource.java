package dev.kaiwa.web.consent;

import dev.kaiwa.consent.Consent;
import dev.kaiwa.consent.ConsentNotice;
import dev.kaiwa.consent.ConsentNotices;
import dev.kaiwa.consent.ConsentPurpose;
import dev.kaiwa.consent.ConsentService;
import dev.kaiwa.shared.Actor;
import dev.kaiwa.web.security.Authenticator;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A call's consent ledger. Participants decide with their participant token (or SSO login) for
 * themselves; the call's hosts, its creator and the organization's admins and auditors read every row.
 */
@Path("/calls/{callId}/consents")
@RequestScoped
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Consent", description = "The consent ledger: recording and transcription consent per participant")
public class ConsentResource {
    @Inject
    ConsentService consents;

    @Inject
    ConsentNotices notices;

    @Inject
    Authenticator authenticator;

    @Context
    SecurityContext security;

    @Context
    HttpHeaders headers;

    /** A decision: grant (true) or withdraw (false) one purpose, naming the notice version shown. */
    public record ConsentRequest(
            @NotNull @Pattern(regexp = "RECORDING|TRANSCRIPTION", message = "must be RECORDING or TRANSCRIPTION") String purpose,
            @NotNull Boolean granted,
            @NotBlank @Size(max = 40) String noticeVersion,
            @NotNull @Pattern(regexp = "en|ja", message = "must be en or ja") String language,
            @Size(max = 300) String client) {
    }

    /** One row of the ledger. */
    public record ConsentResponse(String id, String participantId, String purpose, boolean granted,
            String noticeVersion, String noticeLanguage, String noticeText, String channel, String client,
            Instant decidedAt, long seq) {
        static ConsentResponse of(Consent consent) {
            return new ConsentResponse(consent.id(), consent.participantId(), consent.purpose().name(), consent.granted(),
                    consent.noticeVersion(), consent.noticeLanguage(), consent.noticeText(), consent.channel().name(),
                    consent.clientInfo().orElse(null), consent.decidedAt(), consent.seq());
        }
    }

    /** The ledger, oldest first. */
    public record ConsentList(List<ConsentResponse> items) {
    }

    /** The current notices, per purpose and language. */
    public record NoticeList(String version, List<NoticeResponse> items) {
    }

    /** One notice. */
    public record NoticeResponse(String purpose, String language, String text) {
    }

    @GET
    @Operation(summary = "Read the consent ledger", description = "Every grant and withdrawal, oldest first. A "
            + "participant token reads its own rows; the call's hosts, its creator and the organization's admins and "
            + "auditors read all.")
    public ConsentList ledger(@PathParam("callId") String callId) {
        Actor actor = authenticator.requireActor(callId, security, headers);
        return new ConsentList(consents.ledger(actor, callId).stream().map(ConsentResponse::of).toList());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Grant or withdraw my consent", description = "Adds a row to the ledger for the caller's "
            + "own participant (participant token, or the SSO user's participant in the call). The notice version must "
            + "be the current one (409 CONSENT_NOTICE_OUTDATED otherwise). Withdrawing recording stops composite "
            + "recordings and the caller's own individual recording at once.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "grant",
            value = "{\"purpose\":\"RECORDING\",\"granted\":true,\"noticeVersion\":\"2026-1\",\"language\":\"ja\","
                    + "\"client\":\"Chrome 142 on Windows\"}")))
    public Response decide(@PathParam("callId") String callId, @NotNull @Valid ConsentRequest request) {
        Actor actor = authenticator.requireActor(callId, security, headers);
        String client = request.client() != null ? request.client() : headers.getHeaderString(HttpHeaders.USER_AGENT);
        Consent consent = consents.decide(actor, callId, ConsentPurpose.valueOf(request.purpose()), request.granted(),
                request.noticeVersion(), request.language(), client);
        return Response.status(Response.Status.CREATED).entity(ConsentResponse.of(consent)).build();
    }

    @GET
    @Path("notices")
    @Operation(summary = "The consent notices to show", description = "The current notice texts in English and "
            + "Japanese and their version, which a decision must name.")
    public NoticeList notices(@PathParam("callId") String callId) {
        authenticator.requireActor(callId, security, headers);
        List<NoticeResponse> items = new ArrayList<>();
        for (ConsentPurpose purpose : ConsentPurpose.values()) {
            for (String language : ConsentNotices.LANGUAGES) {
                ConsentNotice notice = notices.notice(purpose, language);
                items.add(new NoticeResponse(purpose.name(), notice.language(), notice.text()));
            }
        }
        return new NoticeList(notices.version(), items);
    }
}
