package dev.kaiwa.it;

import static dev.kaiwa.it.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The moves of a call's life over REST: every legal one, the illegal ones, and the duration they add up to. */
class CallLifecycleIT {
    private final Kaiwa kaiwa = new Kaiwa();
    private final ApiClient api = kaiwa.api();
    private final TestUser host = Organization.fresh().host();

    @ParameterizedTest(name = "{0} --{1}--> {2}")
    @CsvSource({
            "SCHEDULED, start, IN_PROGRESS, STARTED",
            "SCHEDULED, cancel, CANCELLED, CANCELLED",
            "IN_PROGRESS, pause, PAUSED, PAUSED",
            "IN_PROGRESS, end, ENDED, ENDED",
            "PAUSED, resume, IN_PROGRESS, RESUMED",
            "PAUSED, end, ENDED, ENDED"
    })
    void legalMoveChangesTheStatusAndIsLogged(String from, String action, String to, String eventType) {
        String callId = callIn(from);
        int eventsBefore = kaiwa.events(host, callId).size();

        JsonObject moved = kaiwa.move(host, callId, action);

        assertThat(moved.getString("status")).isEqualTo(to);
        assertThat(kaiwa.getCall(host, callId).getString("status")).isEqualTo(to);
        List<JsonObject> events = kaiwa.events(host, callId);
        assertThat(events).hasSize(eventsBefore + 1);
        JsonObject last = events.get(events.size() - 1);
        assertThat(last.getString("type")).isEqualTo(eventType);
        assertThat(last.getString("actor", "")).contains(host.subject());
    }

    @ParameterizedTest(name = "{0} --{1}--> refused")
    @CsvSource({
            "SCHEDULED, pause",
            "SCHEDULED, resume",
            "SCHEDULED, end",
            "IN_PROGRESS, start",
            "IN_PROGRESS, resume",
            "IN_PROGRESS, cancel",
            "PAUSED, start",
            "PAUSED, pause",
            "PAUSED, cancel"
    })
    void illegalMoveIsRejectedAndChangesNothing(String from, String action) {
        String callId = callIn(from);
        int eventsBefore = kaiwa.events(host, callId).size();

        ApiResponse response = api.post("/calls/" + callId + "/" + action).as(host).send();

        assertProblem(response, 409, "ILLEGAL_CALL_TRANSITION");
        assertThat(kaiwa.getCall(host, callId).getString("status")).isEqualTo(from);
        assertThat(kaiwa.events(host, callId)).hasSize(eventsBefore);
    }

    @ParameterizedTest(name = "{0} --{1}--> already ended")
    @CsvSource({
            "ENDED, start",
            "ENDED, pause",
            "ENDED, resume",
            "ENDED, end",
            "ENDED, cancel",
            "CANCELLED, start",
            "CANCELLED, pause",
            "CANCELLED, resume",
            "CANCELLED, end",
            "CANCELLED, cancel"
    })
    void noMoveLeadsOutOfATerminalStatus(String terminal, String action) {
        String callId = callIn(terminal);

        ApiResponse response = api.post("/calls/" + callId + "/" + action).as(host).send();

        assertProblem(response, 409, "CALL_ALREADY_ENDED");
        assertThat(kaiwa.getCall(host, callId).getString("status")).isEqualTo(terminal);
    }

    @Test
    void startAndEndStampTheCall() {
        String callId = kaiwa.createCall(host).getString("id");
        Instant beforeStart = Instant.now().minusSeconds(5);

        JsonObject started = kaiwa.move(host, callId, "start");
        JsonObject ended = kaiwa.move(host, callId, "end");

        Instant startedAt = Times.instant(started, "startedAt");
        assertThat(startedAt).isAfter(beforeStart);
        assertThat(Times.isAbsent(started, "endedAt")).as("endedAt of %s", started).isTrue();
        assertThat(Times.instant(ended, "startedAt")).isEqualTo(startedAt);
        assertThat(Times.instant(ended, "endedAt")).isAfterOrEqualTo(startedAt);
    }

    @Test
    void resumeKeepsTheFirstStartTime() {
        String callId = kaiwa.createCall(host).getString("id");
        Instant startedAt = Times.instant(kaiwa.move(host, callId, "start"), "startedAt");
        kaiwa.move(host, callId, "pause");

        JsonObject resumed = kaiwa.move(host, callId, "resume");

        assertThat(Times.instant(resumed, "startedAt")).isEqualTo(startedAt);
    }

