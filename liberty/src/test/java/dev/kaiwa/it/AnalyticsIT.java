package dev.kaiwa.it;

import static dev.kaiwa.it.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Analytics over calls of a fresh organization, so every figure is known exactly: admins and
 * auditors see the whole organization, hosts their own calls, plain users nothing.
 */
class AnalyticsIT {
    private final Kaiwa kaiwa = new Kaiwa();
    private final ApiClient api = kaiwa.api();
    private final Organization organization = Organization.fresh();
    private final TestUser firstHost = organization.host();
    private final TestUser secondHost = organization.host();
    private final Instant day = CallRequests.tomorrow();

    @Test
    void adminSeesTheFiguresOfTheWholeOrganization() {
        Calls calls = createCalls();

        JsonObject figures = analytics(organization.admin());

        assertThat(figures.getInt("totalCalls")).isEqualTo(4);
        assertThat(figures.getInt("activeCalls")).isEqualTo(1);
        assertThat(figures.getInt("participants")).isEqualTo(2);
        assertThat(figures.getJsonNumber("averageDurationSeconds").doubleValue())
                .isCloseTo(calls.endedDurationSeconds(), within(1.0));
        JsonObject byType = figures.getJsonObject("callsByType");
        assertThat(byType.getInt("VIDEO", 0)).isEqualTo(2);
        assertThat(byType.getInt("VOICE", 0)).isEqualTo(1);
        assertThat(byType.getInt("SCREEN_SHARE", 0)).isEqualTo(1);
        assertThat(byType.getInt("BROADCAST", 0)).isZero();
        JsonObject byStatus = figures.getJsonObject("callsByStatus");
        assertThat(byStatus.getInt("ENDED", 0)).isEqualTo(1);
        assertThat(byStatus.getInt("IN_PROGRESS", 0)).isEqualTo(1);
        assertThat(byStatus.getInt("CANCELLED", 0)).isEqualTo(1);
        assertThat(byStatus.getInt("SCHEDULED", 0)).isEqualTo(1);
        assertThat(byStatus.getInt("PAUSED", 0) + byStatus.getInt("MISSED", 0) + byStatus.getInt("FAILED", 0))
                .isZero();
        List<JsonObject> top = figures.getJsonArray("topParticipants").getValuesAs(JsonObject.class);
        assertThat(top).hasSize(2);
        assertThat(top).allSatisfy(entry -> {
            assertThat(entry.getInt("calls")).isEqualTo(1);
            assertThat(entry.getJsonNumber("minutes").doubleValue()).isGreaterThanOrEqualTo(0);
        });
        assertThat(top).extracting(entry -> entry.getString("participant")).contains(firstHost.subject());
        assertThat(Times.instant(figures, "from")).isEqualTo(day);
        assertThat(Times.instant(figures, "to")).isEqualTo(day.plus(Duration.ofDays(1)));
    }

    @Test
    void auditorSeesTheSameFiguresAsAnAdmin() {
        createCalls();

        JsonObject figures = analytics(organization.auditor());

        assertThat(figures.getInt("totalCalls")).isEqualTo(4);
        assertThat(figures.getInt("activeCalls")).isEqualTo(1);
        assertThat(figures.getInt("participants")).isEqualTo(2);
    }

    @Test
    void hostSeesOnlyTheirOwnCalls() {
        createCalls();

        JsonObject first = analytics(firstHost);
        JsonObject second = analytics(secondHost);

        assertThat(first.getInt("totalCalls")).isEqualTo(2);
        assertThat(first.getInt("activeCalls")).isEqualTo(1);
        assertThat(first.getJsonObject("callsByType").getInt("VIDEO", 0)).isEqualTo(1);
        assertThat(first.getJsonObject("callsByType").getInt("VOICE", 0)).isEqualTo(1);
        assertThat(second.getInt("totalCalls")).isEqualTo(2);
        assertThat(second.getInt("activeCalls")).isZero();
        assertThat(second.getInt("participants")).isZero();
        assertThat(second.getJsonArray("topParticipants")).isEmpty();
    }

