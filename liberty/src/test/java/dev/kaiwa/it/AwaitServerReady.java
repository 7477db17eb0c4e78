package dev.kaiwa.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Before the first test class, waits until the server under test reports ready ({@code /health/ready} 200):
 * the build's start goal returns once Liberty runs, and on a busy machine the application may need longer.
 * Registered for every test class (META-INF/services, autodetection on); a no-op without {@code kaiwa.base-url}.
 */
public class AwaitServerReady implements BeforeAllCallback {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static volatile boolean ready;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (ready || System.getProperty("kaiwa.base-url") == null) {
            return;
        }
        synchronized (AwaitServerReady.class) {
            if (!ready) {
                await(URI.create(TestServer.baseUrl() + "/health/ready"));
                ready = true;
            }
        }
    }

    private static void await(URI health) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(TIMEOUT);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(10))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body().lines().findFirst().orElse("");
            }
            catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("The server under test is not ready after " + TIMEOUT + " (" + health + ": "
                + last + ")");
    }
}
