package dev.kaiwa.chat;

import static java.util.Objects.requireNonNull;

import dev.kaiwa.shared.RandomIds;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One chat message of a call, as sent by a participant. Text is data, never markup. */
@Entity
@Table(name = "kw_chat_message")
public class ChatMessage {
    /** Longest message, in characters, after trimming. */
    public static final int MAX_TEXT = 500;

    @Id
    private String id;

    @Column(name = "call_id", nullable = false)
    private String callId;

    @Column(name = "participant_id", nullable = false)
    private String participantId;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(nullable = false)
    private String text;

    @Column(name = "sent_at", nullable = false)
    private Instant sentAt;

    protected ChatMessage() {
    }

    public ChatMessage(String callId, String participantId, String displayName, String text, Instant sentAt) {
        this.id = RandomIds.newId();
        this.callId = requireNonNull(callId, "callId is null");
        this.participantId = requireNonNull(participantId, "participantId is null");
        this.displayName = requireNonNull(displayName, "displayName is null");
        this.text = requireNonNull(text, "text is null");
        this.sentAt = requireNonNull(sentAt, "sentAt is null");
    }

    /** Erases the sender's name and the text (a data-subject erasure); the message keeps its place. */
    public void erase(String replacementName, String replacementText) {
        displayName = requireNonNull(replacementName, "replacementName is null");
        text = requireNonNull(replacementText, "replacementText is null");
    }

    public String id() {
        return id;
    }

    public String callId() {
        return callId;
    }

    public String participantId() {
        return participantId;
    }

    public String displayName() {
        return displayName;
    }

    public String text() {
        return text;
    }

    public Instant sentAt() {
        return sentAt;
    }
}