    @Test
    void anotherOrganizationCountsNoneOfTheseCalls() {
        createCalls();

        JsonObject figures = analytics(Organization.fresh().admin());

        assertThat(figures.getInt("totalCalls")).isZero();
        assertThat(figures.getInt("participants")).isZero();
        assertThat(figures.getJsonArray("topParticipants")).isEmpty();
    }

    @Test
    void callsOutsideTheRangeAreNotCounted() {
        kaiwa.createCall(firstHost, CallRequests.call("VIDEO", day.minusSeconds(1)).build());
        kaiwa.createCall(firstHost, CallRequests.call("VIDEO", day.plus(Duration.ofDays(1)).plusSeconds(1)).build());
        kaiwa.createCall(firstHost, CallRequests.call("VOICE", day.plus(Duration.ofHours(1))).build());

        JsonObject figures = analytics(organization.admin());

        assertThat(figures.getInt("totalCalls")).isEqualTo(1);
        assertThat(figures.getJsonObject("callsByType").getInt("VOICE", 0)).isEqualTo(1);
    }

    @Test
    void rangeDefaultsToTheLastThirtyDays() {
        Instant now = Instant.now();
        kaiwa.createCall(firstHost, CallRequests.call("VIDEO", now.minus(Duration.ofHours(1))).build());
        kaiwa.createCall(firstHost, CallRequests.call("VIDEO", now.minus(Duration.ofDays(40))).build());
        kaiwa.createCall(firstHost, CallRequests.call("VIDEO", now.plus(Duration.ofDays(1))).build());

        JsonObject figures = api.get("/analytics").as(organization.admin()).send().expectStatus(200).json();

        assertThat(figures.getInt("totalCalls")).isEqualTo(1);
        Instant to = Times.instant(figures, "to");
        assertThat(to).isBetween(now.minusSeconds(60), Instant.now().plusSeconds(60));
        assertThat(Duration.between(Times.instant(figures, "from"), to)).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void plainUsersCannotReadAnalytics() {
        assertProblem(api.get("/analytics").as(organization.user()).send(), 403, "FORBIDDEN");
    }

    @Test
    void analyticsNeedAToken() {
        assertProblem(api.get("/analytics").send(), 401, "UNAUTHENTICATED");
    }

    /**
     * In the day under test: the first host's ended VIDEO call (host and one guest joined) and
     * running VOICE call; the second host's cancelled VIDEO call and scheduled SCREEN_SHARE call.
     */
    private Calls createCalls() {
        String ended = kaiwa.createCall(firstHost, CallRequests.call("VIDEO", day.plus(Duration.ofHours(1))).build())
                .getString("id");
        kaiwa.move(firstHost, ended, "start");
        kaiwa.join(firstHost, ended);
        kaiwa.guest(firstHost, ended, "PARTICIPANT");
        Eventually.sleep(Duration.ofMillis(1_500));
        long endedDuration = kaiwa.move(firstHost, ended, "end").getJsonNumber("durationSeconds").longValue();

        String running = kaiwa.createCall(firstHost, CallRequests.call("VOICE", day.plus(Duration.ofHours(2))).build())
                .getString("id");
        kaiwa.move(firstHost, running, "start");

        String cancelled = kaiwa.createCall(secondHost, CallRequests.call("VIDEO", day.plus(Duration.ofHours(3))).build())
                .getString("id");
        kaiwa.move(secondHost, cancelled, "cancel");

        kaiwa.createCall(secondHost, CallRequests.call("SCREEN_SHARE", day.plus(Duration.ofHours(4))).build());
        return new Calls(endedDuration);
    }

    private JsonObject analytics(TestUser reader) {
        return api.get("/analytics").as(reader).query("from", day).query("to", day.plus(Duration.ofDays(1))).send()
                .expectStatus(200).json();
    }

    /** What the analytics of {@link #createCalls()} must reflect. */
    private record Calls(long endedDurationSeconds) {
    }
}
