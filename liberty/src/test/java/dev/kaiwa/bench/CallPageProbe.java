package dev.kaiwa.bench;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.kaiwa.browser.Browser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The call-setup benchmark's scripts in one call page: waits until a person could press Join, installs
 * the probe ({@code call-setup-probe.js}) and, for the bare relay, the relay signaling
 * ({@code relay-signaling.js}), and reads what the probe recorded. The scripts are benchmark resources run
 * through WebDriver; the page serves neither of them.
 */
final class CallPageProbe {
    private static final String PROBE = resource("call-setup-probe.js");
    private static final String RELAY_SIGNALING = resource("relay-signaling.js");
    /** The device check is done (the camera preview plays) and Join is enabled. */
    private static final String READY = """
            const preview = document.getElementById('preview-video');
            const join = document.getElementById('join-button');
            return !!window.kaiwa && window.kaiwa.state === 'prejoin' && preview.readyState >= 2 && !preview.paused
                && !join.disabled;
            """;
    private static final String READ = """
            const probe = window.callSetupProbe;
            return {
              timeOrigin: performance.timeOrigin,
              joinClickedAt: probe?.joinClickedAt ?? null,
              inCallAt: probe?.inCallAt ?? null,
              firstFrameAt: probe?.firstFrameAt ?? null,
              frameWidth: probe?.frameWidth ?? null,
              frameHeight: probe?.frameHeight ?? null,
              state: window.kaiwa?.state ?? null,
              youId: window.kaiwa?.you?.id ?? null,
              error: window.kaiwa?.lastError?.code ?? null,
              iceServers: window.kaiwa?.call?.iceServers?.length ?? null,
            };
            """;
    /** The page's states after which no frame will come. */
    private static final Set<String> FINAL_STATES = Set.of("left", "ended", "denied", "removed", "replaced", "failed");
    private static final Duration POLL = Duration.ofMillis(20);

    private final Browser browser;
    private final String side;

    CallPageProbe(Browser browser, String side) {
        this.browser = requireNonNull(browser, "browser is null");
        this.side = requireNonNull(side, "side is null");
    }

    String side() {
        return side;
    }

    /** Waits until Join may be pressed, then installs the probe. */
    void prepare(Duration timeout) throws SetupException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Boolean.TRUE.equals(browser.execute(READY))) {
            if (System.nanoTime() > deadline) {
                throw new SetupException("device check not ready", side + ": no camera preview and Join within "
                        + timeout.toSeconds() + " s");
            }
            Thread.sleep(POLL.toMillis());
        }
        browser.execute(PROBE);
    }

    /**
     * Carries this page's signaling over the bare relay at {@code endpoint}; {@code first} joins first, the
     * other announces itself to it.
     */
    void useRelay(URI endpoint, String callId, String title, Participant you, String peerId, boolean first) {
        browser.execute(RELAY_SIGNALING, Map.of(
                "endpoint", endpoint.toString(),
                "callId", callId,
                "title", title,
                "you", Map.of("id", you.id(), "displayName", you.displayName(), "role", you.role()),
                "peerId", peerId,
                "first", first));
    }

    /** What the probe has recorded so far. */
    Times read() {
        if (!(browser.execute(READ) instanceof Map<?, ?> values)) {
            throw new IllegalStateException(side + ": the probe gave no answer");
        }
        return new Times(number(values.get("timeOrigin")), number(values.get("joinClickedAt")), number(values.get("inCallAt")),
                number(values.get("firstFrameAt")), (long) number(values.get("frameWidth")),
                (long) number(values.get("frameHeight")), (String) values.get("state"), (String) values.get("youId"),
                (String) values.get("error"),
                values.get("iceServers") instanceof Number count ? count.intValue() : -1);
    }

    private static double number(Object value) {
        return value instanceof Number number ? number.doubleValue() : Double.NaN;
    }

    private static String resource(String name) {
        try (InputStream input = CallPageProbe.class.getResourceAsStream(name)) {
            if (input == null) {
                throw new IllegalStateException("benchmark resource " + name + " is missing");
            }
            return new String(input.readAllBytes(), UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read the benchmark resource " + name, e);
        }
    }

    /** Who a page is in the call, as the relay signaling presents it to the other page. */
    record Participant(String id, String displayName, String role) {
        Participant {
            requireNonNull(id, "id is null");
            requireNonNull(displayName, "displayName is null");
            requireNonNull(role, "role is null");
        }
    }

    /**
     * What the probe recorded, in milliseconds on the page's clock ({@code NaN} until it happened), with
     * the page's state, who it is in the call (null before the welcome) and its last error code.
     *
     * @param timeOrigin the start of the page's clock, in milliseconds since the epoch (the machine's clock)
     * @param iceServers ICE servers the client was given in its welcome; -1 before the welcome
     */
    record Times(double timeOrigin, double joinClickedAt, double inCallAt, double firstFrameAt, long frameWidth, long frameHeight,
            String state, String youId, String error, int iceServers) {

        boolean sawRemoteFrame() {
            return !Double.isNaN(joinClickedAt) && !Double.isNaN(firstFrameAt);
        }

        /** The page reached a state after which no remote frame comes. */
        boolean ended() {
            return state != null && FINAL_STATES.contains(state);
        }

        /** From the Join click to the first remote frame. */
        double toFirstFrame() {
            return firstFrameAt - joinClickedAt;
        }

        /** The Join click on the machine's clock, to compare it with another page's. */
        double joinClickedAtEpoch() {
            return timeOrigin + joinClickedAt;
        }

        /** From the Join click to the welcome (the call screen). */
        double toInCall() {
            return inCallAt - joinClickedAt;
        }

        @Override
        public String toString() {
            return "state " + state + (error == null ? "" : " (" + error + ")") + ", clicked " + !Double.isNaN(joinClickedAt)
                    + ", in call " + !Double.isNaN(inCallAt) + ", remote frame " + !Double.isNaN(firstFrameAt);
        }
    }
}
