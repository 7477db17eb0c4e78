package dev.kaiwa.it;

import static dev.kaiwa.it.Problems.assertProblem;
import static dev.kaiwa.it.Problems.assertProblemWithAnyCode;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dev token endpoint: it mints tokens the API accepts, and a configuration override switches
 * it off while the server runs. Each request counts against the per-IP limit of the endpoint, so
 * these tests poll slowly and wait when told to.
 */
class DevTokenIT {
    private static final Duration CONFIGURATION_PATIENCE = Duration.ofSeconds(45);
    private static final Duration POLL_PAUSE = Duration.ofMillis(1_500);
    private static final String OVERRIDE_FILE = "zz-dev-tokens.xml";

    private final Kaiwa kaiwa = new Kaiwa();
    private final ApiClient api = kaiwa.api();
    private final Organization organization = Organization.fresh();

    @Test
    void devTokenIsAcceptedAsAnSsoToken() {
        String subject = "dev-" + Organization.uniqueSuffix();

        JsonObject issued = requestToken(subject).expectStatus(200).json();

        assertThat(issued.getString("token")).isNotBlank();
        assertThat(Times.instant(issued, "expiresAt")).isAfter(Instant.now().plusSeconds(60));
        JsonObject call = api.post("/calls").bearer(issued.getString("token")).json(CallRequests.videoCall().build())
                .send().expectStatus(201).json();
        assertThat(call.getString("createdBy")).isEqualTo(subject);
        assertThat(call.getString("organization")).isEqualTo(organization.name());
    }

    @Test
    void devTokenRequestsThatMakeNoSenseAreRejected() {
        for (String body : List.of("{}", "{\"subject\": ", "{\"subject\": \"\", \"groups\": [\"kaiwa-host\"]}",
                "{\"subject\": \"dev\", \"groups\": \"kaiwa-host\"}")) {
            ApiResponse response = api.post("/dev/token").body(body, "application/json").send();

            assertProblemWithAnyCode(response, 400, "VALIDATION_FAILED", "MALFORMED_REQUEST");
        }
    }

    @Test
    void configurationOverrideSwitchesTheEndpointOffWhileTheServerRuns() throws IOException {
        Path override = TestServer.serverDirectory().resolve("configDropins").resolve("overrides").resolve(OVERRIDE_FILE);
        try {
            writeAtomically(override, "<server>\n    <variable name=\"kaiwa.dev.tokens\" value=\"false\"/>\n</server>\n");

            ApiResponse switchedOff = awaitTokenStatus(404);

            assertProblem(switchedOff, 404, "RESOURCE_NOT_FOUND");
        }
        finally {
            Files.deleteIfExists(override);
            awaitTokenStatus(200);
        }
    }

    private ApiResponse requestToken(String subject) {
        JsonObject body = Json.createObjectBuilder()
                .add("subject", subject)
                .add("groups", Json.createArrayBuilder().add(TestUser.HOST))
                .add("org", organization.name())
                .add("name", "Dev " + subject)
                .add("email", subject + "@example.com")
                .build();
        return api.post("/dev/token").json(body).send();
    }

    /** Polls the endpoint until it answers {@code status}, waiting out any 429 it sends meanwhile. */
    private ApiResponse awaitTokenStatus(int status) {
        Instant deadline = Instant.now().plus(CONFIGURATION_PATIENCE);
        ApiResponse response = requestToken("dev-" + Organization.uniqueSuffix());
        while (response.status() != status) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("The dev token endpoint did not answer " + status + " within "
                        + CONFIGURATION_PATIENCE.toSeconds() + " s; last: " + response.describe());
            }
            Duration pause = response.status() == 429
                    ? Duration.ofSeconds(Long.parseLong(response.header("Retry-After").orElse("5")))
                    : POLL_PAUSE;
            Eventually.sleep(pause);
            response = requestToken("dev-" + Organization.uniqueSuffix());
        }
        return response;
    }

    /** Liberty reads every *.xml in configDropins: the file appears complete or not at all. */
    private static void writeAtomically(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), "." + OVERRIDE_FILE, ".tmp");
            Files.writeString(temporary, content, UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
