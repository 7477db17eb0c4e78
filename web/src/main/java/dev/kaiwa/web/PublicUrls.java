package dev.kaiwa.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Every link Kaiwa hands out is built on {@code kaiwa.public-url}, whatever host the request came in on. */
@ApplicationScoped
public class PublicUrls {
    @Inject
    @ConfigProperty(name = "kaiwa.public-url", defaultValue = "http://localhost:9080")
    String publicUrl;

    private String base() {
        return publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    public URI api(String path) {
        return URI.create(base() + "/api/v1" + path);
    }

    /** The signaling WebSocket of a call: ws:// or wss:// after the public URL's scheme. */
    public String signaling(String callId) {
        String base = base();
        String socketBase = base.startsWith("https://") ? "wss://" + base.substring(8)
                : base.startsWith("http://") ? "ws://" + base.substring(7) : base;
        return socketBase + "/ws/calls/" + callId;
    }
}
