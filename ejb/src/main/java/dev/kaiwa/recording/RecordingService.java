package dev.kaiwa.recording;

import dev.kaiwa.audit.AuditAction;
import dev.kaiwa.audit.AuditRecord;
import dev.kaiwa.audit.AuditResourceType;
import dev.kaiwa.audit.AuditTrail;
import dev.kaiwa.call.Call;
import dev.kaiwa.call.CallAccess;
import dev.kaiwa.call.CallEvent;
import dev.kaiwa.call.CallEventType;
import dev.kaiwa.call.CallPermissions;
import dev.kaiwa.call.CallRepository;
import dev.kaiwa.call.CallStatus;
import dev.kaiwa.call.RecordingPolicy;
import dev.kaiwa.consent.ConsentPurpose;
import dev.kaiwa.consent.ConsentRepository;
import dev.kaiwa.consent.ConsentRules;
import dev.kaiwa.participant.Participant;
import dev.kaiwa.participant.ParticipantRepository;
import dev.kaiwa.participant.ParticipantRole;
import dev.kaiwa.participant.ParticipantStatus;
import dev.kaiwa.security.SignedClaims;
import dev.kaiwa.security.TokenPurpose;
import dev.kaiwa.security.TokenSigner;
import dev.kaiwa.shared.Actor;
import dev.kaiwa.shared.DomainException;
import dev.kaiwa.shared.ErrorCode;
import dev.kaiwa.shared.RandomIds;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Recording state, owned by the server: starts (checked against the policy and everyone's consent),
 * the recorder's acknowledgement, stops, and what consent changes and departures stop. Without a media
 * server the recorder is a browser: a host's for a composite recording, each participant's own for
 * individual ones; a start is pushed to it over signaling ({@link RecordingChanged}).
 */
@Stateless
public class RecordingService {
    @Inject
    RecordingRepository recordings;

    @Inject
    CallRepository calls;

    @Inject
    CallAccess access;

    @Inject
    ParticipantRepository participants;

    @Inject
    ConsentRepository consents;

    @Inject
    TokenSigner signer;

    @Inject
    Event<RecordingChanged> changed;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "kaiwa.recording.upload-token-ttl", defaultValue = "PT24H")
    Duration uploadTokenTtl;

    /** Starts recordings as asked: one composite, or one individual recording per present publisher. */
    public List<Recording> start(Actor actor, String callId, RecordingRequest request) {
        CallPermissions permissions = access.manageable(actor, callId);
        Call call = permissions.call();
        requireRecordable(call);
        Instant now = clock.instant();
        List<Participant> present = present(callId);
        List<String> missing = ConsentRules.withoutConsent(people(present), consents.current(callId,
                ConsentPurpose.RECORDING));
        if (!missing.isEmpty()) {
            throw new DomainException(ErrorCode.CONSENT_REQUIRED, "Recording needs the consent of everyone who "
                    + "publishes media; not granted by participants " + String.join(", ", missing));
        }
        List<Recording> running = recordings.capturing(callId);
        String requestedBy = actor.reference();
        AuditRecord by = permissions.audited(actor);
        List<Recording> started = new ArrayList<>();
        if (request.kindOrDefault() == RecordingKind.COMPOSITE) {
            if (running.stream().anyMatch(recording -> recording.kind() == RecordingKind.COMPOSITE)) {
                throw new DomainException(ErrorCode.RECORDING_ACTIVE, "A composite recording of this call is running");
            }
            Participant recorder = compositeRecorder(present, permissions.participant())
                    .orElseThrow(() -> new DomainException(ErrorCode.RECORDER_UNAVAILABLE, "A composite recording is "
                            + "made by a host's browser, and no HOST or CO_HOST is connected"));
            started.add(begin(call, RecordingKind.COMPOSITE, null, recorder.id(), request, requestedBy, by, now));
        }
        else {
            for (Participant publisher : present) {
                boolean alreadyRecorded = running.stream().anyMatch(recording ->
                        recording.kind() == RecordingKind.INDIVIDUAL
                                && publisher.id().equals(recording.participantId().orElse(null)));
                if (publisher.status() == ParticipantStatus.CONNECTED && publisher.role() != ParticipantRole.VIEWER
                        && !alreadyRecorded) {
                    started.add(begin(call, RecordingKind.INDIVIDUAL, publisher.id(), publisher.id(), request,
                            requestedBy, by, now));
                }
            }
            if (started.isEmpty()) {
                throw new DomainException(running.isEmpty() ? ErrorCode.RECORDER_UNAVAILABLE : ErrorCode.RECORDING_ACTIVE,
                        running.isEmpty() ? "Nobody who publishes media is connected"
                                : "Every connected participant is being recorded already");
            }
        }
        return started;
    }

    /**
     * Under a REQUIRED policy the call is recorded whenever it runs: starts a composite recording when
     * none is running, everyone present consented and a host is connected to record it.
     */
    public Optional<Recording> startRequired(String callId) {
        Call call = calls.find(callId).orElse(null);
        if (call == null || call.settings().recordingPolicy() != RecordingPolicy.REQUIRED) {
            return Optional.empty();
        }
        boolean compositeRunning = recordings.capturing(callId).stream()
                .anyMatch(recording -> recording.kind() == RecordingKind.COMPOSITE);
        if (!ConsentRules.startsAutomatically(call.settings().recordingPolicy(),
                call.status() == CallStatus.IN_PROGRESS, compositeRunning)) {
            return Optional.empty();
        }
        List<Participant> present = present(callId);
        if (!ConsentRules.withoutConsent(people(present), consents.current(callId, ConsentPurpose.RECORDING)).isEmpty()) {
            return Optional.empty();
        }
        return compositeRecorder(present, Optional.empty()).map(recorder -> begin(call, RecordingKind.COMPOSITE, null,
                recorder.id(), new RecordingRequest(null, null, null, null), "system",
                AuditRecord.system(call.organization()), clock.instant()));
    }

    /** The recorder's answer to a start: it records now, or it could not. */
    public Recording acknowledge(String callId, String recorderId, String recordingId, boolean started, String detail) {
        Recording recording = recordings.findForUpdate(recordingId)
                .filter(candidate -> candidate.callId().equals(callId) && candidate.recorderId().equals(recorderId))
                .orElseThrow(() -> new DomainException(ErrorCode.RECORDING_NOT_FOUND,
                        "No recording " + recordingId + " is yours to record"));
        Instant now = clock.instant();
        if (recording.status() != RecordingStatus.STARTING) {
            return recording;
        }
        if (started) {
            recording.started(now);
            event(recording, CallEventType.RECORDING_STARTED, recorderId, null);
        }
        else {
            fail(recording, "recorder could not start: " + (detail == null ? "no reason given" : detail), now);
        }
        changed.fire(new RecordingChanged(RecordingState.of(recording), null));
        return recording;
    }

    /** A stop by a host or admin; the recorder is told and uploads what is left. */
    public Recording stop(Actor actor, String recordingId) {
        Recording recording = recordings.findForUpdate(recordingId).orElseThrow(RecordingService::notFound);
        CallPermissions permissions = visible(actor, recording);
        if (!permissions.mayManage()) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Only the call's hosts and its organization's admins stop "
                    + "recordings");
        }
        if (!recording.status().isCapturing()) {
            throw new DomainException(ErrorCode.ILLEGAL_RECORDING_TRANSITION, "The recording is " + recording.status()
                    + " and is not running");
        }
        stop(recording, StopReason.REQUESTED, clock.instant(), permissions.audited(actor));
        return recording;
    }

    /** A withdrawal stops every composite recording and the person's own individual one. */
    public void stopForWithdrawal(String callId, String participantId) {
        stopWhere(callId, StopReason.CONSENT_WITHDRAWN, ConsentRules.stoppedByWithdrawal(participantId,
                captures(callId)));
    }

    /** Someone takes part without consent (OPTIONAL policy): every running recording stops. */
    public void stopForUnconsentedJoin(String callId) {
        stopWhere(callId, StopReason.UNCONSENTED_JOIN, ConsentRules.stoppedByUnconsentedJoin(captures(callId)));
    }

    /** The recorder left the call: what it recorded stops (it uploads the rest if it can). */
    public void recorderLeft(String callId, String recorderId) {
        Instant now = clock.instant();
        for (Recording recording : recordings.capturing(callId)) {
            if (recording.recorderId().equals(recorderId)) {
                stop(recording, StopReason.RECORDER_LEFT, now, AuditRecord.system(recording.organization()));
            }
        }
    }

    /** The call ended: nothing goes on recording. */
    public void callEnded(String callId) {
        Instant now = clock.instant();
        for (Recording recording : recordings.capturing(callId)) {
            stop(recording, StopReason.CALL_ENDED, now, AuditRecord.system(recording.organization()));
        }
    }

    /**
     * A download that {@link RecordingUploadService#content} allowed is under way: the audit trail gets who
     * downloaded which bytes of the recording.
     */
    public void recordDownload(Actor actor, String recordingId, long first, long length) {
        Recording recording = find(recordingId);
        audit.record(AuditRecord.by(actor).in(recording.organization())
                .did(AuditAction.RECORDING_DOWNLOADED, AuditResourceType.RECORDING, recordingId)
                .with("callId", recording.callId()).with("first", first).with("length", length));
    }

    /** The recordings of a call the actor may see, oldest first. */
    public List<Recording> list(Actor actor, String callId) {
        access.visible(actor, callId);
        return recordings.ofCall(callId);
    }

    public Recording get(Actor actor, String recordingId) {
        Recording recording = find(recordingId);
        visible(actor, recording);
        return recording;
    }

    /** Counts and bytes of one call's recordings by status and format. */
    public List<RecordingTally> callStatistics(Actor actor, String callId) {
        CallPermissions permissions = access.visible(actor, callId);
        return recordings.tally(permissions.call().organization(), callId);
    }

    /** Counts and bytes of the organization's recordings. */
    public List<RecordingTally> organizationStatistics(String organization) {
        return recordings.tally(organization, null);
    }

    /** Recorders that never acknowledged within the timeout: their recordings fail. */
    public int failUnacknowledged(Duration ackTimeout, int limit) {
        Instant now = clock.instant();
        List<Recording> stale = recordings.startingBefore(now.minus(ackTimeout), limit);
        for (Recording recording : stale) {
            fail(recording, "recorder did not acknowledge within " + ackTimeout, now);
            changed.fire(new RecordingChanged(RecordingState.of(recording), null));
        }
        return stale.size();
    }

    /**
     * An admin of the call's organization places a legal hold: the recording is never purged or deleted. The
     * audit trail gets who placed it and why.
     */
    public Recording placeLegalHold(Actor actor, String recordingId, String reason) {
        Recording recording = find(recordingId);
        AuditRecord by = requireAdmin(actor, recording, "place legal holds");
        recording = recordings.findForUpdate(recordingId).orElseThrow(RecordingService::notFound);
        recording.placeLegalHold(reason, actor.reference(), clock.instant());
        event(recording, CallEventType.LEGAL_HOLD_SET, actor.reference(), reason);
        audit.record(by.did(AuditAction.LEGAL_HOLD_SET, AuditResourceType.RECORDING, recordingId)
                .with("callId", recording.callId()).with("reason", auditedReason(reason)));
        return recording;
    }

    /** An admin of the call's organization clears the legal hold; retention applies again. */
    public Recording clearLegalHold(Actor actor, String recordingId, String reason) {
        Recording recording = find(recordingId);
        AuditRecord by = requireAdmin(actor, recording, "clear legal holds");
        recording = recordings.findForUpdate(recordingId).orElseThrow(RecordingService::notFound);
        if (recording.legalHold()) {
            recording.clearLegalHold();
            event(recording, CallEventType.LEGAL_HOLD_CLEARED, actor.reference(), reason);
            audit.record(by.did(AuditAction.LEGAL_HOLD_CLEARED, AuditResourceType.RECORDING, recordingId)
                    .with("callId", recording.callId()).with("reason", auditedReason(reason)));
        }
        return recording;
    }

    /**
     * A host of the call, its creator or an admin of its organization deletes the recording: DELETED at once,
     * with its storage key kept until the caller has deleted the blob (see {@link RecordingRemoval}). Refused
     * while it is being captured or under legal hold. The audit trail and webhooks ({@code recording.deleted},
     * through {@link RecordingChanged}) learn of it in the same transaction.
     */
    public Recording markDeleted(Actor actor, String recordingId) {
        Recording recording = find(recordingId);
        CallPermissions permissions = visible(actor, recording);
        if (!permissions.mayManage()) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Only the call's hosts, its creator and its organization's "
                    + "admins may delete recordings");
        }
        recording = recordings.findForUpdate(recordingId).orElseThrow(RecordingService::notFound);
        if (recording.status() == RecordingStatus.DELETED) {
            return recording;
        }
        if (recording.status().isCapturing() || recording.status() == RecordingStatus.PROCESSING) {
            throw new DomainException(ErrorCode.RECORDING_ACTIVE, "The recording is " + recording.status()
                    + "; stop it and let it finish first");
        }
        RecordingStatus before = recording.status();
        recording.delete(DeletionReason.MANUAL, clock.instant());
        event(recording, CallEventType.RECORDING_DELETED, actor.reference(), DeletionReason.MANUAL.name());
        audit.record(permissions.audited(actor).did(AuditAction.RECORDING_DELETED, AuditResourceType.RECORDING,
                recordingId).with("callId", recording.callId()).with("reason", DeletionReason.MANUAL)
                .with("from", before));
        changed.fire(new RecordingChanged(RecordingState.of(recording), null));
        return recording;
    }

    /** Who the audit trail names for an admin's action on the recording; FORBIDDEN for anyone else. */
    private AuditRecord requireAdmin(Actor actor, Recording recording, String what) {
        CallPermissions permissions = visible(actor, recording);
        if (!permissions.organizationAdmin()) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Only admins of the call's organization may " + what);
        }
        return permissions.audited(actor);
    }

    /**
     * A reason as the audit trail keeps it: an admin's reference to a case, cut to the longest detail value (the
     * whole text stays on the recording and in the call's event log).
     */
    static String auditedReason(String reason) {
        if (reason == null || reason.length() <= AuditRecord.MAX_VALUE) {
            return reason;
        }
        int cut = AuditRecord.MAX_VALUE - 1;
        if (Character.isHighSurrogate(reason.charAt(cut - 1))) {
            cut--;
        }
        return reason.substring(0, cut) + "\u2026";
    }

    /** The recording, or RECORDING_NOT_FOUND; for the other recording beans, which call it through the container. */
    public Recording find(String recordingId) {
        if (!RandomIds.isWellFormed(recordingId)) {
            throw notFound();
        }
        return recordings.find(recordingId).orElseThrow(RecordingService::notFound);
    }

    /** The actor's permissions on the recording's call; RECORDING_NOT_FOUND when it may not see the call. */
    public CallPermissions visible(Actor actor, Recording recording) {
        try {
            return access.visible(actor, recording.callId());
        }
        catch (DomainException e) {
            if (e.code() == ErrorCode.CALL_NOT_FOUND) {
                throw notFound();
            }
            throw e;
        }
    }

    /** Marks the (managed) recording FAILED and writes the call event. */
    public void fail(Recording recording, String reason, Instant now) {
        recording.fail(reason, now);
        event(recording, CallEventType.RECORDING_FAILED, "system", reason);
    }

    private Recording begin(Call call, RecordingKind kind, String participantId, String recorderId,
            RecordingRequest request, String requestedBy, AuditRecord by, Instant now) {
        Recording recording = new Recording(call.id(), call.organization(), kind, participantId, recorderId,
                request.formatOrDefault(), request.qualityOrDefault(), request.audioOnlyOrDefault(), requestedBy, now);
        recordings.add(recording);
        event(recording, CallEventType.RECORDING_REQUESTED, requestedBy, kind.name() + " by " + recorderId);
        audit.record(by.did(AuditAction.RECORDING_STARTED, AuditResourceType.RECORDING, recording.id())
                .with("callId", call.id()).with("kind", kind).with("participantId", participantId)
                .with("recorderId", recorderId));
        String uploadToken = signer.sign(new SignedClaims(TokenPurpose.RECORDER, call.id(), recording.id(),
                now.plus(uploadTokenTtl)));
        changed.fire(new RecordingChanged(RecordingState.of(recording), uploadToken));
        return recording;
    }

    private void stopWhere(String callId, StopReason reason, List<ConsentRules.Capture> stopped) {
        Instant now = clock.instant();
        for (ConsentRules.Capture capture : stopped) {
            recordings.findForUpdate(capture.recordingId())
                    .filter(recording -> recording.status().isCapturing())
                    .ifPresent(recording -> stop(recording, reason, now, AuditRecord.system(recording.organization())));
        }
    }

    /** Stops a running recording; {@code by} is who the audit trail names (a person for REQUESTED, else the system). */
    private void stop(Recording recording, StopReason reason, Instant now, AuditRecord by) {
        if (recording.status() == RecordingStatus.STARTING) {
            // Nothing was captured yet: there is nothing to keep.
            fail(recording, "stopped before the recorder started (" + reason + ")", now);
        }
        else {
            recording.stop(reason, now);
            event(recording, CallEventType.RECORDING_STOPPED, "system", reason.name());
        }
        audit.record(by.did(AuditAction.RECORDING_STOPPED, AuditResourceType.RECORDING, recording.id())
                .with("callId", recording.callId()).with("reason", reason).with("status", recording.status()));
        changed.fire(new RecordingChanged(RecordingState.of(recording), null));
    }

    private List<ConsentRules.Capture> captures(String callId) {
        return recordings.capturing(callId).stream()
                .map(recording -> new ConsentRules.Capture(recording.id(), recording.kind(),
                        recording.participantId().orElse(null)))
                .toList();
    }

    private void requireRecordable(Call call) {
        if (call.settings().recordingPolicy() == RecordingPolicy.OFF) {
            throw new DomainException(ErrorCode.RECORDING_DISABLED, "The call's recording policy is OFF");
        }
        if (call.status() == CallStatus.PAUSED) {
            throw new DomainException(ErrorCode.CALL_PAUSED, "The call is paused; resume it to record");
        }
        if (call.status() != CallStatus.IN_PROGRESS) {
            throw new DomainException(ErrorCode.ILLEGAL_RECORDING_TRANSITION, "Only a call in progress can be recorded; "
                    + "this one is " + call.status());
        }
    }

    /** Connected or reconnecting participants: everyone a recording would contain. */
    private List<Participant> present(String callId) {
        List<Participant> present = new ArrayList<>();
        present.addAll(participants.list(callId, Optional.of(ParticipantStatus.CONNECTED)));
        present.addAll(participants.list(callId, Optional.of(ParticipantStatus.RECONNECTING)));
        return present;
    }

    private static List<ConsentRules.Person> people(List<Participant> present) {
        return present.stream().map(p -> new ConsentRules.Person(p.id(), p.role(), p.status())).toList();
    }

    /** The requester if it is a connected host, else the host who joined first. */
    private static Optional<Participant> compositeRecorder(List<Participant> present, Optional<Participant> requester) {
        List<Participant> hosts = present.stream()
                .filter(p -> p.status() == ParticipantStatus.CONNECTED && p.role().isHost())
                .sorted(Comparator.comparing((Participant p) -> p.joinedAt().orElse(Instant.MAX)))
                .toList();
        return requester.flatMap(own -> hosts.stream().filter(host -> host.id().equals(own.id())).findFirst())
                .or(() -> hosts.stream().findFirst());
    }

    private void event(Recording recording, CallEventType type, String actor, String detail) {
        calls.addEvent(new CallEvent(recording.callId(), type, clock.instant(), actor,
                recording.participantId().orElse(null), "recording " + recording.id() + (detail == null ? "" : ": "
                        + detail)));
    }

    static DomainException notFound() {
        return new DomainException(ErrorCode.RECORDING_NOT_FOUND, "No such recording, or it is not visible to you");
    }
}
