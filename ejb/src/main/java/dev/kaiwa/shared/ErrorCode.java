package dev.kaiwa.shared;

import static dev.kaiwa.shared.ErrorCategory.CONFLICT;
import static dev.kaiwa.shared.ErrorCategory.FORBIDDEN;
import static dev.kaiwa.shared.ErrorCategory.INTERNAL;
import static dev.kaiwa.shared.ErrorCategory.INVALID;
import static dev.kaiwa.shared.ErrorCategory.NOT_FOUND;
import static dev.kaiwa.shared.ErrorCategory.TOO_MANY;
import static dev.kaiwa.shared.ErrorCategory.UNAUTHENTICATED;
import static dev.kaiwa.shared.ErrorCategory.UNAVAILABLE;
import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * The one catalogue of errors Kaiwa reports, on REST (problem+json {@code code}) and on the WebSocket
 * ({@code error.code}). Names are stable API: clients switch on them.
 */
public enum ErrorCode {
    /** The request body or parameters failed validation; the problem lists the fields. */
    VALIDATION_FAILED(INVALID, "Request validation failed"),
    /** The body is not well-formed JSON or has values of the wrong type. */
    MALFORMED_REQUEST(INVALID, "Malformed request"),
    /** The HTTP method is not supported on this resource (sent with status 405). */
    METHOD_NOT_ALLOWED(INVALID, "Method not allowed"),
    /** The request or the accepted response type is not JSON (sent with status 415 or 406). */
    UNSUPPORTED_MEDIA_TYPE(INVALID, "Unsupported media type"),
    /** A signaling message that is not JSON, has an unknown type, or lacks fields. */
    BAD_MESSAGE(INVALID, "Bad message"),
    /** The first signaling message must be a join. */
    SIGNALING_JOIN_REQUIRED(INVALID, "Join first"),
    /** A signaling ticket that is unknown, used, expired, revoked or for another call. */
    TICKET_INVALID(ErrorCategory.UNAUTHENTICATED, "Ticket is not valid"),
    /** A resume token that is unknown, used, or presented after the reconnection grace. */
    RESUME_INVALID(ErrorCategory.UNAUTHENTICATED, "Resume token is not valid"),
    /** No credentials, or credentials that are forged, expired or revoked. */
    UNAUTHENTICATED(ErrorCategory.UNAUTHENTICATED, "Authentication required"),
    /** An invite token that is forged, expired, revoked, already used or for another call. */
    INVITE_INVALID(ErrorCategory.UNAUTHENTICATED, "Invite is not valid"),
    /** A participant token that is forged, expired or for another call. */
    PARTICIPANT_TOKEN_INVALID(ErrorCategory.UNAUTHENTICATED, "Participant token is not valid"),
    /** The caller may not perform this action. */
    FORBIDDEN(ErrorCategory.FORBIDDEN, "Forbidden"),
    /** The SSO token lacks the organization claim. */
    ORGANIZATION_MISSING(ErrorCategory.FORBIDDEN, "Organization claim missing"),
    /** The requested role may not be granted by the caller. */
    ROLE_NOT_GRANTABLE(ErrorCategory.FORBIDDEN, "Role cannot be granted"),
    /** No such call, or it is not visible to the caller. */
    CALL_NOT_FOUND(NOT_FOUND, "Call not found"),
    /** No such participant in this call. */
    PARTICIPANT_NOT_FOUND(NOT_FOUND, "Participant not found"),
    /** No such invite in this call. */
    INVITE_NOT_FOUND(NOT_FOUND, "Invite not found"),
    /** The addressed peer is not (or no longer) connected to this call. */
    PEER_NOT_FOUND(NOT_FOUND, "Peer not found"),
    /** No such resource or endpoint. */
    RESOURCE_NOT_FOUND(NOT_FOUND, "Resource not found"),
    /** The call's status does not allow this move. */
    ILLEGAL_CALL_TRANSITION(CONFLICT, "Illegal call status change"),
    /** The call can be changed only while it is scheduled. */
    CALL_NOT_SCHEDULED(CONFLICT, "Call is not scheduled"),
    /** The call has ended or was cancelled. */
    CALL_ALREADY_ENDED(CONFLICT, "Call has already ended"),
    /** The call is paused and refuses new joins. */
    CALL_PAUSED(CONFLICT, "Call is paused"),
    /** The call has as many participants as it allows. */
    CALL_FULL(CONFLICT, "Call is full"),
    /** The participant was removed from the call. */
    PARTICIPANT_REMOVED(CONFLICT, "Participant was removed"),
    /** The last host of a call cannot be demoted or removed. */
    LAST_HOST(CONFLICT, "Call needs a host"),
    /** The participant connected again elsewhere; this connection is closed. */
    CONNECTION_REPLACED(CONFLICT, "Connection replaced"),
    /** The resource was changed concurrently; retry. */
    CONCURRENT_MODIFICATION(CONFLICT, "Concurrent modification"),
    /** Recording is off for this call (its recording policy is OFF). */
    RECORDING_DISABLED(CONFLICT, "Recording is disabled"),
    /** Someone who would be recorded has not granted recording; the problem lists who. */
    CONSENT_REQUIRED(CONFLICT, "Consent required"),
    /** The consent decision names a notice version that is not the current one. */
    CONSENT_NOTICE_OUTDATED(CONFLICT, "Consent notice outdated"),
    /** No connected participant can make this recording (a host's browser for composite recordings). */
    RECORDER_UNAVAILABLE(CONFLICT, "No recorder connected"),
    /** A recording of this kind is already running. */
    RECORDING_ACTIVE(CONFLICT, "Recording already running"),
    /** No such recording, or it is not visible to the caller. */
    RECORDING_NOT_FOUND(NOT_FOUND, "Recording not found"),
    PURGE_RUN_NOT_FOUND(NOT_FOUND, "Purge run not found"),
    /** The recording's status does not allow this. */
    ILLEGAL_RECORDING_TRANSITION(CONFLICT, "Illegal recording status change"),
    /** The recording's media is not available yet (still being made or finished, or it failed). */
    RECORDING_NOT_READY(CONFLICT, "Recording not available"),
    /** The recording's media is gone: its retention ended, or it was deleted or erased. */
    RECORDING_GONE(ErrorCategory.GONE, "Recording media deleted"),
    /** A chunk with this number was already uploaded with different content. */
    CHUNK_CONFLICT(CONFLICT, "Chunk already uploaded with other content"),
    /** The chunk's content does not match its Content-Digest. */
    CHUNK_DIGEST_MISMATCH(INVALID, "Chunk digest mismatch"),
    /** The chunk is larger than the server accepts. */
    CHUNK_TOO_LARGE(ErrorCategory.TOO_LARGE, "Chunk too large"),
    /** The upload cannot complete: chunks are missing; the problem lists them. */
    CHUNKS_MISSING(CONFLICT, "Chunks missing"),
    /** The uploaded media is not a WebM file Kaiwa can read. */
    MEDIA_INVALID(INVALID, "Media not readable"),
    /** The uploaded media lasts longer than the server's own start-to-stop interval allows. */
    MEDIA_TOO_LONG(INVALID, "Media longer than the recording"),
    /** The requested byte range lies outside the recording. */
    RANGE_NOT_SATISFIABLE(ErrorCategory.RANGE_NOT_SATISFIABLE, "Range not satisfiable"),
    /** The recording is under legal hold and may not be deleted, purged or erased. */
    LEGAL_HOLD_ACTIVE(CONFLICT, "Legal hold active"),
    /** No such webhook subscription in the caller's organization. */
    WEBHOOK_NOT_FOUND(NOT_FOUND, "Webhook not found"),
    /** No such delivery of this webhook subscription. */
    WEBHOOK_DELIVERY_NOT_FOUND(NOT_FOUND, "Webhook delivery not found"),
    /** The webhook URL is not an absolute https URL this server may send to; the problem names the field. */
    WEBHOOK_URL_INVALID(INVALID, "Webhook URL not accepted"),
    /** A subscription names an event type Kaiwa does not publish; the problem lists the entries. */
    WEBHOOK_EVENT_UNKNOWN(INVALID, "Unknown webhook event type"),
    /** The caller sent too many requests; see Retry-After. */
    RATE_LIMITED(TOO_MANY, "Too many requests"),
    /** A dependency (database, media server) is not available. */
    SERVICE_UNAVAILABLE(UNAVAILABLE, "Service unavailable"),
    /** An unexpected fault; the problem carries an incident id that is also logged. */
    INTERNAL_ERROR(INTERNAL, "Internal error");

    private final ErrorCategory category;
    private final String title;

    ErrorCode(ErrorCategory category, String title) {
        this.category = requireNonNull(category, "category is null");
        this.title = requireNonNull(title, "title is null");
    }

    public ErrorCategory category() {
        return category;
    }

    public String title() {
        return title;
    }

    /** The stable problem type URI, e.g. {@code https://kaiwa.dev/problems/call-not-found}. */
    public String typeUri() {
        return "https://kaiwa.dev/problems/" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
