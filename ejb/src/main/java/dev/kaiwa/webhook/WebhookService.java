package dev.kaiwa.webhook;

import static java.util.Objects.requireNonNull;

import dev.kaiwa.audit.AuditAction;
import dev.kaiwa.audit.AuditRecord;
import dev.kaiwa.audit.AuditResourceType;
import dev.kaiwa.audit.AuditTrail;
import dev.kaiwa.shared.Actor;
import dev.kaiwa.shared.Caller;
import dev.kaiwa.shared.Cursor;
import dev.kaiwa.shared.DomainException;
import dev.kaiwa.shared.ErrorCode;
import dev.kaiwa.shared.FieldError;
import dev.kaiwa.shared.Page;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * An organization's admins manage its webhook subscriptions and read their delivery log. Subscriptions
 * of other organizations do not exist for them (404), and nobody else may touch any (403). Every change of a
 * subscription is audited in its transaction (the events, whether it is active and the receiver's host; never
 * the URL's path or query, nor the secret).
 */
@Stateless
public class WebhookService {
    @Inject
    WebhookRepository webhooks;

    @Inject
    WebhookDeliveryRepository deliveries;

    @Inject
    SecretBox secrets;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "kaiwa.webhook.allow-http", defaultValue = "false")
    boolean allowHttp;

    @Inject
    @ConfigProperty(name = "kaiwa.webhook.allow-private-addresses", defaultValue = "false")
    boolean allowPrivateAddresses;

    /** How endpoint host names are resolved for the private-address check. */
    WebhookEndpoints.Resolver resolver = WebhookEndpoints.SYSTEM;

    /** Subscribes an endpoint; the secret is the admin's (checked) or a generated one. */
    public Webhook createWebhook(Caller caller, WebhookDraft draft) {
        requireAdmin(caller);
        requireNonNull(draft, "draft is null");
        WebhookSettings settings = settings(draft.url(), draft.events(), draft.description(), draft.active());
        String secret = draft.secret() == null ? WebhookRules.newSecret() : WebhookRules.secret(draft.secret());
        Webhook webhook = new Webhook(caller.organization(), caller.subject(), settings, secret, secrets,
                clock.instant());
        webhooks.add(webhook);
        audit.record(audited(caller, AuditAction.WEBHOOK_SUBSCRIPTION_CREATED, webhook)
                .with("secretGenerated", draft.secret() == null));
        return webhook;
    }

    public Page<Webhook> listWebhooks(Caller caller, Optional<String> cursor, Integer limit) {
        requireAdmin(caller);
        int size = Page.checkLimit(limit);
        List<Webhook> rows = webhooks.list(caller.organization(), cursor.map(Cursor::decode), size + 1);
        List<Webhook> items = rows.size() > size ? rows.subList(0, size) : rows;
        Optional<String> next = rows.size() > size
                ? Optional.of(new Cursor(items.get(size - 1).createdAt(), items.get(size - 1).id()).encode())
                : Optional.empty();
        return new Page<>(items, next);
    }

    public Webhook getWebhook(Caller caller, String id) {
        requireAdmin(caller);
        return ownWebhook(caller, id);
    }

    /** PUT: URL and events as given, description and active as given or their defaults (none, true). */
    public Webhook replaceWebhook(Caller caller, String id, WebhookDraft draft) {
        requireAdmin(caller);
        requireNonNull(draft, "draft is null");
        Webhook webhook = ownWebhook(caller, id);
        webhook.change(settings(draft.url(), draft.events(), draft.description(), draft.active()), clock.instant());
        audit.record(audited(caller, AuditAction.WEBHOOK_SUBSCRIPTION_UPDATED, webhook).with("change", "REPLACED"));
        return webhook;
    }

    /** PATCH: the fields present change; an empty description removes it. */
    public Webhook changeWebhook(Caller caller, String id, WebhookDraft change) {
        requireAdmin(caller);
        requireNonNull(change, "change is null");
        Webhook webhook = ownWebhook(caller, id);
        WebhookSettings current = webhook.settings();
        URI url = change.url() == null ? current.url() : endpoint(change.url());
        Set<WebhookEventType> events = change.events() == null ? current.events() : WebhookRules.events(change.events());
        Optional<String> description = change.description() == null ? current.description()
                : WebhookRules.description(change.description());
        boolean active = change.active() == null ? current.active() : change.active();
        webhook.change(new WebhookSettings(url, events, description, active), clock.instant());
        audit.record(audited(caller, AuditAction.WEBHOOK_SUBSCRIPTION_UPDATED, webhook).with("change", "PATCHED"));
        return webhook;
    }

    /** Unsubscribes: the subscription goes with its delivery log; nothing more is sent to it. */
    public void deleteWebhook(Caller caller, String id) {
        requireAdmin(caller);
        Webhook webhook = ownWebhook(caller, id);
        deliveries.removeOfWebhook(webhook.id());
        webhooks.remove(webhook);
        audit.record(audited(caller, AuditAction.WEBHOOK_SUBSCRIPTION_DELETED, webhook));
    }

    /** A new secret (the admin's, checked, or a generated one); attempts from now on are signed with it. */
    public Webhook rotateSecret(Caller caller, String id, Optional<String> secret) {
        requireAdmin(caller);
        Webhook webhook = ownWebhook(caller, id);
        webhook.replaceSecret(secret.map(WebhookRules::secret).orElseGet(WebhookRules::newSecret), secrets,
                clock.instant());
        audit.record(audited(caller, AuditAction.WEBHOOK_SUBSCRIPTION_UPDATED, webhook).with("change", "SECRET_ROTATED")
                .with("secretGenerated", secret.isEmpty()));
        return webhook;
    }

    /** The subscription's deliveries, newest first, optionally of one status. */
    public Page<WebhookDelivery> listDeliveries(Caller caller, String webhookId, Optional<DeliveryStatus> status,
            Optional<String> cursor, Integer limit) {
        requireAdmin(caller);
        Webhook webhook = ownWebhook(caller, webhookId);
        int size = Page.checkLimit(limit);
        List<WebhookDelivery> rows = deliveries.list(webhook.id(), status, cursor.map(Cursor::decode), size + 1);
        List<WebhookDelivery> items = rows.size() > size ? rows.subList(0, size) : rows;
        Optional<String> next = rows.size() > size
                ? Optional.of(new Cursor(items.get(size - 1).createdAt(), items.get(size - 1).id()).encode())
                : Optional.empty();
        return new Page<>(items, next);
    }

    /** One delivery of the subscription with its attempts. */
    public WebhookDeliveryDetail getDelivery(Caller caller, String webhookId, String deliveryId) {
        requireAdmin(caller);
        Webhook webhook = ownWebhook(caller, webhookId);
        WebhookDelivery delivery = deliveries.find(deliveryId)
                .filter(found -> found.webhookId().equals(webhook.id()))
                .orElseThrow(() -> new DomainException(ErrorCode.WEBHOOK_DELIVERY_NOT_FOUND,
                        "No such delivery of this webhook"));
        return new WebhookDeliveryDetail(delivery, deliveries.attempts(delivery.id()));
    }

    /** The entry for a change of the subscription by the admin: what it receives, where, and whether it is active. */
    private static AuditRecord audited(Caller caller, AuditAction action, Webhook webhook) {
        String events = webhook.events().stream().map(WebhookEventType::wireName).sorted()
                .collect(Collectors.joining(","));
        return AuditRecord.by(new Actor.User(caller)).in(webhook.organization())
                .did(action, AuditResourceType.WEBHOOK_SUBSCRIPTION, webhook.id())
                .with("events", events).with("active", webhook.active()).with("host", webhook.url().getHost());
    }

    private WebhookSettings settings(String url, List<String> events, String description, Boolean active) {
        return new WebhookSettings(endpoint(url), WebhookRules.events(events),
                WebhookRules.description(description), active == null || active);
    }

    /** A valid URL whose host is not on the server's own networks (unless this server allows that). */
    private URI endpoint(String value) {
        URI url = WebhookRules.url(value, allowHttp);
        if (!allowPrivateAddresses) {
            WebhookEndpoints.nonPublicAddress(url, resolver).ifPresent(address -> {
                throw new DomainException(ErrorCode.WEBHOOK_URL_INVALID, "The endpoint's host is a private, loopback "
                        + "or link-local address (" + address.getHostAddress() + "); this server delivers to such "
                        + "addresses only with kaiwa.webhook.allow-private-addresses=true",
                        List.of(new FieldError("url", "must not point at a private, loopback or link-local address")));
            });
        }
        return url;
    }

    private Webhook ownWebhook(Caller caller, String id) {
        return webhooks.find(id)
                .filter(webhook -> webhook.organization().equals(caller.organization()))
                .orElseThrow(() -> new DomainException(ErrorCode.WEBHOOK_NOT_FOUND, "No such webhook in your organization"));
    }

    private static void requireAdmin(Caller caller) {
        requireNonNull(caller, "caller is null");
        if (!caller.isAdmin()) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Webhooks are managed by the organization's admins (kaiwa-admin)");
        }
    }
}
