package dev.kaiwa.privacy;

import dev.kaiwa.audit.AuditAction;
import dev.kaiwa.audit.AuditRecord;
import dev.kaiwa.audit.AuditResourceType;
import dev.kaiwa.audit.AuditTrail;
import dev.kaiwa.call.Call;
import dev.kaiwa.call.CallEvent;
import dev.kaiwa.call.CallEventType;
import dev.kaiwa.call.CallRepository;
import dev.kaiwa.chat.ChatMessage;
import dev.kaiwa.chat.ChatTemplate;
import dev.kaiwa.consent.ConsentRepository;
import dev.kaiwa.invite.Invite;
import dev.kaiwa.participant.Participant;
import dev.kaiwa.recording.DeletionReason;
import dev.kaiwa.recording.Recording;
import dev.kaiwa.recording.RecordingChanged;
import dev.kaiwa.recording.RecordingRepository;
import dev.kaiwa.recording.RecordingState;
import dev.kaiwa.recording.RecordingStatus;
import dev.kaiwa.shared.Actor;
import dev.kaiwa.shared.Caller;
import dev.kaiwa.shared.DomainException;
import dev.kaiwa.shared.ErrorCode;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Data-subject requests of an organization's admins: the export of everything Kaiwa holds about one person
 * in the organization, and its erasure. Each request is one transaction; a person of another organization
 * (or nobody) yields an empty export and an empty report, so nothing tells whether they exist elsewhere.
 *
 * <p>An erasure deletes the person's individual recordings and every composite recording they appear in,
 * except those under legal hold, and anonymizes their participants, the invites addressed to them and their
 * chat messages; it removes their chat templates. The consent ledger and the call event log hold ids, not
 * names or addresses, and stay as the evidence of what happened. Recordings' blobs are deleted after the
 * erasure commits ({@link RecordingsErased}), and then the rows record that their media is gone; if the
 * process stops in between, the purge job finishes the removal.
 */
@Stateless
public class PrivacyService {
    /** Why a recording still being made or finished fails when it is erased. */
    static final String ERASED_WHILE_UNFINISHED = "erased at a data subject's request";

    @Inject
    PrivacyRepository privacy;

    @Inject
    ConsentRepository consents;

    @Inject
    RecordingRepository recordings;

    @Inject
    CallRepository calls;

    @Inject
    Event<RecordingChanged> recordingChanged;

    @Inject
    Event<RecordingsErased> recordingsErased;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /** Everything the caller's organization holds about the person; admins of the organization only. */
    public PersonalData export(Caller caller, DataSubject person) {
        requireAdmin(caller);
        String organization = caller.organization();
        List<Participant> participations = participations(organization, person);
        List<String> participantIds = participations.stream().map(Participant::id).toList();
        List<ExportedCall> exportedCalls = new ArrayList<>();
        for (Call call : calls(organization, participations, person)) {
            List<String> inCall = participations.stream()
                    .filter(participant -> participant.callId().equals(call.id()))
                    .map(Participant::id)
                    .toList();
            boolean created = person.subject().map(subject -> subject.equals(call.createdBy())).orElse(false);
            exportedCalls.add(new ExportedCall(call, inCall, created));
        }
        List<String> actors = new ArrayList<>();
        participantIds.forEach(id -> actors.add("participant:" + id));
        participations.forEach(participant -> participant.inviteId().ifPresent(id -> actors.add("invite:" + id)));
        person.subject().ifPresent(subject -> actors.add("user:" + subject));
        PersonalData data = new PersonalData(organization, clock.instant(), participations, exportedCalls,
                invites(organization, participations, person), consents.ofParticipants(participantIds),
                privacy.chatMessages(participantIds), chatTemplates(organization, person),
                privacy.events(organization, participantIds, actors), involvedRecordings(organization, participations));
        audit.record(audited(caller, person, AuditAction.PRIVACY_EXPORT)
                .with("participations", data.participations().size()).with("calls", data.calls().size())
                .with("invites", data.invites().size()).with("consents", data.consents().size())
                .with("chatMessages", data.chatMessages().size()).with("chatTemplates", data.chatTemplates().size())
                .with("events", data.events().size()).with("recordings", data.recordings().size()));
        return data;
    }

