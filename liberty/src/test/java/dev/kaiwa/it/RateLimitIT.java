package dev.kaiwa.it;

import static dev.kaiwa.it.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Joins and invites are limited per caller (20 a minute on the test server); the 21st within the
 * minute is told to come back later, and other callers are not affected.
 */
class RateLimitIT {
    /** Requests sent after the limit before the test gives up waiting for a 429. */
    private static final int GRACE = 5;

    private final Kaiwa kaiwa = new Kaiwa();
    private final ApiClient api = kaiwa.api();
    private final Organization organization = Organization.fresh();
    private final TestUser host = organization.host();

    @Test
    void joiningTooOftenIsRateLimited() {
        String callId = kaiwa.createCall(host).getString("id");

        ApiResponse limited = firstRateLimited(() -> api.post("/calls/" + callId + "/join").as(host).send());

        assertRateLimited(limited);
    }

    @Test
    void invitingTooOftenIsRateLimited() {
        String callId = kaiwa.createCall(host).getString("id");

        ApiResponse limited = firstRateLimited(() -> api.post("/calls/" + callId + "/invites").as(host)
                .json(CallRequests.guestInvite().build()).send());

        assertRateLimited(limited);
    }

    @Test
    void rateLimitOfOneCallerLeavesOthersAlone() {
        String callId = kaiwa.createCall(host).getString("id");
        firstRateLimited(() -> api.post("/calls/" + callId + "/join").as(host).send());
        TestUser colleague = organization.host();
        String colleaguesCallId = kaiwa.createCall(colleague).getString("id");

        JoinedParticipant joined = kaiwa.join(colleague, colleaguesCallId);

        assertThat(joined.participant().getString("role")).isEqualTo("HOST");
    }

    /**
     * Sends the request until it is refused with 429: at least the first {@link TestServer#rateLimitPerMinute()}
     * must succeed, and one of the next few must be refused (the window may refill a little meanwhile).
     */
    private static ApiResponse firstRateLimited(Request request) {
        List<Integer> statuses = new ArrayList<>();
        for (int attempt = 1; attempt <= TestServer.rateLimitPerMinute() + GRACE; attempt++) {
            ApiResponse response = request.send();
            statuses.add(response.status());
            if (response.status() == 429) {
                assertThat(attempt).as("requests before the first 429: %s", statuses)
                        .isGreaterThan(TestServer.rateLimitPerMinute());
                return response;
            }
            assertThat(response.status()).as(response.describe()).isBetween(200, 299);
        }
        throw new AssertionError("No 429 after " + statuses.size() + " requests: " + statuses);
    }

    private static void assertRateLimited(ApiResponse response) {
        assertProblem(response, 429, "RATE_LIMITED");
        String retryAfter = response.header("Retry-After").orElseThrow(() -> new AssertionError(
                "No Retry-After in " + response.describe()));
        assertThat(retryAfter).matches("\\d+");
        assertThat(Integer.parseInt(retryAfter)).isBetween(1, 60);
    }

    /** One request, sent again and again. */
    @FunctionalInterface
    private interface Request {
        ApiResponse send();
    }
}
