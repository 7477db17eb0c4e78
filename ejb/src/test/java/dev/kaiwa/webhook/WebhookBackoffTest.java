package dev.kaiwa.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaiwa.shared.FakeClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Exponential backoff with equal jitter, at instants of a clock that stands still. */
class WebhookBackoffTest {
    private static final Instant T0 = Instant.parse("2026-04-01T10:00:00.000001Z");
    private final FakeClock clock = new FakeClock(T0);
    private final WebhookBackoff backoff = new WebhookBackoff(6, Duration.ofSeconds(10), Duration.ofMinutes(1));

    @Test
    void delayDoublesAfterEachFailedAttempt() {
        double top = Math.nextDown(1.0);

        assertThat(backoff.delay(1, top)).isBetween(Duration.ofMillis(9_999), Duration.ofSeconds(10));
        assertThat(backoff.delay(2, top)).isBetween(Duration.ofMillis(19_999), Duration.ofSeconds(20));
        assertThat(backoff.delay(3, top)).isBetween(Duration.ofMillis(39_999), Duration.ofSeconds(40));
    }

    @Test
    void jitterKeepsTheDelayBetweenHalfAndAllOfTheStep() {
        assertThat(backoff.delay(1, 0.0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.delay(1, 0.5)).isEqualTo(Duration.ofMillis(7_500));
        assertThat(backoff.delay(2, 0.0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.delay(2, 0.5)).isEqualTo(Duration.ofSeconds(15));
        assertThat(backoff.delay(3, 0.25)).isEqualTo(Duration.ofSeconds(25));
    }

    @Test
    void delayStopsGrowingAtTheMaximum() {
        assertThat(backoff.delay(4, 0.0)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delay(5, 0.0)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delay(5, 0.5)).isEqualTo(Duration.ofSeconds(45));
        assertThat(backoff.delay(1_000, 0.5)).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void nextAttemptIsTheDelayAfterNow() {
        clock.advance(Duration.ofMinutes(3));

        assertThat(backoff.nextAttempt(clock.instant(), 2, 0.5)).contains(T0.plus(Duration.ofMinutes(3)).plusSeconds(15));
    }

    @Test
    void noNextAttemptOnceTheAttemptsAreUsedUp() {
        assertThat(backoff.nextAttempt(clock.instant(), 5, 0.0)).isPresent();
        assertThat(backoff.nextAttempt(clock.instant(), 6, 0.0)).isEmpty();
        assertThat(new WebhookBackoff(1, Duration.ofSeconds(1), Duration.ofSeconds(1)).nextAttempt(clock.instant(), 1, 0.0))
                .isEmpty();
    }

    @Test
    void scheduleThatCannotWorkIsRefused() {
        assertThatThrownBy(() -> new WebhookBackoff(0, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebhookBackoff(3, Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebhookBackoff(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> backoff.delay(1, 1.0)).isInstanceOf(IllegalArgumentException.class);
    }
}
