package dev.kaiwa.web.audit;

import dev.kaiwa.audit.AuditAction;
import dev.kaiwa.audit.AuditEntry;
import dev.kaiwa.audit.AuditFilter;
import dev.kaiwa.audit.AuditResourceType;
import dev.kaiwa.audit.AuditTrail;
import dev.kaiwa.audit.ChainAnchor;
import dev.kaiwa.audit.ChainVerification;
import dev.kaiwa.shared.Caller;
import dev.kaiwa.shared.DomainException;
import dev.kaiwa.shared.Page;
import dev.kaiwa.web.Parameters;
import dev.kaiwa.web.security.Authenticator;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The audit trail for the organization's auditors and admins: its entries, filtered and paged, and a
 * verification of the whole hash chain, optionally against an anchor kept outside the database.
 */
@Path("/audit")
@RequestScoped
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit", description = "The tamper-evident audit trail: who did what to which resource, when and from where")
public class AuditResource {
    static final String VERIFY_EXAMPLE = """
            {"valid": true, "entries": 1042, "headSequence": 1042,
             "headHash": "9f2c4e0b8d1a7c3e5f6a2b4d8e0c1f3a5b7d9e1f2a4c6e8b0d2f4a6c8e0b2d4f", "anchorChecked": true}""";

    @Inject
    AuditTrail trail;

    @Inject
    Authenticator authenticator;

    @Context
    SecurityContext security;

    @Context
    HttpHeaders headers;

    /** Who acted: {@code USER} (id = SSO subject, role = Kaiwa groups), {@code PARTICIPANT} or {@code SYSTEM}. */
    public record ActorResponse(String type, String id, String role) {
    }

    /** What the action was done to. */
    public record ResourceResponse(String type, String id) {
    }

    /** One entry of the trail. */
    public record AuditEntryResponse(long sequence, Instant occurredAt, String organization, ActorResponse actor,
            String action, ResourceResponse resource, String clientAddress, Map<String, String> details,
            String previousHash, String hash) {
        static AuditEntryResponse of(AuditEntry entry) {
            return new AuditEntryResponse(entry.sequence(), entry.occurredAt(), entry.organization().orElse(null),
                    new ActorResponse(entry.actorType(), entry.actorId().orElse(null), entry.actorRole().orElse(null)),
                    entry.action(), new ResourceResponse(entry.resourceType(), entry.resourceId().orElse(null)),
                    entry.clientAddress().orElse(null), entry.details(), entry.previousHash(), entry.entryHash());
        }
    }

    /** One page of entries, newest first. */
    public record AuditPage(List<AuditEntryResponse> items, String nextCursor) {
    }

    /** The outcome of a verification. */
    public record VerificationResponse(boolean valid, long entries, long headSequence, String headHash,
            Long firstBrokenSequence, String reason, String detail, boolean anchorChecked) {
        static VerificationResponse of(ChainVerification verification) {
            return new VerificationResponse(verification.valid(), verification.entries(), verification.headSequence(),
                    verification.headHash(), verification.firstBrokenSequence().orElse(null),
                    verification.reason().map(Enum::name).orElse(null), verification.detail().orElse(null),
                    verification.anchorChecked());
        }
    }

    @GET
    @Operation(summary = "List the audit trail", description = "The organization's entries, newest first; page with "
            + "limit (1-100) and cursor. Filters: action, resourceType, resourceId, actor (an SSO subject or a "
            + "participant id), from (inclusive) and to (exclusive). Only the organization's auditors and admins.")
    public AuditPage list(
            @Parameter(description = "An action, e.g. RECORDING_DOWNLOADED") @QueryParam("action") String action,
            @Parameter(description = "A resource type, e.g. RECORDING") @QueryParam("resourceType") String resourceType,
            @QueryParam("resourceId") String resourceId,
            @Parameter(description = "An SSO subject or a participant id") @QueryParam("actor") String actor,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        Caller caller = authenticator.requireCaller(security, headers);
        AuditFilter filter = new AuditFilter(Parameters.enumValue("action", action, AuditAction.class),
                Parameters.enumValue("resourceType", resourceType, AuditResourceType.class),
                Parameters.text(resourceId), Parameters.text(actor), Parameters.instant("from", from),
                Parameters.instant("to", to));
        Page<AuditEntry> page = trail.list(caller, filter, Parameters.text(cursor),
                Parameters.integer("limit", limit).orElse(null));
        return new AuditPage(page.items().stream().map(AuditEntryResponse::of).toList(), page.nextCursor().orElse(null));
    }

    @GET
    @Path("verify")
    @Operation(summary = "Verify the whole audit trail", description = "Walks every entry in order (the entries of "
            + "all organizations form one chain), recomputes each entry's hash and checks its number and its link to "
            + "the entry before, and that the chain head names the last entry. Reports valid or the first broken "
            + "sequence number and why, with the head's number and hash: copy those outside the database "
            + "(WORM storage, a ticket) and pass them later as anchorSequence and anchorHash, so a chain rewritten "
            + "with recomputed hashes is caught too. Only auditors and admins.")
    @APIResponse(responseCode = "200", description = "The outcome; valid is false when the chain is broken",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    examples = @ExampleObject(name = "valid", value = VERIFY_EXAMPLE)))
    public VerificationResponse verify(
            @Parameter(description = "The sequence number of an anchor kept outside") @QueryParam("anchorSequence")
            String anchorSequence,
            @Parameter(description = "The hash the anchored entry had") @QueryParam("anchorHash") String anchorHash) {
        Caller caller = authenticator.requireCaller(security, headers);
        return VerificationResponse.of(trail.verify(caller, anchor(anchorSequence, anchorHash)));
    }

    private static Optional<ChainAnchor> anchor(String sequence, String hash) {
        Optional<String> sequenceText = Parameters.text(sequence);
        Optional<String> hashText = Parameters.text(hash);
        if (sequenceText.isEmpty() && hashText.isEmpty()) {
            return Optional.empty();
        }
        if (sequenceText.isEmpty()) {
            throw DomainException.invalidField("anchorSequence", "is required with anchorHash");
        }
        if (hashText.isEmpty()) {
            throw DomainException.invalidField("anchorHash", "is required with anchorSequence");
        }
        long number;
        try {
            number = Long.parseLong(sequenceText.get());
        }
        catch (NumberFormatException e) {
            throw DomainException.invalidField("anchorSequence", "must be a whole number");
        }
        return Optional.of(new ChainAnchor(number, hashText.get()));
    }
}
