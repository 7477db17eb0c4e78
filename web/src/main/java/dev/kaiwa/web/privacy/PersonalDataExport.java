package dev.kaiwa.web.privacy;

import dev.kaiwa.call.Call;
import dev.kaiwa.call.CallEvent;
import dev.kaiwa.chat.ChatMessage;
import dev.kaiwa.chat.ChatTemplate;
import dev.kaiwa.consent.Consent;
import dev.kaiwa.invite.Invite;
import dev.kaiwa.participant.NetworkStats;
import dev.kaiwa.participant.Participant;
import dev.kaiwa.privacy.DataSubject;
import dev.kaiwa.privacy.ExportedCall;
import dev.kaiwa.privacy.InvolvedRecording;
import dev.kaiwa.privacy.PersonalData;
import dev.kaiwa.recording.Recording;
import java.time.Instant;
import java.util.List;

/**
 * A data-subject export as REST (and the ZIP's {@code export.json}) shows it: the person as they were named,
 * then one list per section, oldest first. Recordings are listed with their states and times; their media
 * is never part of an export.
 */
public record PersonalDataExport(Person person, String organization, Instant generatedAt,
        List<ParticipationEntry> participations, List<CallEntry> calls, List<InviteEntry> invites,
        List<ConsentEntry> consents, List<ChatMessageEntry> chatMessages, List<ChatTemplateEntry> chatTemplates,
        List<EventEntry> events, List<RecordingEntry> recordings) {

    /** How the request named the person: by SSO subject or by e-mail address. */
    public record Person(String subject, String email) {
    }

    /** The person's place in one call. */
    public record ParticipationEntry(String id, String callId, String subject, String organization, String inviteId,
            String displayName, String email, String role, String status, boolean audio, boolean video, boolean screen,
            boolean hand, Instant createdAt, Instant joinedAt, Instant leftAt, Instant lastSeenAt,
            NetworkStatsEntry networkStats) {
        static ParticipationEntry of(Participant p) {
            return new ParticipationEntry(p.id(), p.callId(), p.subject().orElse(null), p.organization().orElse(null),
                    p.inviteId().orElse(null), p.displayName(), p.email().orElse(null), p.role().name(),
                    p.status().name(), p.audio(), p.video(), p.screen(), p.hand(), p.createdAt(),
                    p.joinedAt().orElse(null), p.leftAt().orElse(null), p.lastSeenAt().orElse(null),
                    p.latestStats().map(NetworkStatsEntry::of).orElse(null));
        }
    }

    /** The latest network figures the person's client reported. */
    public record NetworkStatsEntry(Double rttMillis, Double jitterMillis, Double packetLoss, Double bitrate) {
        static NetworkStatsEntry of(NetworkStats stats) {
            return new NetworkStatsEntry(stats.rttMillis(), stats.jitterMillis(), stats.packetLoss(), stats.bitrate());
        }
    }

    /** A call the person was in or created. */
    public record CallEntry(String id, String title, String type, String status, Instant scheduledAt,
            Instant startedAt, Instant endedAt, Instant createdAt, boolean createdByThem,
            List<String> participantIds) {
        static CallEntry of(ExportedCall exported) {
            Call call = exported.call();
            return new CallEntry(call.id(), call.title(), call.type().name(), call.status().name(), call.scheduledAt(),
                    call.startedAt().orElse(null), call.endedAt().orElse(null), call.createdAt(),
                    exported.createdByThem(), exported.participantIds());
        }
    }

    /** An invite addressed to the person or that they joined with. */
    public record InviteEntry(String id, String callId, String displayName, String email, String role,
            boolean singleUse, Instant createdAt, Instant expiresAt, Instant revokedAt) {
        static InviteEntry of(Invite invite) {
            return new InviteEntry(invite.id(), invite.callId(), invite.displayName(), invite.email().orElse(null),
                    invite.role().name(), invite.singleUse(), invite.createdAt(), invite.expiresAt(),
                    invite.revokedAt().orElse(null));
        }
    }

    /** One row of the person's consent ledger, with the notice they were shown. */
    public record ConsentEntry(String id, String callId, String participantId, String purpose, boolean granted,
            String noticeVersion, String noticeLanguage, String noticeText, String channel, String client,
            Instant decidedAt, long seq) {
        static ConsentEntry of(Consent consent) {
            return new ConsentEntry(consent.id(), consent.callId(), consent.participantId(), consent.purpose().name(),
                    consent.granted(), consent.noticeVersion(), consent.noticeLanguage(), consent.noticeText(),
                    consent.channel().name(), consent.clientInfo().orElse(null), consent.decidedAt(), consent.seq());
        }
    }

    /** A chat message the person sent. */
    public record ChatMessageEntry(String id, String callId, String participantId, String displayName, String text,
            Instant sentAt) {
        static ChatMessageEntry of(ChatMessage message) {
            return new ChatMessageEntry(message.id(), message.callId(), message.participantId(), message.displayName(),
                    message.text(), message.sentAt());
        }
    }

    /** A chat template the person wrote. */
    public record ChatTemplateEntry(String id, String title, String text, Instant createdAt, Instant updatedAt) {
        static ChatTemplateEntry of(ChatTemplate template) {
            return new ChatTemplateEntry(template.id(), template.title(), template.text(), template.createdAt(),
                    template.updatedAt());
        }
    }

    /** An event of a call's log about the person or done by them. */
    public record EventEntry(String id, String callId, String type, Instant occurredAt, String actor,
            String participantId, String detail) {
        static EventEntry of(CallEvent event) {
            return new EventEntry(event.id(), event.callId(), event.type().name(), event.occurredAt(),
                    event.actor().orElse(null), event.participantId().orElse(null), event.detail().orElse(null));
        }
    }

    /** A recording of the person or one they appear in: states and times, no media. */
    public record RecordingEntry(String id, String callId, String kind, String relation, String participantId,
            String status, String format, boolean audioOnly, Instant requestedAt, Instant startedAt,
            Instant stoppedAt, String stopReason, Instant readyAt, Instant failedAt, Long durationMillis,
            Long sizeBytes, Instant expiresAt, boolean legalHold, Instant deletedAt, String deletedReason) {
        static RecordingEntry of(InvolvedRecording involved) {
            Recording r = involved.recording();
            return new RecordingEntry(r.id(), r.callId(), r.kind().name(), involved.relation().name(),
                    r.participantId().orElse(null), r.status().name(), r.format().name(), r.audioOnly(),
                    r.requestedAt(), r.startedAt().orElse(null), r.stoppedAt().orElse(null),
                    r.stopReason().map(Enum::name).orElse(null), r.readyAt().orElse(null), r.failedAt().orElse(null),
                    r.durationMillis().orElse(null), r.sizeBytes().orElse(null), r.expiresAt().orElse(null),
                    r.legalHold(), r.deletedAt().orElse(null), r.deletedReason().map(Enum::name).orElse(null));
        }
    }

    public static PersonalDataExport of(DataSubject person, PersonalData data) {
        return new PersonalDataExport(new Person(person.subject().orElse(null), person.email().orElse(null)),
                data.organization(), data.generatedAt(),
                data.participations().stream().map(ParticipationEntry::of).toList(),
                data.calls().stream().map(CallEntry::of).toList(),
                data.invites().stream().map(InviteEntry::of).toList(),
                data.consents().stream().map(ConsentEntry::of).toList(),
                data.chatMessages().stream().map(ChatMessageEntry::of).toList(),
                data.chatTemplates().stream().map(ChatTemplateEntry::of).toList(),
                data.events().stream().map(EventEntry::of).toList(),
                data.recordings().stream().map(RecordingEntry::of).toList());
    }
}
