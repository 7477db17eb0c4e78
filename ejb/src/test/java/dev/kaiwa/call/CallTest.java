package dev.kaiwa.call;

import static dev.kaiwa.call.CallStatus.CANCELLED;
import static dev.kaiwa.call.CallStatus.ENDED;
import static dev.kaiwa.call.CallStatus.FAILED;
import static dev.kaiwa.call.CallStatus.IN_PROGRESS;
import static dev.kaiwa.call.CallStatus.MISSED;
import static dev.kaiwa.call.CallStatus.PAUSED;
import static dev.kaiwa.call.CallStatus.SCHEDULED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaiwa.shared.DomainException;
import dev.kaiwa.shared.ErrorCode;
import dev.kaiwa.shared.FakeClock;
import dev.kaiwa.shared.RandomIds;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The call state machine and its times. The allowed moves are written out here from DESIGN.md
 * rather than read from {@link CallStatus}, so a change to the rules has to change this table too.
 */
class CallTest {
    private static final Map<CallStatus, Set<CallStatus>> ALLOWED_MOVES = allowedMoves();
    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    private final FakeClock clock = new FakeClock(START);

    private static Map<CallStatus, Set<CallStatus>> allowedMoves() {
        Map<CallStatus, Set<CallStatus>> moves = new EnumMap<>(CallStatus.class);
        moves.put(SCHEDULED, EnumSet.of(IN_PROGRESS, CANCELLED, MISSED));
        moves.put(IN_PROGRESS, EnumSet.of(PAUSED, ENDED, FAILED));
        moves.put(PAUSED, EnumSet.of(IN_PROGRESS, ENDED, FAILED));
        moves.put(ENDED, EnumSet.noneOf(CallStatus.class));
        moves.put(CANCELLED, EnumSet.noneOf(CallStatus.class));
        moves.put(MISSED, EnumSet.noneOf(CallStatus.class));
        moves.put(FAILED, EnumSet.noneOf(CallStatus.class));
        return moves;
    }

    static Stream<Arguments> allowedPairs() {
        return everyPair().filter(CallTest::isAllowed);
    }

    static Stream<Arguments> refusedPairs() {
        return everyPair().filter(pair -> !isAllowed(pair));
    }

    private static Stream<Arguments> everyPair() {
        return Arrays.stream(CallStatus.values())
                .flatMap(from -> Arrays.stream(CallStatus.values()).map(to -> Arguments.of(from, to)));
    }

    private static boolean isAllowed(Arguments pair) {
        Object[] statuses = pair.get();
        return ALLOWED_MOVES.get((CallStatus) statuses[0]).contains((CallStatus) statuses[1]);
    }

