package dev.kaiwa.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaiwa.browser.PageState.PeerState;
import org.junit.jupiter.api.Test;

/** A signaling socket that drops: the page resumes as the same participant and the call goes on. */
class ReconnectBrowserIT {
    @Test
    void participantWhoseSocketDropsResumesAndMediaFlowsAgain() {
        try (TwoPartyCall call = TwoPartyCall.connect("reconnect")) {
            MediaFlow.awaitFlowing(call.hostPage(), call.guestId());
            MediaFlow.awaitFlowing(call.guestPage(), call.hostId());

            call.guestPage().dropSocket();

            PageState resumed = call.guestPage().await("the guest to resume",
                    state -> "connected".equals(state.state()) && state.resumes() >= 1);
            assertThat(resumed.youId()).hasValue(call.guestId());
            PeerState guestAtHost = call.hostPage().await("the host to see the guest connected again",
                    state -> state.peer(call.guestId()).filter(peer -> "CONNECTED".equals(peer.status())).isPresent())
                    .peer(call.guestId()).orElseThrow();
            MediaFlow.awaitMore(call.hostPage(), guestAtHost);
            MediaFlow.awaitMore(call.guestPage(), resumed.peer(call.hostId()).orElseThrow());
            // Signaling works again too: a message after the resume reaches the other side.
            call.guestPage().sendChat("back again");
            call.hostPage().await("the guest's message after the resume", state -> state.chatTexts().contains("back again"));
        }
    }
}
