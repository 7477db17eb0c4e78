package dev.kaiwa.consent;

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
import dev.kaiwa.call.RecordingPolicy;
import dev.kaiwa.participant.Participant;
import dev.kaiwa.participant.ParticipantRepository;
import dev.kaiwa.participant.ParticipantRole;
import dev.kaiwa.participant.ParticipantStatus;
import dev.kaiwa.recording.RecordingService;
import dev.kaiwa.shared.Actor;
import dev.kaiwa.shared.DomainException;
import dev.kaiwa.shared.ErrorCode;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The consent ledger: decisions come over signaling or REST, each one a new row naming the notice
 * shown. A withdrawal of recording stops what would record the person, at once and in the same
 * transaction; under a REQUIRED policy the person goes back to the consent step.
 */
@Stateless
public class ConsentService {
    @Inject
    ConsentRepository consents;

    @Inject
    ConsentNotices notices;

    @Inject
    ParticipantRepository participants;

    @Inject
    CallRepository calls;

    @Inject
    CallAccess access;

    @Inject
    RecordingService recordings;

    @Inject
    Event<ConsentChanged> changed;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /** A participant's own decision over signaling. */
    public Consent decide(String callId, String participantId, ConsentPurpose purpose, boolean granted,
            String noticeVersion, String language, ConsentChannel channel, String clientInfo) {
        return decide(null, callId, participantId, purpose, granted, noticeVersion, language, channel, clientInfo);
    }

    /**
     * A participant's own decision; {@code actor} is who sent it through REST (its participant token or its
     * SSO login), {@code null} over signaling.
     */
    private Consent decide(Actor actor, String callId, String participantId, ConsentPurpose purpose, boolean granted,
            String noticeVersion, String language, ConsentChannel channel, String clientInfo) {
        if (purpose == null) {
            throw DomainException.invalidField("purpose", "must be RECORDING or TRANSCRIPTION");
        }
        if (noticeVersion == null || noticeVersion.isBlank()) {
            throw DomainException.invalidField("noticeVersion", "is required: the version of the notice shown");
        }
        ConsentNotice notice = notices.notice(purpose, language);
        notices.requireCurrent(noticeVersion);
        Instant now = clock.instant();
        Call call = calls.find(callId).orElseThrow(() -> new DomainException(ErrorCode.CALL_NOT_FOUND, "No such call"));
        Participant participant = participants.find(callId, participantId)
                .orElseThrow(() -> new DomainException(ErrorCode.PARTICIPANT_NOT_FOUND, "No such participant in this call"));
        // Withdrawing is always possible; granting only while one may still take part.
        if (granted && (participant.status() == ParticipantStatus.REMOVED
                || participant.status() == ParticipantStatus.DENIED)) {
            throw new DomainException(ErrorCode.PARTICIPANT_REMOVED, "You were removed from this call");
        }
        Consent consent = new Consent(callId, participantId, participant.subject().orElse(null), purpose, granted, notice,
                channel, clientInfo, now, consents.nextSeq(participantId, purpose));
        consents.add(consent);
        calls.addEvent(new CallEvent(callId, granted ? CallEventType.CONSENT_GRANTED : CallEventType.CONSENT_WITHDRAWN,
                now, "participant:" + participantId, participantId, purpose.name() + " notice " + notice.version()));
        boolean inCall = participant.status() == ParticipantStatus.CONNECTED
                || participant.status() == ParticipantStatus.RECONNECTING;
        // Someone still in the consent step or the waiting room is in no recording; the signaling side decides
        // what their declining means when they leave the step.
        if (!granted && purpose == ConsentPurpose.RECORDING && inCall) {
            recordings.stopForWithdrawal(callId, participantId);
            if (call.settings().recordingPolicy() == RecordingPolicy.REQUIRED
                    && participant.role() != ParticipantRole.VIEWER) {
                participant.waitForConsent(now);
                calls.addEvent(new CallEvent(callId, CallEventType.CONSENT_STEP, now, "system", participantId,
                        "withdrew recording"));
            }
        }
        AuditRecord by = actor instanceof Actor.User ? AuditRecord.by(actor)
                : AuditRecord.byParticipant(participantId, participant.role().name());
        audit.record(by.in(call.organization())
                .did(granted ? AuditAction.CONSENT_GRANTED : AuditAction.CONSENT_WITHDRAWN, AuditResourceType.CONSENT,
                        consent.id())
                .with("callId", callId).with("participantId", participantId).with("purpose", purpose)
                .with("noticeVersion", notice.version()).with("channel", channel));
        changed.fire(new ConsentChanged(callId, participantId, purpose, granted));
        return consent;
    }

    /** A decision through REST: a participant token decides for its participant, an SSO user for its own. */
    public Consent decide(Actor actor, String callId, ConsentPurpose purpose, Boolean granted, String noticeVersion,
            String language, String clientInfo) {
        if (granted == null) {
            throw DomainException.invalidField("granted", "is required: true to grant, false to withdraw");
        }
        CallPermissions permissions = access.visible(actor, callId);
        Participant own = permissions.participant().orElseThrow(() -> new DomainException(ErrorCode.FORBIDDEN,
                "Only participants of the call decide on their consent"));
        return decide(actor, callId, own.id(), purpose, granted, noticeVersion, language, ConsentChannel.REST,
                clientInfo);
    }

    /** The ledger: hosts, the creator, admins and auditors read every row; a participant its own. */
    public List<Consent> ledger(Actor actor, String callId) {
        CallPermissions permissions = access.visible(actor, callId);
        boolean readsAll = permissions.isHost() || permissions.creator() || permissions.organizationAdmin()
                || permissions.organizationAuditor();
        if (readsAll) {
            return consents.list(callId, null);
        }
        Participant own = permissions.participant().orElseThrow(() -> new DomainException(ErrorCode.FORBIDDEN,
                "Only the call's hosts and its organization's admins and auditors read everyone's consent"));
        return consents.list(callId, own.id());
    }

    /** The participant's current decision per purpose (absent: never decided). */
    public Map<ConsentPurpose, Boolean> current(String participantId) {
        Map<ConsentPurpose, Boolean> current = new EnumMap<>(ConsentPurpose.class);
        for (ConsentPurpose purpose : ConsentPurpose.values()) {
            consents.latest(participantId, purpose).ifPresent(consent -> current.put(purpose, consent.granted()));
        }
        return current;
    }

    /** Whether the participant currently grants the purpose. */
    public boolean grants(String participantId, ConsentPurpose purpose) {
        return consents.latest(participantId, purpose).map(Consent::granted).orElse(false);
    }
}
