package dev.kaiwa.webhook;

import static java.util.Objects.requireNonNull;

import dev.kaiwa.shared.RandomIds;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An organization's subscription: the endpoint that is sent the events it names, signed with its secret.
 * Only the organization's admins see and change it; the secret is shown to them when it is set.
 */
@Entity
@Table(name = "kw_webhook")
public class Webhook {
    @Id
    private String id;

    @Column(nullable = false, updatable = false)
    private String organization;

    @Column(nullable = false)
    private String url;

    @Column
    private String description;

    /** Wire names, comma-separated, in the order of {@link WebhookEventType}. */
    @Column(nullable = false)
    private String events;

    @Column(nullable = false)
    /** The signing secret, sealed by a {@link SecretBox}. */
    private String secret;

    @Transient
    private String shownSecret;

    @Column(nullable = false)
    private boolean active;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected Webhook() {
    }

    /** A subscription signed with {@code secret}, which is stored sealed by {@code box}. */
    public Webhook(String organization, String createdBy, WebhookSettings settings, String secret, SecretBox box,
            Instant now) {
        this.id = RandomIds.newId();
        this.organization = requireNonNull(organization, "organization is null");
        this.createdBy = requireNonNull(createdBy, "createdBy is null");
        this.createdAt = requireNonNull(now, "now is null");
        seal(secret, box);
        change(settings, now);
    }

    /** Replaces URL, events, description and whether it is active. */
    public void change(WebhookSettings settings, Instant now) {
        requireNonNull(settings, "settings is null");
        this.url = settings.url().toString();
        this.events = settings.events().stream().map(WebhookEventType::wireName).collect(Collectors.joining(","));
        this.description = settings.description().orElse(null);
        this.active = settings.active();
        this.updatedAt = requireNonNull(now, "now is null");
    }

    /** A new signing secret, stored sealed; deliveries sent from now on are signed with it. */
    public void replaceSecret(String newSecret, SecretBox box, Instant now) {
        seal(newSecret, box);
        this.updatedAt = requireNonNull(now, "now is null");
    }

    private void seal(String plain, SecretBox box) {
        requireNonNull(plain, "secret is null");
        this.secret = requireNonNull(box, "box is null").seal(plain, id);
        this.shownSecret = plain;
    }

    /** Whether an event of this type is delivered here: the subscription is active and names the type. */
    public boolean receives(WebhookEventType type) {
        return active && events().contains(type);
    }

    public WebhookSettings settings() {
        return new WebhookSettings(url(), events(), description(), active);
    }

    public String id() {
        return id;
    }

    public String organization() {
        return organization;
    }

    public URI url() {
        return URI.create(url);
    }

    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    public Set<WebhookEventType> events() {
        Set<WebhookEventType> types = EnumSet.noneOf(WebhookEventType.class);
        Arrays.stream(events.split(",")).map(WebhookEventType::fromWireName).flatMap(Optional::stream).forEach(types::add);
        return types;
    }

    /**
     * The signing secret, opened by {@code box}. A secret stored in plain text by an earlier version is sealed
     * now (the change is saved with the caller's transaction).
     */
    public String secret(SecretBox box) {
        requireNonNull(box, "box is null");
        if (!box.isSealed(secret)) {
            String plain = secret;
            seal(plain, box);
            shownSecret = null;
            return plain;
        }
        return box.open(secret, id);
    }

    /** The secret as it was just set (created or rotated), to show it once; empty for a loaded subscription. */
    public Optional<String> shownSecret() {
        return Optional.ofNullable(shownSecret);
    }

    public boolean active() {
        return active;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
