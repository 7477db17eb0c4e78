package dev.kaiwa.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.kaiwa.browser.PageState.PeerState;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Two people in a call on loopback: media both ways, chat, screen share, host controls. */
class TwoPartyCallBrowserIT {
    /** The fake camera's 640x480. */
    private static final double CAMERA_ASPECT = 4.0 / 3.0;

    @Test
    void hostAndGuestDecodeEachOthersVideoAndReceiveAudio() {
        try (TwoPartyCall call = TwoPartyCall.connect("media")) {
            PeerState guestAtHost = MediaFlow.awaitFlowing(call.hostPage(), call.guestId());
            PeerState hostAtGuest = MediaFlow.awaitFlowing(call.guestPage(), call.hostId());

            assertThat(guestAtHost.connectionState()).isEqualTo("connected");
            assertThat(hostAtGuest.connectionState()).isEqualTo("connected");
            assertThat(guestAtHost.frameWidth()).isPositive();
            // Both on loopback, no TURN needed: a direct pair.
            assertThat(guestAtHost.localCandidateType()).isEqualTo("host");
            assertThat(hostAtGuest.remoteCandidateType()).isEqualTo("host");
            // The client's reports and pings are accepted (no error came back), and its socket stayed up throughout.
            for (CallPage page : List.of(call.hostPage(), call.guestPage())) {
                PageState state = page.await("a stats report and a pong", s -> s.sent("stats") >= 1 && s.received("pong") >= 1);
                assertThat(state.errors()).as("signaling errors at %s", page.browser().label()).isEmpty();
                assertThat(state.resumes()).as("resumes at %s", page.browser().label()).isZero();
            }
        }
    }

    @Test
    void bothSidesRenegotiatingAtOnceKeepTheCall() {
        try (TwoPartyCall call = TwoPartyCall.connect("glare")) {
            PeerState guestAtHost = MediaFlow.awaitFlowing(call.hostPage(), call.guestId());
            PeerState hostAtGuest = MediaFlow.awaitFlowing(call.guestPage(), call.hostId());
            long hostOffers = call.hostPage().state().sent("offer");
            long guestOffers = call.guestPage().state().sent("offer");

            // Both restart ICE at the same moment: two offers cross, the polite side yields.
            CompletableFuture<Object> host = CompletableFuture.supplyAsync(
                    () -> call.hostPage().browser().execute("window.kaiwa.testing.restartIce();"));
            CompletableFuture<Object> guest = CompletableFuture.supplyAsync(
                    () -> call.guestPage().browser().execute("window.kaiwa.testing.restartIce();"));
            CompletableFuture.allOf(host, guest).join();

            call.hostPage().await("the host's new offer", state -> state.sent("offer") > hostOffers);
            call.guestPage().await("the guest's new offer", state -> state.sent("offer") > guestOffers);
            MediaFlow.awaitMore(call.hostPage(), guestAtHost);
            MediaFlow.awaitMore(call.guestPage(), hostAtGuest);
            for (CallPage page : List.of(call.hostPage(), call.guestPage())) {
                PageState state = page.await("a stable, connected call", s -> s.peers().stream()
                        .allMatch(peer -> "connected".equals(peer.connectionState()) && "stable".equals(peer.signalingState())));
                assertThat(state.errors()).as("signaling errors at %s", page.browser().label()).isEmpty();
            }
        }
    }

    @Test
    void hostMutesTheGuestAndEndsTheCallForEveryone() {
        try (TwoPartyCall call = TwoPartyCall.connect("host-controls")) {
            call.hostPage().await("the guest's microphone on at the host",
                    state -> state.peer(call.guestId()).filter(peer -> peer.media("audio")).isPresent());

            call.hostPage().actOnParticipant("mute", call.guestId());

            call.guestPage().await("the guest muted", state -> Boolean.FALSE.equals(state.local().get("audio")));
            call.hostPage().await("the guest shown muted at the host",
                    state -> state.peer(call.guestId()).filter(peer -> !peer.media("audio")).isPresent());

            call.hostPage().endForEveryone();

            call.guestPage().await("the call ended for the guest", state -> "ended".equals(state.state()));
            call.hostPage().await("the call ended for the host", state -> "ended".equals(state.state()));
            assertThat(call.guestPage().isShown("screen-end")).isTrue();
        }
    }

    @Test
    void hostRemovesTheGuest() {
        try (TwoPartyCall call = TwoPartyCall.connect("remove")) {
            call.hostPage().actOnParticipant("remove", call.guestId());

            call.guestPage().await("the guest removed", state -> "removed".equals(state.state()));
            call.hostPage().await("the guest gone from the host's call", state -> state.peer(call.guestId()).isEmpty());
            assertThat(call.hostPage().state().state()).isEqualTo("connected");
        }
    }

