package dev.kaiwa.adapter.http;

import dev.kaiwa.webhook.WebhookEndpoints;
import dev.kaiwa.webhook.WebhookTransport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes the webhook transport from {@code kaiwa.webhook.connect-timeout}, {@code kaiwa.webhook.read-timeout} and
 * {@code kaiwa.webhook.allow-private-addresses}.
 */
@ApplicationScoped
public class WebhookTransportProducer {
    @Inject
    @ConfigProperty(name = "kaiwa.webhook.connect-timeout", defaultValue = "PT5S")
    Duration connectTimeout;

    @Inject
    @ConfigProperty(name = "kaiwa.webhook.read-timeout", defaultValue = "PT10S")
    Duration readTimeout;

    @Inject
    @ConfigProperty(name = "kaiwa.webhook.allow-private-addresses", defaultValue = "false")
    boolean allowPrivateAddresses;

    @Produces
    @ApplicationScoped
    WebhookTransport webhookTransport() {
        return new HttpClientWebhookTransport(connectTimeout, readTimeout, allowPrivateAddresses,
                WebhookEndpoints.SYSTEM);
    }
}
