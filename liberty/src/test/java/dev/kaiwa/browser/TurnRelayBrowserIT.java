package dev.kaiwa.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaiwa.browser.PageState.PeerState;
import org.junit.jupiter.api.Test;

/**
 * A call that may only use TURN ({@code iceTransportPolicy: 'relay'}, the page's {@code #ice=relay}) connects
 * through a coturn on loopback, with the short-lived credentials the server put into welcome. The server
 * under test is configured with this TURN URL and secret (kaiwa.ice.turn-urls, kaiwa.ice.turn-secret).
 */
class TurnRelayBrowserIT {
    @Test
    void relayOnlyCallConnectsThroughTurnWithTheWelcomeCredentials() {
        try (TurnServer turn = TurnServer.start(BrowserTestSettings.turnPort(), BrowserTestSettings.turnSecret());
                TwoPartyCall call = TwoPartyCall.connect("turn-relay", "&ice=relay")) {
            PeerState guestAtHost = MediaFlow.awaitFlowing(call.hostPage(), call.guestId());
            PeerState hostAtGuest = MediaFlow.awaitFlowing(call.guestPage(), call.hostId());

            assertThat(guestAtHost.localCandidateType()).as("host's side of the pair; see %s", turn.log()).isEqualTo("relay");
            assertThat(guestAtHost.remoteCandidateType()).isEqualTo("relay");
            assertThat(hostAtGuest.localCandidateType()).isEqualTo("relay");
            assertThat(hostAtGuest.remoteCandidateType()).isEqualTo("relay");
        }
    }
}
