package dev.kaiwa.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaiwa.browser.KaiwaApi.Host;
import dev.kaiwa.browser.KaiwaApi.Joined;
import org.junit.jupiter.api.Test;

/** A call with a waiting room: the guest waits until the host lets it in. */
class WaitingRoomBrowserIT {
    private final KaiwaApi api = new KaiwaApi();

    @Test
    void waitingGuestIsAdmittedByTheHostAndTheySeeEachOther() {
        Host host = KaiwaApi.newHost(TwoPartyCall.HOST_NAME);
        String callId = api.startedCall(host, "Browser test: waiting room", true);
        String invite = api.invite(host, callId, TwoPartyCall.GUEST_NAME, "PARTICIPANT");

        try (Browser hostBrowser = Browser.start("waiting-room-host"); Browser guestBrowser = Browser.start("waiting-room-guest")) {
            CallPage hostPage = new CallPage(hostBrowser);
            CallPage guestPage = new CallPage(guestBrowser);
            Joined joined = api.joinAsHost(host, callId);
            hostPage.openAndJoin(CallPage.ticketLink(callId, joined.ticket()));
            hostPage.awaitConnected();

            guestPage.openAndJoin(CallPage.inviteLink(callId, invite));

            String guestId = guestPage.await("the guest to wait", state -> "waiting".equals(state.state())).youId().orElseThrow();
            assertThat(guestPage.isShown("screen-waiting")).isTrue();
            hostPage.await("the host to hear the guest knock", state -> state.waitingIds().contains(guestId));
            assertThat(hostPage.state().peer(guestId)).as("a waiting guest gets no connection").isEmpty();

            hostPage.admit(guestId);

            assertThat(guestPage.awaitConnected().youId()).hasValue(guestId);
            assertThat(guestPage.isShown("screen-call")).isTrue();
            MediaFlow.awaitFlowing(hostPage, guestId);
            MediaFlow.awaitFlowing(guestPage, joined.participantId());
            assertThat(hostPage.state().waitingIds()).isEmpty();
        }
    }
}
