package dev.kaiwa.browser;

import dev.kaiwa.browser.KaiwaApi.Host;
import dev.kaiwa.browser.KaiwaApi.Joined;

/**
 * A started call with two people in two browsers, both connected: the host (an SSO user whose portal
 * opened the page with a ticket) and a guest (who followed an invite link). Closing it quits both browsers.
 */
final class TwoPartyCall implements AutoCloseable {
    static final String HOST_NAME = "Sato Host";
    static final String GUEST_NAME = "Hanako Yamada";

    private final String callId;
    private final Host host;
    private final Browser hostBrowser;
    private final Browser guestBrowser;
    private final CallPage hostPage;
    private final CallPage guestPage;
    private String hostId;
    private String guestId;

    private TwoPartyCall(String callId, Host host, Browser hostBrowser, Browser guestBrowser) {
        this.callId = callId;
        this.host = host;
        this.hostBrowser = hostBrowser;
        this.guestBrowser = guestBrowser;
        this.hostPage = new CallPage(hostBrowser);
        this.guestPage = new CallPage(guestBrowser);
    }

    /** Both in the call; {@code fragment} is added to both links (e.g. {@code &ice=relay}). */
    static TwoPartyCall connect(String name, String fragment) {
        return connect(name, fragment, "OFF");
    }

    /**
     * Both in a call with a recording policy. Under OPTIONAL nobody is asked before joining (nothing records yet);
     * REQUIRED holds everyone in the consent step, so it does not fit here.
     */
    static TwoPartyCall connect(String name, String fragment, String recordingPolicy) {
        KaiwaApi api = new KaiwaApi();
        Host host = KaiwaApi.newHost(HOST_NAME);
        String callId = api.startedCall(host, "Browser test: " + name, false, recordingPolicy);
        String invite = api.invite(host, callId, GUEST_NAME, "PARTICIPANT");
        Browser hostBrowser = Browser.start(name + "-host");
        Browser guestBrowser = null;
        try {
            guestBrowser = Browser.start(name + "-guest");
            TwoPartyCall call = new TwoPartyCall(callId, host, hostBrowser, guestBrowser);
            call.joinBoth(api, host, invite, fragment);
            return call;
        }
        catch (RuntimeException | Error e) {
            if (guestBrowser != null) {
                guestBrowser.close();
            }
            hostBrowser.close();
            throw e;
        }
    }

    static TwoPartyCall connect(String name) {
        return connect(name, "");
    }

    private void joinBoth(KaiwaApi api, Host host, String invite, String fragment) {
        // The ticket lives seconds on the test server: fetch it right before the page uses it.
        Joined joined = api.joinAsHost(host, callId);
        hostPage.openAndJoin(CallPage.ticketLink(callId, joined.ticket()) + fragment);
        hostId = hostPage.awaitConnected().youId().orElseThrow();
        guestPage.openAndJoin(CallPage.inviteLink(callId, invite) + fragment);
        guestId = guestPage.awaitConnected().youId().orElseThrow();
    }

    String callId() {
        return callId;
    }

    /** The host's SSO user, for the REST steps a host takes in the call. */
    Host host() {
        return host;
    }

    CallPage hostPage() {
        return hostPage;
    }

    CallPage guestPage() {
        return guestPage;
    }

    String hostId() {
        return hostId;
    }

    String guestId() {
        return guestId;
    }

    @Override
    public void close() {
        try {
            guestBrowser.close();
        }
        finally {
            hostBrowser.close();
        }
    }
}