    /**
     * Erases the person within the caller's organization and reports each item and what was done to it;
     * admins of the organization only. Asking again erases nothing new and never fails.
     */
    public ErasureReport erase(Caller caller, DataSubject person) {
        requireAdmin(caller);
        String organization = caller.organization();
        Instant now = clock.instant();
        List<Participant> participations = participations(organization, person);
        List<Invite> invites = invites(organization, participations, person);
        List<ErasedItem> items = new ArrayList<>();
        List<String> withoutMedia = new ArrayList<>();
        for (InvolvedRecording involved : involvedRecordings(organization, participations)) {
            Recording recording = recordings.findForUpdate(involved.recording().id()).orElseThrow();
            ErasureAction action = Erasure.actionFor(recording);
            if (action == ErasureAction.DELETED) {
                deleteRecording(recording, caller, now);
            }
            if (action != ErasureAction.KEPT_LEGAL_HOLD) {
                withoutMedia.add(recording.id());
            }
            items.add(new ErasedItem(ErasedItemType.RECORDING, recording.id(), action));
        }
        for (Participant participant : participations) {
            ErasureAction action = Erasure.actionFor(participant);
            if (action == ErasureAction.ANONYMIZED) {
                participant.erase(Erasure.ERASED_NAME);
            }
            items.add(new ErasedItem(ErasedItemType.PARTICIPANT, participant.id(), action));
        }
        for (Invite invite : invites) {
            ErasureAction action = Erasure.actionFor(invite);
            if (action == ErasureAction.ANONYMIZED) {
                invite.erase(Erasure.ERASED_NAME);
            }
            items.add(new ErasedItem(ErasedItemType.INVITE, invite.id(), action));
        }
        for (ChatMessage message : privacy.chatMessages(participations.stream().map(Participant::id).toList())) {
            ErasureAction action = Erasure.actionFor(message);
            if (action == ErasureAction.ANONYMIZED) {
                message.erase(Erasure.ERASED_NAME, Erasure.ERASED_TEXT);
            }
            items.add(new ErasedItem(ErasedItemType.CHAT_MESSAGE, message.id(), action));
        }
        for (ChatTemplate template : chatTemplates(organization, person)) {
            privacy.removeChatTemplate(template);
            items.add(new ErasedItem(ErasedItemType.CHAT_TEMPLATE, template.id(), ErasureAction.DELETED));
        }
        if (!withoutMedia.isEmpty()) {
            recordingsErased.fire(new RecordingsErased(withoutMedia));
        }
        AuditRecord entry = audited(caller, person, AuditAction.PRIVACY_ERASURE);
        for (ErasedItemType type : ErasedItemType.values()) {
            for (ErasureAction action : ErasureAction.values()) {
                long count = items.stream().filter(item -> item.type() == type && item.action() == action).count();
                if (count > 0) {
                    entry = entry.with(detailKey(type, action), count);
                }
            }
        }
        audit.record(entry);
        return new ErasureReport(now, items);
    }

    /** The entry of a data-subject request: the admin did it to the person, named by a reference, not by address. */
    private static AuditRecord audited(Caller caller, DataSubject person, AuditAction action) {
        return AuditRecord.by(new Actor.User(caller)).in(caller.organization())
                .did(action, AuditResourceType.DATA_SUBJECT, person.auditReference())
                .with("namedBy", person.namedBy());
    }

    /** E.g. {@code recordingDeleted}, {@code participantAnonymized}: how many items of a type got an action. */
    static String detailKey(ErasedItemType type, ErasureAction action) {
        return camelCase(type.name(), false) + camelCase(action.name(), true);
    }

