package dev.kaiwa.it.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaiwa.it.Eventually;
import dev.kaiwa.it.Kaiwa;
import dev.kaiwa.it.Organization;
import dev.kaiwa.it.TestUser;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Network quality reports: clients send them every few seconds; the server keeps the latest and
 * records a QUALITY_DEGRADED event when packet loss passes 5 % or the round trip 400 ms, once per
 * episode of bad quality.
 */
class StatsIT {
    private static final Duration QUIET = Duration.ofMillis(1500);
    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(10);

    private final Kaiwa kaiwa = new Kaiwa();
    private final Organization organization = Organization.fresh();
    private final TestUser host = organization.host();
    private final Sockets sockets = new Sockets();
    private final Signaling signaling = new Signaling(kaiwa, sockets);

    @AfterEach
    void closeSockets() {
        sockets.close();
    }

    @Test
    void goodReportIsTakenQuietly() {
        String callId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant aiko = signaling.connectGuest(host, callId);

        aiko.send(Messages.stats(80, 4, 0.01, 1_200_000));

        aiko.socket().assertResponsive();
        aiko.socket().assertNothing("error", QUIET);
        hostInRoom.socket().assertNothingMatching("anything about Aiko's report",
                message -> "stats".equals(message.getString("type", null)), Duration.ZERO);
        assertThat(qualityEvents(callId, aiko)).isEmpty();
    }

    @Test
    void heavyPacketLossIsRecordedOncePerEpisode() {
        String callId = kaiwa.startedCall(host).getString("id");
        signaling.connectHost(host, callId);
        ConnectedParticipant aiko = signaling.connectGuest(host, callId);

        aiko.send(Messages.stats(90, 8, 0.12, 300_000));
        aiko.send(Messages.stats(95, 9, 0.2, 250_000));
        aiko.socket().assertResponsive();

        awaitQualityEvents(callId, aiko, 1);
        aiko.socket().assertNothing("error", Duration.ZERO);

        aiko.send(Messages.stats(60, 3, 0.0, 1_500_000));
        aiko.send(Messages.stats(70, 5, 0.09, 600_000));
        aiko.socket().assertResponsive();

        awaitQualityEvents(callId, aiko, 2);
    }

    @Test
    void longRoundTripIsDegradedQuality() {
        String callId = kaiwa.startedCall(host).getString("id");
        signaling.connectHost(host, callId);
        ConnectedParticipant aiko = signaling.connectGuest(host, callId);

        aiko.send(Messages.stats(850, 12, 0.0, 900_000));

        awaitQualityEvents(callId, aiko, 1);
    }

    @Test
    void reportsAtTheThresholdsAreNotDegraded() {
        String callId = kaiwa.startedCall(host).getString("id");
        signaling.connectHost(host, callId);
        ConnectedParticipant aiko = signaling.connectGuest(host, callId);

        aiko.send(Messages.stats(400, 10, 0.05, 800_000));

        aiko.socket().assertResponsive();
        aiko.socket().assertNothing("error", QUIET);
        assertThat(qualityEvents(callId, aiko)).isEmpty();
    }

    /** Waits until the participant has {@code count} QUALITY_DEGRADED events, then checks no more follow. */
    private void awaitQualityEvents(String callId, ConnectedParticipant participant, int count) {
        Eventually.await(count + " QUALITY_DEGRADED event(s) of " + participant.id(), EVENT_TIMEOUT,
                () -> qualityEvents(callId, participant), events -> events.size() >= count);
        Eventually.sleep(QUIET);
        assertThat(qualityEvents(callId, participant)).as("QUALITY_DEGRADED events of %s", participant.id())
                .hasSize(count);
    }

    private List<JsonObject> qualityEvents(String callId, ConnectedParticipant participant) {
        return kaiwa.events(host, callId).stream()
                .filter(event -> "QUALITY_DEGRADED".equals(event.getString("type")))
                .filter(event -> participant.id().equals(event.getString("participantId", null)))
                .toList();
    }
}
