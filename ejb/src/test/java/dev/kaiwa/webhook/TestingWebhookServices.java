package dev.kaiwa.webhook;

import static java.util.Objects.requireNonNull;

import dev.kaiwa.adapter.crypto.TinkSecretBox;
import dev.kaiwa.audit.AuditTrail;
import dev.kaiwa.audit.RequestOrigin;
import dev.kaiwa.audit.TestingAuditServices;
import dev.kaiwa.call.CallRepository;
import dev.kaiwa.recording.RecordingRepository;
import dev.kaiwa.webhook.jpa.TestingJpaWebhookRepositories;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;

/**
 * The webhook feature's beans wired by hand on one EntityManager, the way CDI wires them in the server, with
 * the configuration the tests name (allow-http on, as on the test server), a fixed jitter (the middle) and an
 * audit trail whose requests come from {@link #CLIENT_ADDRESS}.
 */
public final class TestingWebhookServices {
    /** The box that seals the secrets of every subscription these beans store. */
    public static final SecretBox SECRETS = TinkSecretBox.withNewKeyset();

    public static final int MAX_ATTEMPTS = 3;
    public static final Duration INITIAL_BACKOFF = Duration.ofSeconds(10);
    public static final Duration MAX_BACKOFF = Duration.ofMinutes(10);
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    /** Twice the connect and read timeouts, and the margin. */
    public static final Duration LEASE = Duration.ofSeconds(60);
    public static final double JITTER = 0.5;
    /** Where the admins' requests come from, as the audit trail records it. */
    public static final String CLIENT_ADDRESS = "192.0.2.20";

    private final WebhookRepository webhooks;
    private final WebhookDeliveryRepository deliveries;
    private final AuditTrail auditTrail;
    private final WebhookEvents events;
    private final WebhookService service;
    private final WebhookDeliveryService deliveryService;

    public TestingWebhookServices(EntityManager entityManager, Clock clock) {
        requireNonNull(entityManager, "entityManager is null");
        requireNonNull(clock, "clock is null");
        this.webhooks = TestingJpaWebhookRepositories.webhooks(entityManager);
        this.deliveries = TestingJpaWebhookRepositories.deliveries(entityManager);
        RequestOrigin origin = new RequestOrigin();
        origin.setClientAddress(CLIENT_ADDRESS);
        this.auditTrail = TestingAuditServices.auditTrail(entityManager, origin, clock);

        this.events = new WebhookEvents();
        events.webhooks = webhooks;
        events.deliveries = deliveries;
        events.clock = clock;

        this.service = new WebhookService();
        service.webhooks = webhooks;
        service.deliveries = deliveries;
        service.audit = auditTrail;
        service.clock = clock;
        service.allowHttp = true;
        service.allowPrivateAddresses = true;
        service.secrets = SECRETS;

        this.deliveryService = new WebhookDeliveryService();
        deliveryService.webhooks = webhooks;
        deliveryService.deliveries = deliveries;
        deliveryService.clock = clock;
        deliveryService.secrets = SECRETS;
        deliveryService.maxAttempts = MAX_ATTEMPTS;
        deliveryService.initialBackoff = INITIAL_BACKOFF;
        deliveryService.maxBackoff = MAX_BACKOFF;
        deliveryService.connectTimeout = CONNECT_TIMEOUT;
        deliveryService.readTimeout = READ_TIMEOUT;
        deliveryService.random = () -> JITTER;
    }

    /** The listener that turns the features' events into webhook events, on these beans. */
    public WebhookEventListener listener(CallRepository calls, RecordingRepository recordings, Clock clock) {
        WebhookEventListener listener = new WebhookEventListener();
        listener.events = events;
        listener.calls = requireNonNull(calls, "calls is null");
        listener.recordings = requireNonNull(recordings, "recordings is null");
        listener.clock = requireNonNull(clock, "clock is null");
        return listener;
    }

    /**
     * A service that accepts only https URLs on public addresses, as a server with the default configuration does.
     */
    public WebhookService serviceWithoutHttp() {
        WebhookService strict = new WebhookService();
        strict.webhooks = service.webhooks;
        strict.deliveries = service.deliveries;
        strict.audit = service.audit;
        strict.clock = service.clock;
        strict.allowHttp = false;
        strict.allowPrivateAddresses = false;
        strict.secrets = SECRETS;
        return strict;
    }

    public WebhookRepository webhooks() {
        return webhooks;
    }

    public WebhookDeliveryRepository deliveries() {
        return deliveries;
    }

    public AuditTrail auditTrail() {
        return auditTrail;
    }

    public WebhookEvents events() {
        return events;
    }

    public WebhookService service() {
        return service;
    }

    public WebhookDeliveryService deliveryService() {
        return deliveryService;
    }
}