    @Test
    void chatMessageAppearsOnTheOtherSideAsTextWithClickableLinks() {
        String text = "Hello <b>Sato</b> <img src=x onerror=\"window.injected=1\"> see https://example.com/docs?id=1&lang=ja. 会話";
        try (TwoPartyCall call = TwoPartyCall.connect("chat")) {
            call.guestPage().sendChat(text);

            call.hostPage().await("the guest's chat message", state -> state.chatTexts().contains(text));
            call.guestPage().await("the guest's own message back", state -> state.chatTexts().contains(text));
            List<WebElement> rendered = call.hostPage().renderedChatMessages();
            assertThat(rendered).hasSize(1);
            WebElement message = rendered.get(0);
            assertThat(message.getText()).isEqualTo(text);
            assertThat(message.findElements(By.tagName("b"))).isEmpty();
            assertThat(message.findElements(By.tagName("img"))).isEmpty();
            List<WebElement> links = message.findElements(By.tagName("a"));
            assertThat(links).hasSize(1);
            assertThat(links.get(0).getAttribute("href")).isEqualTo("https://example.com/docs?id=1&lang=ja");
            assertThat(links.get(0).getAttribute("rel")).contains("noopener");
            assertThat(call.hostPage().browser().execute("return window.injected === undefined;")).isEqualTo(true);
        }
    }

    @Test
    void screenShareArrivesAtTheOtherSideAndStops() {
        try (TwoPartyCall call = TwoPartyCall.connect("screen-share")) {
            PeerState camera = MediaFlow.awaitFlowing(call.guestPage(), call.hostId());
            assertThat(aspect(camera)).isCloseTo(CAMERA_ASPECT, offset(0.05));
            call.hostPage().browser().execute(CANVAS_SCREEN_SOURCE);

            call.hostPage().toggleScreenShare();

            call.hostPage().await("the host to share", state -> Boolean.TRUE.equals(state.local().get("screen")));
            // Headless Chromium's shared screen (or the canvas) is wider than the 4:3 camera: frames of another
            // shape are the screen.
            PeerState sharing = call.guestPage().await("frames of the host's screen at the guest",
                    state -> state.peer(call.hostId())
                            .filter(peer -> peer.media("screen") && Math.abs(aspect(peer) - CAMERA_ASPECT) > 0.1)
                            .isPresent())
                    .peer(call.hostId()).orElseThrow();
            PeerState sent = call.hostPage().state().peer(call.guestId()).orElseThrow();
            assertThat(aspect(sharing)).isCloseTo(outboundAspect(sent), offset(0.05));
            MediaFlow.awaitMore(call.guestPage(), sharing);

            call.hostPage().toggleScreenShare();

            call.guestPage().await("the host's camera back at the guest",
                    state -> state.peer(call.hostId())
                            .filter(peer -> !peer.media("screen") && Math.abs(aspect(peer) - CAMERA_ASPECT) < 0.05)
                            .isPresent());
        }
    }

    private static double outboundAspect(PeerState peer) {
        Map<String, Object> outbound = PageState.map(peer.values().get("outbound"));
        long height = PageState.number(outbound.get("videoFrameHeight"));
        return height == 0 ? 0 : (double) PageState.number(outbound.get("videoFrameWidth")) / height;
    }

    private static double aspect(PeerState peer) {
        return peer.frameHeight() == 0 ? 0 : (double) peer.frameWidth() / peer.frameHeight();
    }

    /**
     * The page's screen-share seam: a 16:9 canvas, used when getDisplayMedia is unavailable or fails in this
     * Chromium (headless Chromium with fake UI usually shares its own screen).
     */
    private static final String CANVAS_SCREEN_SOURCE = """
            window.kaiwa.testing.screenShareSource = () => {
              const canvas = document.createElement('canvas');
              canvas.width = 1280;
              canvas.height = 720;
              const context = canvas.getContext('2d');
              let frame = 0;
              setInterval(() => {
                frame += 1;
                context.fillStyle = `hsl(${frame * 7 % 360} 70% 45%)`;
                context.fillRect(0, 0, canvas.width, canvas.height);
                context.fillStyle = '#fff';
                context.font = '64px sans-serif';
                context.fillText('Kaiwa screen ' + frame, 60, 360);
              }, 100);
              return canvas.captureStream(10);
            };
            """;
}
