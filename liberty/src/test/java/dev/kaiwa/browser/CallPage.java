package dev.kaiwa.browser;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URLEncoder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The call page in one browser, driven the way a person uses it (buttons, the chat box) and read through
 * {@code window.kaiwa}.
 */
public final class CallPage {
    /** Generous: two browsers and the server share two cores. */
    static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(500);
    /** How long a withdrawal may take to show before the page is asked again (its answer waits for the server). */
    private static final Duration CONFIRM_RETRY = Duration.ofSeconds(10);

    private final Browser browser;

    public CallPage(Browser browser) {
        this.browser = browser;
    }

    /** A guest's join link, as an invite's joinUrl has it, on the server under test. */
    public static String inviteLink(String callId, String inviteToken) {
        return BrowserTestSettings.baseUrl() + "/call/" + callId + "#invite=" + URLEncoder.encode(inviteToken, UTF_8)
                + pingOption();
    }

    /** How a portal opens the page for an SSO user: the ticket from REST /join and the signaling URL. */
    public static String ticketLink(String callId, String ticket) {
        return BrowserTestSettings.baseUrl() + "/call/" + callId + "#ticket=" + URLEncoder.encode(ticket, UTF_8)
                + "&ws=" + URLEncoder.encode(BrowserTestSettings.websocketUrl(callId), UTF_8) + pingOption();
    }

    /** The test server closes sockets idle for seconds (for its liveness tests): the page pings often enough. */
    private static String pingOption() {
        return BrowserTestSettings.pingSeconds().stream().mapToObj(seconds -> "&ping=" + seconds).findFirst().orElse("");
    }

    Browser browser() {
        return browser;
    }

    public void open(String url) {
        browser.open(url);
    }

    /** Presses "Join" once the device check is ready. */
    public void join() {
        joinButton().click();
    }

    /** The "Join" button, once it can be pressed. */
    public WebElement joinButton() {
        return clickable(By.id("join-button"));
    }

    /** Opens the link and joins at once (a ticket expires within seconds on the test server). */
    void openAndJoin(String url) {
        open(url);
        join();
    }

    /** Fresh statistics and state from the page. */
    PageState state() {
        return PageState.of(browser.executeAsync(
                "const done = arguments[arguments.length - 1];"
                        + "window.kaiwa.snapshot().then(done, error => done({state: 'snapshot failed: ' + error}));"));
    }

    PageState await(String what, Predicate<PageState> condition) {
        return await(what, WAIT, condition);
    }

    /** Polls the page until {@code condition} holds; fails with the last state seen. */
    PageState await(String what, Duration timeout, Predicate<PageState> condition) {
        Instant deadline = Instant.now().plus(timeout);
        PageState last = state();
        while (!condition.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(browser.label() + ": waited " + timeout.toSeconds() + " s for " + what
                        + "; last seen: " + last);
            }
            pause();
            last = state();
        }
        return last;
    }

    PageState awaitConnected() {
        return await("the page to be connected", state -> "connected".equals(state.state()));
    }

    /** Types into the chat box and presses Send. */
    void sendChat(String text) {
        WebElement input = clickable(By.id("chat-input"));
        input.clear();
        input.sendKeys(text);
        clickable(By.id("chat-send")).click();
    }

    /** The chat messages as rendered (the elements holding their text). */
    List<WebElement> renderedChatMessages() {
        return browser.driver().findElements(By.cssSelector("#chat-messages .chat-text"));
    }

    void toggleScreenShare() {
        clickable(By.id("toggle-screen")).click();
    }

    /** The host lets a waiting participant in from the waiting list. */
    void admit(String participantId) {
        clickable(By.cssSelector("#waiting-list button[data-action='admit'][data-participant-id='" + participantId + "']")).click();
    }

    /** A host action on someone in the participant list: mute or remove (remove asks for a second click). */
    void actOnParticipant(String action, String participantId) {
        By button = By.cssSelector("#participant-list button[data-action='" + action + "'][data-participant-id='" + participantId + "']");
        clickable(button).click();
        if ("remove".equals(action)) {
            clickable(button).click();
        }
    }

    /** The host's "End for everyone", confirmed with the second click. */
    void endForEveryone() {
        clickable(By.id("end-button")).click();
        clickable(By.id("end-button")).click();
    }

    /** Agrees to recording in the consent notice the page shows. */
    void grantRecordingConsent() {
        clickable(By.id("consent-grant")).click();
    }

    /** Declines recording in the consent notice the page shows. */
    void declineRecordingConsent() {
        clickable(By.id("consent-decline")).click();
    }

    /** Withdraws recording consent in the call (the control asks for a second click). */
    void withdrawRecordingConsent() {
        By button = By.cssSelector("#consent-button[data-action='withdraw']");
        clickable(button).click();
        clickable(button).click();
        // The page takes the second click as the confirmation only within a few seconds; on a busy machine it may
        // arrive later and merely ask again. While the withdraw control stays, ask and confirm again now and then.
        Instant deadline = Instant.now().plus(WAIT);
        Instant nextTry = Instant.now().plus(CONFIRM_RETRY);
        while (Instant.now().isBefore(deadline) && browser.driver().findElements(button).stream()
                .anyMatch(WebElement::isDisplayed)) {
            if (Instant.now().isAfter(nextTry)) {
                for (int click = 0; click < 2; click++) {
                    browser.driver().findElements(button).stream().filter(WebElement::isDisplayed).findFirst()
                            .ifPresent(WebElement::click);
                }
                nextTry = Instant.now().plus(CONFIRM_RETRY);
            }
            pause();
        }
    }

    /** What the recording indicator in the header shows: on, notice (the call may be recorded) or off. */
    String recordingIndicator() {
        return browser.driver().findElement(By.id("recording-indicator")).getAttribute("data-recording");
    }

    /** The recorder's timeslice for recordings this page starts from now on: the length of one uploaded chunk. */
    void useRecorderTimeslice(Duration timeslice) {
        browser.execute("window.kaiwa.testing.recorder.timesliceMs = arguments[0];", timeslice.toMillis());
    }

    /** Holds recording uploads: chunks are stored in the browser's IndexedDB and wait there. */
    void pauseUploads() {
        browser.execute("window.kaiwa.testing.pauseUploads();");
    }

    /** Reloads the page (a ticket link cannot join again; what the page resumes by itself still runs). */
    void reload() {
        browser.driver().navigate().refresh();
    }

    /** The page's test hook: the signaling socket closes as a network drop would, without leave. */
    void dropSocket() {
        browser.execute("window.kaiwa.testing.dropSocket();");
    }

    boolean isShown(String elementId) {
        return browser.driver().findElement(By.id(elementId)).isDisplayed();
    }

    WebElement clickable(By locator) {
        return new WebDriverWait(browser.driver(), WAIT, POLL)
                .ignoring(StaleElementReferenceException.class)
                .until(ExpectedConditions.elementToBeClickable(locator));
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the page", e);
        }
    }
}
