package dev.kaiwa.privacy;

import static java.util.Objects.requireNonNull;

import dev.kaiwa.call.CallEvent;
import dev.kaiwa.chat.ChatMessage;
import dev.kaiwa.chat.ChatTemplate;
import dev.kaiwa.consent.Consent;
import dev.kaiwa.invite.Invite;
import dev.kaiwa.participant.Participant;
import java.time.Instant;
import java.util.List;

/**
 * Everything Kaiwa holds about one person within one organization (a data-subject access request): their
 * participations, the calls those were in or that they created, the invites addressed to them, their
 * consent ledger, the chat messages they sent and templates they wrote, the call events about them or done
 * by them, and the recordings of them or that they appear in (states and times, never media). Each list is
 * oldest first. All empty when the organization holds nothing about the person.
 */
public record PersonalData(String organization, Instant generatedAt, List<Participant> participations,
        List<ExportedCall> calls, List<Invite> invites, List<Consent> consents, List<ChatMessage> chatMessages,
        List<ChatTemplate> chatTemplates, List<CallEvent> events, List<InvolvedRecording> recordings) {
    public PersonalData {
        requireNonNull(organization, "organization is null");
        requireNonNull(generatedAt, "generatedAt is null");
        participations = List.copyOf(participations);
        calls = List.copyOf(calls);
        invites = List.copyOf(invites);
        consents = List.copyOf(consents);
        chatMessages = List.copyOf(chatMessages);
        chatTemplates = List.copyOf(chatTemplates);
        events = List.copyOf(events);
        recordings = List.copyOf(recordings);
    }
}
