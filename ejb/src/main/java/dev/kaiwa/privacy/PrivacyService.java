package dev.kaiwa.privacy;

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
 * erasure commits ({@link RecordingsErased}).
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
        return new PersonalData(organization, clock.instant(), participations, exportedCalls,
                invites(organization, participations, person), consents.ofParticipants(participantIds),
                privacy.chatMessages(participantIds), chatTemplates(organization, person),
                privacy.events(organization, participantIds, actors), involvedRecordings(organization, participations));
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
                deleteRecording(recording, now);
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
        return new ErasureReport(now, items);
    }

    /**
     * DELETED for ERASURE with no media left; a recording still being made or finished fails first (its
     * recorder is told and stops). The blob goes after the commit.
     */
    private void deleteRecording(Recording recording, Instant now) {
        if (!recording.status().mayMoveTo(RecordingStatus.DELETED)) {
            recording.fail(ERASED_WHILE_UNFINISHED, now);
            calls.addEvent(new CallEvent(recording.callId(), CallEventType.RECORDING_FAILED, now, "system",
                    recording.participantId().orElse(null), "recording " + recording.id() + ": "
                            + ERASED_WHILE_UNFINISHED));
        }
        recording.delete(DeletionReason.ERASURE, now);
        recording.mediaRemoved();
        recordings.removeChunks(recording.id());
        recordingChanged.fire(new RecordingChanged(RecordingState.of(recording), null));
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
