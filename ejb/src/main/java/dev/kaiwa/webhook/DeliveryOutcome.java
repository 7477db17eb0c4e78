package dev.kaiwa.webhook;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * How one attempt went: the endpoint's HTTP status, or the error that kept it from answering (refused
 * connection, timeout, TLS failure), and how long it took. Only a 2xx status is a delivery.
 */
public record DeliveryOutcome(Integer statusCode, String error, Duration elapsed) {
    /** Longest error text kept in the delivery log. */
    public static final int MAX_ERROR = 500;

    public DeliveryOutcome {
        requireNonNull(elapsed, "elapsed is null");
        if (statusCode == null && error == null) {
            throw new IllegalArgumentException("an outcome has a status code or an error");
        }
        if (error != null && error.length() > MAX_ERROR) {
            error = error.substring(0, MAX_ERROR);
        }
    }

    /** The endpoint answered with this status. */
    public static DeliveryOutcome answered(int statusCode, Duration elapsed) {
        String error = statusCode >= 200 && statusCode < 300 ? null : "HTTP " + statusCode;
        return new DeliveryOutcome(statusCode, error, elapsed);
    }

    /** No answer: the connection or the exchange failed. */
    public static DeliveryOutcome failed(String error, Duration elapsed) {
        return new DeliveryOutcome(null, requireNonNull(error, "error is null"), elapsed);
    }

    public boolean delivered() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }

    public Optional<Integer> status() {
        return Optional.ofNullable(statusCode);
    }

    public Optional<String> errorText() {
        return Optional.ofNullable(error);
    }
}
