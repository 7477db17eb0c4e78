package dev.kaiwa.privacy;

import dev.kaiwa.chat.ChatMessage;
import dev.kaiwa.invite.Invite;
import dev.kaiwa.participant.Participant;
import dev.kaiwa.recording.Recording;
import dev.kaiwa.recording.RecordingStatus;

/**
 * The rules of an erasure: what replaces personal data, and what happens to each item. Participants,
 * invites and chat messages are anonymized rather than deleted, so the others' view of a call (who spoke
 * when, the rest of the conversation) stays whole while nothing identifies the person: names become
 * {@value #ERASED_NAME}, e-mail addresses and SSO subjects are cleared, and message texts become
 * {@value #ERASED_TEXT}.
 */
public final class Erasure {
    /** The display name that replaces the person's in participants, invites and chat messages. */
    public static final String ERASED_NAME = "Erased participant";
    /** The text that replaces each of the person's chat messages. */
    public static final String ERASED_TEXT = "[erased]";

    private Erasure() {
    }

    /** Deleted already: nothing left; under legal hold: kept untouched; otherwise its media is deleted. */
    public static ErasureAction actionFor(Recording recording) {
        if (recording.status() == RecordingStatus.DELETED) {
            return ErasureAction.ALREADY_ERASED;
        }
        if (recording.legalHold()) {
            return ErasureAction.KEPT_LEGAL_HOLD;
        }
        return ErasureAction.DELETED;
    }

    public static ErasureAction actionFor(Participant participant) {
        boolean erased = participant.displayName().equals(ERASED_NAME) && participant.email().isEmpty()
                && participant.subject().isEmpty();
        return erased ? ErasureAction.ALREADY_ERASED : ErasureAction.ANONYMIZED;
    }

    public static ErasureAction actionFor(Invite invite) {
        boolean erased = invite.displayName().equals(ERASED_NAME) && invite.email().isEmpty();
        return erased ? ErasureAction.ALREADY_ERASED : ErasureAction.ANONYMIZED;
    }

    public static ErasureAction actionFor(ChatMessage message) {
        boolean erased = message.displayName().equals(ERASED_NAME) && message.text().equals(ERASED_TEXT);
        return erased ? ErasureAction.ALREADY_ERASED : ErasureAction.ANONYMIZED;
    }
}
