package dev.kaiwa.audit;

import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/**
 * Where the current request comes from, as the web module worked it out (the peer's address, or the
 * client named by trusted proxies in {@code X-Forwarded-For}). Empty for work no request started: timers,
 * sweeps, background jobs.
 */
@RequestScoped
public class RequestOrigin {
    private String clientAddress;

    public Optional<String> clientAddress() {
        return Optional.ofNullable(clientAddress);
    }

    public void setClientAddress(String clientAddress) {
        this.clientAddress = clientAddress;
    }
}
