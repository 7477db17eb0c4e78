package dev.kaiwa.web.signaling;

import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Refuses the WebSocket handshake (403) for browser origins that are neither in
 * {@code kaiwa.cors.allowed-origins} nor the origin of {@code kaiwa.public-url}. Clients that send no
 * Origin (servers, native apps) are not browsers and are let through; they still need a ticket.
 */
public class SignalingConfigurator extends ServerEndpointConfig.Configurator {
    @Override
    public boolean checkOrigin(String origin) {
        if (origin == null || origin.isBlank()) {
            return true;
        }
        Config config = ConfigProvider.getConfig();
        String normalized = normalize(origin);
        String allowed = config.getOptionalValue("kaiwa.cors.allowed-origins", String.class).orElse("");
        if (Arrays.stream(allowed.split(",")).map(String::strip).filter(value -> !value.isEmpty())
                .anyMatch(value -> normalize(value).equals(normalized))) {
            return true;
        }
        return config.getOptionalValue("kaiwa.public-url", String.class)
                .map(SignalingConfigurator::originOf)
                .map(normalized::equals)
                .orElse(false);
    }

    static String normalize(String origin) {
        String value = origin.strip().toLowerCase(Locale.ROOT);
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    static String originOf(String url) {
        try {
            URI uri = URI.create(url.strip());
            String origin = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
            return origin.toLowerCase(Locale.ROOT);
        }
        catch (IllegalArgumentException e) {
            return "";
        }
    }
}
