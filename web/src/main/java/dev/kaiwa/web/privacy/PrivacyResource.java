package dev.kaiwa.web.privacy;

import dev.kaiwa.privacy.DataSubject;
import dev.kaiwa.privacy.ErasedItem;
import dev.kaiwa.privacy.ErasureReport;
import dev.kaiwa.privacy.PrivacyService;
import dev.kaiwa.shared.Caller;
import dev.kaiwa.web.StrictJson;
import dev.kaiwa.web.security.Authenticator;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Data-subject requests of an organization's admins: the export of everything Kaiwa holds about one person,
 * and its erasure. The person is named in the body (an SSO subject or an e-mail address), never in the URL,
 * so no address reaches an access log.
 */
@Path("/privacy")
@RequestScoped
@PermitAll
@Tag(name = "Privacy", description = "Data-subject requests: export and erasure of one person's data (admins)")
public class PrivacyResource {
    private static final String NO_STORE = "no-store";
    private static final String ARCHIVE_NAME = "personal-data-export.zip";

    @Inject
    PrivacyService privacy;

    @Inject
    Authenticator authenticator;

    @Context
    SecurityContext security;

    @Context
    HttpHeaders headers;

    /** The person (exactly one of subject and email) and the format (JSON, the default, or ZIP). */
    public record ExportRequest(
            @Size(max = Caller.MAX_SUBJECT) String subject,
            @Email @Size(max = Caller.MAX_EMAIL) String email,
            @Pattern(regexp = "JSON|ZIP", message = "must be JSON or ZIP") String format) {
    }

    /** The person: exactly one of subject and email. */
    public record ErasureRequest(
            @Size(max = Caller.MAX_SUBJECT) String subject,
            @Email @Size(max = Caller.MAX_EMAIL) String email) {
    }

    /** What an erasure did, item by item. */
    public record ErasureResponse(Instant erasedAt, List<ErasedItemResponse> items) {
        static ErasureResponse of(ErasureReport report) {
            return new ErasureResponse(report.erasedAt(), report.items().stream().map(ErasedItemResponse::of).toList());
        }
    }

    /** One item: RECORDING, PARTICIPANT, INVITE, CHAT_MESSAGE or CHAT_TEMPLATE, and the action taken. */
    public record ErasedItemResponse(String type, String id, String action) {
        static ErasedItemResponse of(ErasedItem item) {
            return new ErasedItemResponse(item.type().name(), item.id(), item.action().name());
        }
    }

    @POST
    @Path("exports")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, "application/zip"})
    @Operation(summary = "Export a person's data", description = "Everything Kaiwa holds about one person within the "
            + "caller's organization: participations, the calls they were in or created, invites, the consent ledger, "
            + "chat messages and templates, call events, and the recordings of them or that they appear in (states "
            + "and times, no media). Admins of the organization only. JSON by default; ZIP (export.json plus one "
            + "JSON file per section) with \"format\": \"ZIP\" or Accept: application/zip. A person the organization "
            + "holds nothing about gets an export with empty sections.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "by e-mail", value = "{\"email\": \"hanako@example.com\"}"),
            @ExampleObject(name = "by SSO subject as ZIP", value = "{\"subject\": \"alice\", \"format\": \"ZIP\"}")}))
    @APIResponse(responseCode = "200", description = "The export: one JSON document, or a ZIP of it and its sections",
            content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PersonalDataExport.class)),
                    @Content(mediaType = "application/zip", schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    public Response export(@NotNull @Valid ExportRequest request) {
        Caller caller = authenticator.requireCaller(security, headers);
        ExportFormat format = ExportFormat.choose(request.format(), headers.getAcceptableMediaTypes());
        DataSubject person = DataSubject.of(request.subject(), request.email());
        PersonalDataExport export = PersonalDataExport.of(person, privacy.export(caller, person));
        if (format == ExportFormat.ZIP) {
            ExportArchive archive = new ExportArchive(StrictJson.jsonb());
            StreamingOutput body = out -> archive.write(export, out);
            return Response.ok(body, format.mediaType())
                    .header("Content-Disposition", "attachment; filename=\"" + ARCHIVE_NAME + "\"")
                    .header(HttpHeaders.CACHE_CONTROL, NO_STORE)
                    .build();
        }
        return Response.ok(export, format.mediaType()).header(HttpHeaders.CACHE_CONTROL, NO_STORE).build();
    }

    @POST
    @Path("erasures")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Erase a person's data", description = "Within the caller's organization: deletes the "
            + "person's individual recordings and every composite recording they appear in (DELETED; recordings under "
            + "legal hold are KEPT_LEGAL_HOLD and untouched), anonymizes their participants, the invites addressed "
            + "to them and their chat messages (ANONYMIZED), and deletes their chat templates. The consent ledger "
            + "and the call event log hold ids only and are kept as evidence. Admins of the organization only. "
            + "Asking again finds nothing left (or reports ALREADY_ERASED) and never fails.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "by SSO subject", value = "{\"subject\": \"alice\"}"),
            @ExampleObject(name = "by e-mail", value = "{\"email\": \"hanako@example.com\"}")}))
    @APIResponse(responseCode = "200", description = "Each item found and what was done to it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ErasureResponse.class)))
    public Response erase(@NotNull @Valid ErasureRequest request) {
        Caller caller = authenticator.requireCaller(security, headers);
        ErasureReport report = privacy.erase(caller, DataSubject.of(request.subject(), request.email()));
        return Response.ok(ErasureResponse.of(report), MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, NO_STORE)
                .build();
    }
}