    @Test
    void transitionTableCoversEveryStatus() {
        assertThat(ALLOWED_MOVES).containsOnlyKeys(CallStatus.values());
        assertThat(allowedPairs().count() + refusedPairs().count())
                .isEqualTo((long) CallStatus.values().length * CallStatus.values().length);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void canMoveToAgreesWithTheDesignedTransitions(CallStatus from, CallStatus to) {
        assertThat(from.canMoveTo(to)).isEqualTo(ALLOWED_MOVES.get(from).contains(to));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("allowedPairs")
    void allowedMoveChangesTheStatus(CallStatus from, CallStatus to) {
        Call call = callIn(from);

        call.moveTo(to, clock.advance(Duration.ofMinutes(1)));

        assertThat(call.status()).isEqualTo(to);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("refusedPairs")
    void refusedMoveThrowsAndLeavesTheCallAsItWas(CallStatus from, CallStatus to) {
        Call call = callIn(from);
        Optional<Instant> startedAt = call.startedAt();
        Optional<Instant> endedAt = call.endedAt();
        Instant later = clock.advance(Duration.ofMinutes(1));
        Duration duration = call.duration(later);
        ErrorCode expected = from.isTerminal() ? ErrorCode.CALL_ALREADY_ENDED : ErrorCode.ILLEGAL_CALL_TRANSITION;

        assertThatThrownBy(() -> call.moveTo(to, later))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(expected));

        assertThat(call.status()).isEqualTo(from);
        assertThat(call.startedAt()).isEqualTo(startedAt);
        assertThat(call.endedAt()).isEqualTo(endedAt);
        assertThat(call.duration(later)).isEqualTo(duration);
    }

    @ParameterizedTest
    @EnumSource(CallStatus.class)
    void onlyEndedCancelledMissedAndFailedAreTerminal(CallStatus status) {
        assertThat(status.isTerminal()).isEqualTo(EnumSet.of(ENDED, CANCELLED, MISSED, FAILED).contains(status));
        assertThat(status.isTerminal()).isEqualTo(ALLOWED_MOVES.get(status).isEmpty());
    }

    @ParameterizedTest
    @EnumSource(CallStatus.class)
    void onlyRunningAndPausedCallsAreActive(CallStatus status) {
        assertThat(status.isActive()).isEqualTo(status == IN_PROGRESS || status == PAUSED);
    }

    @Test
    void newCallIsScheduledWithAnUnguessableId() {
        Call call = new Call(draft(null), "acme", "alice", START, null);

        assertThat(call.status()).isEqualTo(SCHEDULED);
        assertThat(RandomIds.isWellFormed(call.id())).isTrue();
        assertThat(call.id()).isNotEqualTo(new Call(draft(null), "acme", "alice", START, null).id());
        assertThat(call.createdAt()).isEqualTo(START);
        assertThat(call.startedAt()).isEmpty();
        assertThat(call.endedAt()).isEmpty();
        assertThat(call.idempotencyKey()).isEmpty();
    }

    @Test
    void callWithoutScheduledTimeIsScheduledForNow() {
        Call call = new Call(draft(null), "acme", "alice", START, null);

        assertThat(call.scheduledAt()).isEqualTo(START);
    }

    @Test
    void callKeepsTheScheduledTimeItWasGiven() {
        Instant tomorrow = START.plus(Duration.ofDays(1));

        Call call = new Call(draft(tomorrow), "acme", "alice", START, "key-1");

        assertThat(call.scheduledAt()).isEqualTo(tomorrow);
        assertThat(call.idempotencyKey()).contains("key-1");
    }

    @Test
    void startingRecordsTheStartTimeOnlyOnce() {
        Call call = scheduledCall();
        Instant started = clock.advance(Duration.ofMinutes(5));
        call.moveTo(IN_PROGRESS, started);

        call.moveTo(PAUSED, clock.advance(Duration.ofMinutes(10)));
        call.moveTo(IN_PROGRESS, clock.advance(Duration.ofMinutes(3)));

        assertThat(call.startedAt()).contains(started);
        assertThat(call.endedAt()).isEmpty();
    }

    @Test
    void endingRecordsTheEndTime() {
        Call call = scheduledCall();
        call.moveTo(IN_PROGRESS, clock.advance(Duration.ofMinutes(1)));
        Instant ended = clock.advance(Duration.ofMinutes(30));

        call.moveTo(ENDED, ended);

        assertThat(call.endedAt()).contains(ended);
    }

    @Test
    void durationLeavesOutPausedTime() {
        Call call = scheduledCall();
        call.moveTo(IN_PROGRESS, clock.advance(Duration.ofMinutes(1)));
        call.moveTo(PAUSED, clock.advance(Duration.ofMinutes(10)));
        call.moveTo(IN_PROGRESS, clock.advance(Duration.ofMinutes(5)));
        call.moveTo(PAUSED, clock.advance(Duration.ofMinutes(7)));
        call.moveTo(IN_PROGRESS, clock.advance(Duration.ofMinutes(2)));
        call.moveTo(ENDED, clock.advance(Duration.ofMinutes(3)));

        assertThat(call.duration(clock.advance(Duration.ofHours(1)))).isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void durationOfACallEndedWhilePausedStopsAtThePause() {
        Call call = scheduledCall();
        call.moveTo(IN_PROGRESS, clock.advance(Duration.ofMinutes(1)));
        call.moveTo(PAUSED, clock.advance(Duration.ofMinutes(12)));
        Instant ended = clock.advance(Duration.ofMinutes(8));

        call.moveTo(ENDED, ended);

        assertThat(call.endedAt()).contains(ended);
        assertThat(call.duration(ended)).isEqualTo(Duration.ofMinutes(12));
        assertThat(call.duration(clock.advance(Duration.ofDays(1)))).isEqualTo(Duration.ofMinutes(12));
    }

    @Test
    void durationOfACallFailedWhilePausedStopsAtThePause() {
        Call call = scheduledCall();
        call.moveTo(IN_PROGRESS, clock.advance(Duration.ofMinutes(1)));
        call.moveTo(PAUSED, clock.advance(Duration.ofMinutes(4)));

        call.moveTo(FAILED, clock.advance(Duration.ofMinutes(6)));

        assertThat(call.duration(clock.instant())).isEqualTo(Duration.ofMinutes(4));
    }

    @Test
    void durationOfARunningCallCountsUpToNow() {
        Call call = scheduledCall();
        call.moveTo(IN_PROGRESS, clock.advance(Duration.ofMinutes(1)));

        assertThat(call.duration(clock.advance(Duration.ofSeconds(90)))).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void durationOfAPausedCallLeavesOutTheCurrentPause() {
        Call call = scheduledCall();
        call.moveTo(IN_PROGRESS, clock.advance(Duration.ofMinutes(1)));
        call.moveTo(PAUSED, clock.advance(Duration.ofMinutes(15)));

        assertThat(call.duration(clock.advance(Duration.ofMinutes(20)))).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void durationOfACallThatNeverStartedIsZero() {
        Call call = scheduledCall();

        assertThat(call.duration(clock.advance(Duration.ofHours(2)))).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = CallStatus.class, names = {"CANCELLED", "MISSED"})
    void closingACallThatNeverStartedRecordsTheEndButNoStart(CallStatus target) {
        Call call = scheduledCall();
        Instant closed = clock.advance(Duration.ofMinutes(20));

        call.moveTo(target, closed);

        assertThat(call.startedAt()).isEmpty();
        assertThat(call.endedAt()).contains(closed);
        assertThat(call.duration(clock.advance(Duration.ofHours(1)))).isZero();
    }

    @Test
    void rescheduleReplacesTheEditableFieldsWhileScheduled() {
        Call call = scheduledCall();
        Instant nextWeek = START.plus(Duration.ofDays(7));
        CallSettings settings = new CallSettings(RecordingPolicy.REQUIRED, true, TranscriptionLanguage.JA, false, true);
        CallDraft changed = new CallDraft("Second interview", CallType.VOICE, nextWeek, 3, settings, "job-42",
                "{\"stage\":2}", 30);

        call.reschedule(changed, clock.advance(Duration.ofMinutes(1)));

        assertThat(call.title()).isEqualTo("Second interview");
        assertThat(call.type()).isEqualTo(CallType.VOICE);
        assertThat(call.scheduledAt()).isEqualTo(nextWeek);
        assertThat(call.maxParticipants()).isEqualTo(3);
        assertThat(call.settings()).isSameAs(settings);
        assertThat(call.externalRef()).contains("job-42");
        assertThat(call.metadata()).contains("{\"stage\":2}");
        assertThat(call.retentionDays()).contains(30);
        assertThat(call.status()).isEqualTo(SCHEDULED);
    }

    @Test
    void rescheduleWithoutScheduledTimeSchedulesForNow() {
        Call call = new Call(draft(START.plus(Duration.ofDays(1))), "acme", "alice", START, null);
        Instant now = clock.advance(Duration.ofMinutes(30));

        call.reschedule(draft(null), now);

        assertThat(call.scheduledAt()).isEqualTo(now);
    }

    @ParameterizedTest
    @EnumSource(value = CallStatus.class, names = "SCHEDULED", mode = EnumSource.Mode.EXCLUDE)
    void rescheduleIsRefusedOnceTheCallLeftScheduled(CallStatus status) {
        Call call = callIn(status);
        Instant scheduledAt = call.scheduledAt();
        CallDraft changed = new CallDraft("Changed", CallType.VOICE, START.plus(Duration.ofDays(2)), 2,
                CallSettings.defaults(), null, null, null);

        assertThatThrownBy(() -> call.reschedule(changed, clock.advance(Duration.ofMinutes(1))))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CALL_NOT_SCHEDULED));

        assertThat(call.title()).isEqualTo("Interview");
        assertThat(call.scheduledAt()).isEqualTo(scheduledAt);
    }

    private Call scheduledCall() {
        return new Call(draft(null), "acme", "alice", clock.instant(), null);
    }

    /** A call brought to {@code status} through allowed moves only, a minute apart. */
    private Call callIn(CallStatus status) {
        Call call = scheduledCall();
        switch (status) {
            case SCHEDULED -> {
            }
            case IN_PROGRESS -> call.moveTo(IN_PROGRESS, clock.advance(Duration.ofMinutes(1)));
            case PAUSED -> {
                call.moveTo(IN_PROGRESS, clock.advance(Duration.ofMinutes(1)));
                call.moveTo(PAUSED, clock.advance(Duration.ofMinutes(1)));
            }
            case ENDED -> {
                call.moveTo(IN_PROGRESS, clock.advance(Duration.ofMinutes(1)));
                call.moveTo(ENDED, clock.advance(Duration.ofMinutes(1)));
            }
            case CANCELLED -> call.moveTo(CANCELLED, clock.advance(Duration.ofMinutes(1)));
            case MISSED -> call.moveTo(MISSED, clock.advance(Duration.ofMinutes(1)));
            case FAILED -> {
                call.moveTo(IN_PROGRESS, clock.advance(Duration.ofMinutes(1)));
                call.moveTo(FAILED, clock.advance(Duration.ofMinutes(1)));
            }
        }
        assertThat(call.status()).isEqualTo(status);
        return call;
    }

    private static CallDraft draft(Instant scheduledAt) {
        return new CallDraft("Interview", CallType.VIDEO, scheduledAt, 10, CallSettings.defaults(), null, null, null);
    }
}
