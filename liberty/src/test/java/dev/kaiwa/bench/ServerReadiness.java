package dev.kaiwa.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Waits until the server reports itself ready; liberty:start returns when the EAR has started, not its checks. */
final class ServerReadiness {
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private ServerReadiness() {
    }

    static void await(URI baseUrl) throws IOException, InterruptedException {
        HttpClient http = KaiwaClient.newHttpClient();
        URI ready = baseUrl.resolve("/health/ready");
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            }
            catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(1000);
        }
        throw new IOException("server at " + baseUrl + " not ready within " + READY_TIMEOUT + ": " + last);
    }
}
