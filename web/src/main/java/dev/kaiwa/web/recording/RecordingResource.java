package dev.kaiwa.web.recording;

import dev.kaiwa.recording.ChunkReceipt;
import dev.kaiwa.recording.RecorderCredential;
import dev.kaiwa.recording.RecordingContent;
import dev.kaiwa.recording.RecordingDeletion;
import dev.kaiwa.recording.RecordingFinalizer;
import dev.kaiwa.recording.RecordingUploadService;
import dev.kaiwa.recording.RecordingService;
import dev.kaiwa.shared.Actor;
import dev.kaiwa.shared.Caller;
import dev.kaiwa.shared.DomainException;
import dev.kaiwa.shared.ErrorCode;
import dev.kaiwa.storage.RecordingStore;
import dev.kaiwa.storage.Sha256;
import dev.kaiwa.web.security.Authenticator;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * One recording: its state and stop, the recorder's resumable chunked upload and its completion, the
 * download with HTTP Range for players that seek, and the organization's storage figures.
 */
@Path("/recordings")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@PermitAll
@Tag(name = "Recordings")
public class RecordingResource {
    private static final Pattern SHA_256 = Pattern.compile("(?:^|,)\\s*sha-256=:([A-Za-z0-9+/=]{44}):");

    @Inject
    RecordingService recordings;

    @Inject
    RecordingUploadService uploads;

    @Inject
    RecordingFinalizer finalizer;

    @Inject
    RecordingDeletion deletion;

    @Inject
    RecordingStore store;

    @Inject
    Authenticator authenticator;

    @Context
    SecurityContext security;

    @Context
    HttpHeaders headers;

    /** Body of complete: how many chunks the recorder made (numbered 0 to chunks - 1). */
    public record CompleteRequest(@NotNull Integer chunks) {
    }

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

    /** Body of placing or clearing a legal hold: why (kept in the recording, the event log and the audit trail). */
    public record LegalHoldRequest(@NotBlank @Size(max = 500) String reason) {
    }