    @Test
    void cancelledCallWasNeverStarted() {
        String callId = kaiwa.createCall(host).getString("id");

        JsonObject cancelled = kaiwa.move(host, callId, "cancel");

        assertThat(Times.isAbsent(cancelled, "startedAt")).as("startedAt of %s", cancelled).isTrue();
        assertThat(cancelled.getJsonNumber("durationSeconds").longValue()).isZero();
    }

    @Test
    void durationLeavesOutThePausedTime() {
        String callId = kaiwa.createCall(host).getString("id");
        kaiwa.move(host, callId, "start");
        Eventually.sleep(Duration.ofSeconds(1));
        kaiwa.move(host, callId, "pause");
        Eventually.sleep(Duration.ofSeconds(3));
        kaiwa.move(host, callId, "resume");
        Eventually.sleep(Duration.ofSeconds(1));

        JsonObject ended = kaiwa.move(host, callId, "end");

        List<JsonObject> events = kaiwa.events(host, callId);
        Duration paused = Duration.between(occurredAt(events, "PAUSED"), occurredAt(events, "RESUMED"));
        Duration wallClock = Duration.between(Times.instant(ended, "startedAt"), Times.instant(ended, "endedAt"));
        long expectedSeconds = wallClock.minus(paused).toSeconds();
        long durationSeconds = ended.getJsonNumber("durationSeconds").longValue();
        assertThat(paused).isGreaterThanOrEqualTo(Duration.ofMillis(2_900));
        assertThat(durationSeconds).isBetween(expectedSeconds - 1, expectedSeconds + 1);
        assertThat(durationSeconds).isLessThan(wallClock.toSeconds() - 1);
        assertThat(kaiwa.getCall(host, callId).getJsonNumber("durationSeconds").longValue()).isEqualTo(durationSeconds);
    }

    @Test
    void durationOfARunningCallGrows() {
        String callId = kaiwa.startedCall(host).getString("id");
        Eventually.sleep(Duration.ofMillis(2_200));

        JsonObject running = kaiwa.getCall(host, callId);

        assertThat(running.getJsonNumber("durationSeconds").longValue()).isBetween(1L, 10L);
    }

    @Test
    void eventLogTellsTheWholeLifeInOrder() {
        String callId = kaiwa.createCall(host).getString("id");
        for (String action : List.of("start", "pause", "resume", "pause", "end")) {
            kaiwa.move(host, callId, action);
        }

        List<JsonObject> events = kaiwa.events(host, callId);

        assertThat(events).extracting(event -> event.getString("type"))
                .containsExactly("CREATED", "STARTED", "PAUSED", "RESUMED", "PAUSED", "ENDED");
        assertThat(events).extracting(event -> Times.instant(event, "occurredAt")).isSorted();
        assertThat(events).extracting(event -> event.getString("id")).doesNotHaveDuplicates();
    }

    @Test
    void movesOfACallOfAnotherHostAreNotFound() {
        String callId = kaiwa.createCall(host).getString("id");
        TestUser stranger = Organization.fresh().host();

        assertProblem(api.post("/calls/" + callId + "/start").as(stranger).send(), 404, "CALL_NOT_FOUND");
        assertProblem(api.post("/calls/" + callId + "/cancel").as(stranger).send(), 404, "CALL_NOT_FOUND");
        assertThat(kaiwa.getCall(host, callId).getString("status")).isEqualTo("SCHEDULED");
    }

    /** A new call of {@link #host}, moved into {@code status}. */
    private String callIn(String status) {
        String callId = kaiwa.createCall(host).getString("id");
        List<String> moves = switch (status) {
            case "SCHEDULED" -> List.of();
            case "IN_PROGRESS" -> List.of("start");
            case "PAUSED" -> List.of("start", "pause");
            case "ENDED" -> List.of("start", "end");
            case "CANCELLED" -> List.of("cancel");
            default -> throw new IllegalArgumentException("no way to reach " + status);
        };
        for (String move : moves) {
            kaiwa.move(host, callId, move);
        }
        return callId;
    }

    private static Instant occurredAt(List<JsonObject> events, String type) {
        return events.stream()
                .filter(event -> event.getString("type").equals(type))
                .map(event -> Times.instant(event, "occurredAt"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No " + type + " event in " + events));
    }
}
