package dev.kaiwa.chat;

import static java.util.Objects.requireNonNull;

import dev.kaiwa.shared.RandomIds;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A host's reusable chat message ("Thanks for joining, we start in a minute"). Private to its owner. */
@Entity
@Table(name = "kw_chat_template")
public class ChatTemplate {
    @Id
    private String id;

    @Column(nullable = false)
    private String owner;

    @Column(nullable = false)
    private String organization;

    @Column(nullable = false)
    private String title;

    @Column(nullable = false)
    private String text;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected ChatTemplate() {
    }

    public ChatTemplate(String owner, String organization, String title, String text, Instant now) {
        this.id = RandomIds.newId();
        this.owner = requireNonNull(owner, "owner is null");
        this.organization = requireNonNull(organization, "organization is null");
        this.createdAt = requireNonNull(now, "now is null");
        change(title, text, now);
    }

    public void change(String title, String text, Instant now) {
        this.title = requireNonNull(title, "title is null");
        this.text = requireNonNull(text, "text is null");
        this.updatedAt = requireNonNull(now, "now is null");
    }

    public String id() {
        return id;
    }

    public String owner() {
        return owner;
    }

    public String title() {
        return title;
    }

    public String text() {
        return text;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