    @POST
    @Path("{recordingId}/legal-hold")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Place a legal hold", description = "The recording is kept whatever its retention: the purge "
            + "skips it, deleting it is refused (409 LEGAL_HOLD_ACTIVE) and a data-subject erasure keeps it "
            + "(KEPT_LEGAL_HOLD) until the hold is cleared. "
            + "Admins of the call's organization; a reason is required.")
    public RecordingResponse placeLegalHold(@PathParam("recordingId") String recordingId,
            @Valid @NotNull LegalHoldRequest request) {
        Actor actor = authenticator.requireActor(null, security, headers);
        return RecordingResponse.of(recordings.placeLegalHold(actor, recordingId, request.reason().strip()));
    }

    @DELETE
    @Path("{recordingId}/legal-hold")
    @Operation(summary = "Clear a legal hold", description = "Retention applies again from the next purge run. "
            + "Admins of the call's organization; the reason is an optional query parameter.")
    public RecordingResponse clearLegalHold(@PathParam("recordingId") String recordingId,
            @QueryParam("reason") @Size(max = 500) String reason) {
        Actor actor = authenticator.requireActor(null, security, headers);
        return RecordingResponse.of(recordings.clearLegalHold(actor, recordingId, reason == null ? null : reason.strip()));
    }

    @DELETE
    @Path("{recordingId}")
    @Operation(summary = "Delete a recording", description = "Its media is deleted from storage at once; the "
            + "recording stays listed as DELETED (reason MANUAL) as the record of what existed. The call's hosts, "
            + "its creator and its organization's admins; refused while it is being recorded or processed "
            + "(409 RECORDING_ACTIVE) or under legal hold (409 LEGAL_HOLD_ACTIVE). Deleting again is a no-op.")
    public RecordingResponse delete(@PathParam("recordingId") String recordingId) {
        Actor actor = authenticator.requireActor(null, security, headers);
        return RecordingResponse.of(deletion.delete(actor, recordingId));
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

    @PUT
    @Path("{recordingId}/chunks/{seq}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload one chunk", description = "The recorder's token (from the recording start) or its "
            + "participant token. The body is the chunk's bytes; Content-Digest: sha-256=:<base64>: is required. "
            + "Idempotent: the same chunk again answers 200, other content under the same number 409 CHUNK_CONFLICT. "
            + "Chunks may come in any order, during the recording and after it stopped or the call ended, until the "
            + "upload is completed. Stored encrypted.")
    public Response putChunk(@PathParam("recordingId") String recordingId, @PathParam("seq") String seq,
            @HeaderParam("Content-Digest") String contentDigest, InputStream body) {
        RecorderCredential recorder = authenticator.requireRecorder(headers);
        int sequence = parseSeq(seq);
        Sha256 sha256 = parseDigest(contentDigest);
        ChunkReceipt receipt = uploads.putChunk(recorder, recordingId, sequence, body, sha256);
        return Response.status(receipt.created() ? Response.Status.CREATED : Response.Status.OK).entity(receipt).build();
    }

    @POST
    @Path("{recordingId}/complete")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Complete the upload", description = "Every chunk from 0 to chunks - 1 must be there (409 "
            + "CHUNKS_MISSING lists those that are not). Media longer than the server's own start-to-stop interval "
            + "plus a margin is refused (400 MEDIA_TOO_LONG) and the recording fails. Otherwise 202: the media is "
            + "made seekable in the background and the recording becomes READY.")
    public Response complete(@PathParam("recordingId") String recordingId, @NotNull @Valid CompleteRequest request) {
        RecorderCredential recorder = authenticator.requireRecorder(headers);
        return Response.accepted(RecordingResponse.of(finalizer.complete(recorder, recordingId, request.chunks())))
                .type(MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("{recordingId}/content")
    @Produces({"video/webm", "audio/webm", MediaType.APPLICATION_JSON})
    @Operation(summary = "Download the media", description = "Streams the READY recording, decrypted, with HTTP "
            + "Range support (206 Partial Content, Accept-Ranges: bytes) so a player can seek. Only the call's HOST "
            + "and CO_HOST participants and its organization's admins and auditors; every request is audited. A "
            + "recording not READY yet answers 409 RECORDING_NOT_READY; one whose media is deleted (expired, purged, "
            + "deleted or erased) 410 RECORDING_GONE.")
    public Response content(@PathParam("recordingId") String recordingId, @HeaderParam("Range") String range) {
        Actor actor = authenticator.requireActor(null, security, headers);
        RecordingContent content = uploads.content(actor, recordingId);
        Optional<ByteRange> requested;
        try {
            requested = ByteRange.parse(range, content.size());
        }
        catch (ByteRange.Unsatisfiable e) {
            throw new DomainException(ErrorCode.RANGE_NOT_SATISFIABLE, "The recording has " + content.size()
                    + " bytes; the range starts past its end");
        }
        long first = requested.map(ByteRange::first).orElse(0L);
        long length = requested.map(ByteRange::length).orElse(content.size());
        recordings.recordDownload(actor, recordingId, first, length);
        StreamingOutput stream = output -> {
            try (InputStream in = store.read(content.key(), first, length)) {
                in.transferTo(output);
            }
        };
        Response.ResponseBuilder response = Response.status(requested.isPresent() ? 206 : 200)
                .entity(stream)
                .type(content.contentType())
                .header("Accept-Ranges", "bytes")
                .header(HttpHeaders.CONTENT_LENGTH, length)
                .header("Content-Disposition", "attachment; filename=\"" + content.fileName() + "\"")
                .header(HttpHeaders.ETAG, "\"" + content.sha256() + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store");
        requested.ifPresent(r -> response.header("Content-Range", "bytes " + r.first() + "-" + r.last() + "/"
                + content.size()));
        return response.build();
    }

    private static int parseSeq(String seq) {
        try {
            return Integer.parseInt(seq);
        }
        catch (NumberFormatException e) {
            throw DomainException.invalidField("seq", "must be a whole number from 0 to " + RecordingUploadService.MAX_SEQ);
        }
    }

    private static Sha256 parseDigest(String header) {
        if (header == null) {
            throw DomainException.invalidField("Content-Digest", "is required: sha-256=:<base64 of the chunk's "
                    + "SHA-256>:");
        }
        Matcher matcher = SHA_256.matcher(header);
        if (!matcher.find()) {
            throw DomainException.invalidField("Content-Digest", "needs a sha-256=:<base64>: member");
        }
        try {
            return Sha256.parse(matcher.group(1));
        }
        catch (IllegalArgumentException e) {
            throw DomainException.invalidField("Content-Digest", "sha-256 is not a base64 SHA-256 digest");
        }
    }
}
