package dev.kaiwa.privacy;

import dev.kaiwa.call.Call;
import dev.kaiwa.call.CallEvent;
import dev.kaiwa.chat.ChatMessage;
import dev.kaiwa.chat.ChatTemplate;
import dev.kaiwa.invite.Invite;
import dev.kaiwa.participant.Participant;
import java.util.List;

/**
 * The stored rows that name or concern one person, across features, always within one organization (the
 * organization of the calls, whatever organization an SSO participant comes from). Lists are oldest first.
 */
public interface PrivacyRepository {
    /** Participants of the organization's calls with this SSO subject. */
    List<Participant> participantsWithSubject(String organization, String subject);

    /**
     * Participants of the organization's calls with this e-mail address (compared in lower case), on the
     * participant itself (SSO users) or on the invite it joined with (guests).
     */
    List<Participant> participantsWithEmail(String organization, String email);

    /** Invites of the organization's calls with one of these ids or addressed to one of these e-mail addresses. */
    List<Invite> invites(String organization, List<String> inviteIds, List<String> emails);

    /** The organization's calls with these ids. */
    List<Call> calls(String organization, List<String> callIds);

    /** The organization's calls created by this SSO subject. */
    List<Call> callsCreatedBy(String organization, String subject);

    /** The chat messages sent by these participants. */
    List<ChatMessage> chatMessages(List<String> participantIds);

    /** The chat templates this SSO subject wrote in the organization. */
    List<ChatTemplate> chatTemplates(String organization, String owner);

    void removeChatTemplate(ChatTemplate template);

    /** Events of the organization's calls about these participants or done by these actor references. */
    List<CallEvent> events(String organization, List<String> participantIds, List<String> actors);
}