    private static String camelCase(String constant, boolean capitalized) {
        StringBuilder name = new StringBuilder();
        for (String word : constant.toLowerCase(Locale.ROOT).split("_")) {
            name.append(name.isEmpty() && !capitalized ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return name.toString();
    }

    /**
     * DELETED for ERASURE, keeping its storage key until the blob is gone (the order of {@link
     * dev.kaiwa.recording.RecordingRemoval}); a recording still being made or finished fails first (its recorder
     * is told and stops). The audit trail gets the admin's RECORDING_DELETED, and webhooks {@code
     * recording.deleted} (through {@link RecordingChanged}). The blob goes after the commit.
     */
    private void deleteRecording(Recording recording, Caller caller, Instant now) {
        RecordingStatus before = recording.status();
        if (!recording.status().mayMoveTo(RecordingStatus.DELETED)) {
            recording.fail(ERASED_WHILE_UNFINISHED, now);
            event(recording, CallEventType.RECORDING_FAILED, "system", ERASED_WHILE_UNFINISHED, now);
        }
        recording.delete(DeletionReason.ERASURE, now);
        Actor.User actor = new Actor.User(caller);
        event(recording, CallEventType.RECORDING_DELETED, actor.reference(), DeletionReason.ERASURE.name(), now);
        audit.record(AuditRecord.by(actor).in(recording.organization())
                .did(AuditAction.RECORDING_DELETED, AuditResourceType.RECORDING, recording.id())
                .with("callId", recording.callId()).with("reason", DeletionReason.ERASURE).with("from", before));
        recordings.removeChunks(recording.id());
        recordingChanged.fire(new RecordingChanged(RecordingState.of(recording), null));
    }

    private void event(Recording recording, CallEventType type, String actor, String detail, Instant now) {
        calls.addEvent(new CallEvent(recording.callId(), type, now, actor, recording.participantId().orElse(null),
                "recording " + recording.id() + ": " + detail));
    }

    private List<Participant> participations(String organization, DataSubject person) {
        Optional<String> subject = person.subject();
        return subject.isPresent() ? privacy.participantsWithSubject(organization, subject.get())
                : privacy.participantsWithEmail(organization, person.email().orElseThrow());
    }

    /** The calls of the participations and, for a person named by subject, the calls they created; oldest first. */
    private List<Call> calls(String organization, List<Participant> participations, DataSubject person) {
        Map<String, Call> byId = new LinkedHashMap<>();
        List<String> callIds = participations.stream().map(Participant::callId).distinct().toList();
        privacy.calls(organization, callIds).forEach(call -> byId.put(call.id(), call));
        person.subject().ifPresent(subject -> privacy.callsCreatedBy(organization, subject)
                .forEach(call -> byId.putIfAbsent(call.id(), call)));
        return byId.values().stream()
                .sorted(Comparator.comparing(Call::createdAt).thenComparing(Call::id))
                .toList();
    }

    /**
     * The invites the participations joined with, and those addressed to the person: to the address they are
     * named by, or to the addresses their participants carry (an SSO user invited by e-mail).
     */
    private List<Invite> invites(String organization, List<Participant> participations, DataSubject person) {
        List<String> inviteIds = participations.stream().flatMap(participant -> participant.inviteId().stream())
                .distinct().toList();
        List<String> emails = new ArrayList<>();
        person.email().ifPresent(emails::add);
        participations.forEach(participant -> participant.email().ifPresent(emails::add));
        return privacy.invites(organization, inviteIds, emails);
    }

    private List<ChatTemplate> chatTemplates(String organization, DataSubject person) {
        return person.subject().map(subject -> privacy.chatTemplates(organization, subject)).orElse(List.of());
    }

    private List<InvolvedRecording> involvedRecordings(String organization, List<Participant> participations) {
        if (participations.isEmpty()) {
            return List.of();
        }
        List<String> participantIds = participations.stream().map(Participant::id).toList();
        List<String> callIds = participations.stream().map(Participant::callId).distinct().toList();
        List<Recording> candidates = recordings.involving(participantIds, callIds).stream()
                .filter(recording -> recording.organization().equals(organization))
                .toList();
        return RecordingInvolvement.select(candidates, participations);
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.isAdmin()) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Only admins of the organization handle data-subject "
                    + "requests");
        }
    }
}
