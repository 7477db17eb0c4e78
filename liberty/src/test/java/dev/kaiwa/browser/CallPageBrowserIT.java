package dev.kaiwa.browser;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kaiwa.browser.KaiwaApi.Host;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The call page on its own: served for join links, device check, language, where it connects. One browser at a time. */
class CallPageBrowserIT {
    private final KaiwaApi api = new KaiwaApi();

    @Test
    void joinLinkOpensTheDeviceCheckWithCameraPreviewAndDevicePickers() {
        Host host = KaiwaApi.newHost("Sato Host");
        String callId = api.startedCall(host, "Device check", false);
        String invite = api.invite(host, callId, "Hanako Yamada", "PARTICIPANT");

        try (Browser browser = Browser.start("device-check")) {
            CallPage page = new CallPage(browser);
            page.open(CallPage.inviteLink(callId, invite));

            PageState state = page.await("the camera preview to play", s -> previewPlaying(s.local()));
            assertThat(state.state()).isEqualTo("prejoin");
            assertThat(state.local()).containsEntry("audio", true).containsEntry("video", true);
            assertThat(optionLabels(browser, "camera-select")).isNotEmpty().allMatch(label -> !label.isBlank());
            assertThat(optionLabels(browser, "microphone-select")).isNotEmpty();
            assertThat(page.clickable(By.id("join-button")).isEnabled()).isTrue();
            // The invite token leaves the address bar (and the history) once the page has read it.
            assertThat(browser.driver().getCurrentUrl()).doesNotContain(invite).doesNotContain("#");
        }
    }

    @Test
    void cameraOffReleasesThePreviewAndOnBringsItBack() {
        Host host = KaiwaApi.newHost("Sato Host");
        String callId = api.startedCall(host, "Camera toggle", false);
        String invite = api.invite(host, callId, "Hanako Yamada", "PARTICIPANT");

        try (Browser browser = Browser.start("camera-toggle")) {
            CallPage page = new CallPage(browser);
            page.open(CallPage.inviteLink(callId, invite));
            page.await("the camera preview to play", s -> previewPlaying(s.local()));

            page.clickable(By.id("prejoin-camera")).click();
            PageState off = page.await("the camera to be off", s -> Boolean.FALSE.equals(s.local().get("video")));
            assertThat(off.local()).containsEntry("audio", true);
            assertThat(page.isShown("preview-off")).isTrue();

            page.clickable(By.id("prejoin-camera")).click();
            page.await("the camera preview to play again", s -> previewPlaying(s.local()));
            assertThat(page.isShown("preview-off")).isFalse();
        }
    }

    @Test
    void pageFollowsTheBrowserLanguageAndSwitchesOnRequest() {
        Host host = KaiwaApi.newHost("Sato Host");
        String callId = api.startedCall(host, "Language", false);
        String invite = api.invite(host, callId, "Hanako Yamada", "PARTICIPANT");

        try (Browser browser = Browser.start("language", "ja")) {
            CallPage page = new CallPage(browser);
            page.open(CallPage.inviteLink(callId, invite));
            WebElement heading = browser.driver().findElement(By.id("prejoin-title"));
            assertThat(heading.getText()).isEqualTo("カメラとマイクを確認してください");
            assertThat(page.clickable(By.id("join-button")).getText()).isEqualTo("通話に参加");

            new Select(browser.driver().findElement(By.id("language-select"))).selectByValue("en");

            assertThat(heading.getText()).isEqualTo("Check your camera and microphone");
            assertThat(browser.driver().findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        }
    }

    @Test
    void portalLinkWithAForeignSignalingUrlStillConnectsToItsOwnServer() {
        Host host = KaiwaApi.newHost("Sato Host");
        String callId = api.startedCall(host, "Foreign ws", false);

        try (Browser browser = Browser.start("foreign-ws")) {
            CallPage page = new CallPage(browser);
            String link = CallPage.ticketLink(callId, api.joinAsHost(host, callId).ticket())
                    .replace(URLEncoder.encode(BrowserTestSettings.websocketUrl(callId), UTF_8),
                            URLEncoder.encode("wss://attacker.example.net/ws/calls/" + callId, UTF_8));
            assertThat(link).contains("attacker.example.net");

            page.openAndJoin(link);

            assertThat(page.awaitConnected().youId()).isPresent();
        }
    }

    @Test
    void callPathsServeThePageWithHeadersThatKeepItPrivate() throws IOException, InterruptedException {
        HttpResponse<String> page = get("/call/AbC-123_xyz");
        HttpResponse<String> bare = get("/call/");
        HttpResponse<String> script = get("/kaiwa.js");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(policy -> assertThat(policy).contains("script-src 'self'").contains("connect-src 'self'")
                        .contains("frame-ancestors 'self'"));
        assertThat(page.body()).contains("/client/call.js");
        assertThat(bare.statusCode()).isEqualTo(404);
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/javascript"));
        assertThat(script.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        // HTTP/1.1: the client's default would try an h2c upgrade on every request.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        return http.send(HttpRequest.newBuilder(URI.create(BrowserTestSettings.baseUrl() + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static boolean previewPlaying(Map<String, Object> local) {
        Map<String, Object> preview = PageState.map(local.get("preview"));
        return preview != null && Boolean.TRUE.equals(preview.get("playing")) && PageState.number(preview.get("width")) > 0;
    }

    private static List<String> optionLabels(Browser browser, String selectId) {
        return new Select(browser.driver().findElement(By.id(selectId))).getOptions().stream().map(WebElement::getText).toList();
    }
}
