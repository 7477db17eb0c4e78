package dev.kaiwa.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kaiwa.browser.KaiwaApi.Host;
import dev.kaiwa.browser.PageState.Upload;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Recording made by the browser: consent through the call page, a composite recording drawn and mixed in the
 * host's browser, stored in IndexedDB and uploaded in chunks, finalized by the server and read back with
 * ffprobe; chunks that outlive a reload of the recorder's page; and the consent step of a call that is always
 * recorded, with a refusal, an agreement and a withdrawal.
 */
class RecordingBrowserIT {
    /** How long the composite recording runs. */
    private static final Duration RECORDED = Duration.ofSeconds(10);
    /** Short slices, so a short recording has several chunks. */
    private static final Duration TIMESLICE = Duration.ofSeconds(2);
    private static final Duration READY_WAIT = Duration.ofSeconds(90);
    /** The recorder stops within a second of hearing the stop, and starts right before it acknowledges. */
    private static final double DURATION_TOLERANCE_SECONDS = 1.0;

    private final KaiwaApi api = new KaiwaApi();

    @Test
    void compositeRecordingOfBothBrowsersIsUploadedFinalizedAndReadable() throws IOException {
        try (TwoPartyCall call = TwoPartyCall.connect("recording", "", "OPTIONAL")) {
            CallPage host = call.hostPage();
            CallPage guest = call.guestPage();
            // The composite shows the guest only once the guest's video reaches the host.
            MediaFlow.awaitFlowing(host, call.guestId());
            bothGrantThroughTheNotice(call);
            host.useRecorderTimeslice(TIMESLICE);

            String recordingId = api.startRecording(call.host(), call.callId(), "COMPOSITE", "LOW").getString("id");

            PageState recording = host.await("the host's browser recording", state -> state.recorder(recordingId)
                    .filter(recorder -> "recording".equals(recorder.get("state"))).isPresent());
            assertThat(recording.recorder(recordingId).orElseThrow().get("mimeType")).asString().startsWith("video/webm");
            guest.await("the recording shown to the guest", state -> state.recordingStatus(recordingId)
                    .filter("RECORDING"::equals).isPresent());
            assertThat(guest.recordingIndicator()).isEqualTo("on");
            assertThat(host.recordingIndicator()).isEqualTo("on");
            assertThat(api.recording(call.host(), recordingId).getString("status")).isEqualTo("RECORDING");

            pause(RECORDED);
            // Chunks go up while the recording runs, not only at the end.
            assertThat(host.state().upload(recordingId).orElseThrow().chunksUploaded()).isGreaterThanOrEqualTo(2);
            api.stopRecording(call.host(), recordingId);

            PageState uploaded = host.await("the upload completed", state -> state.upload(recordingId)
                    .filter(upload -> "completed".equals(upload.state())).isPresent());
            JsonObject ready = api.awaitRecording(call.host(), recordingId, "READY", READY_WAIT);
            Upload upload = uploaded.upload(recordingId).orElseThrow();
            assertThat(upload.chunksPending()).isZero();
            assertThat((long) ready.getInt("chunkCount")).isEqualTo(upload.chunksStored()).isGreaterThanOrEqualTo(4);
            assertThat(ready.getString("stopReason")).isEqualTo("REQUESTED");
            guest.await("the recording stopped at the guest", state -> state.recordingStatus(recordingId)
                    .filter(status -> !status.equals("RECORDING")).isPresent());
            assertThat(guest.recordingIndicator()).isEqualTo("notice");

            MediaProbe probe = MediaProbe.of(download(call.host(), recordingId));
            assertThat(probe.streamTypes()).as("streams of the recording").contains("video", "audio");
            assertThat(probe.formatName()).contains("webm");
            double serverSeconds = Duration.between(Instant.parse(ready.getString("startedAt")),
                    Instant.parse(ready.getString("stoppedAt"))).toMillis() / 1000.0;
            assertThat(serverSeconds).isGreaterThanOrEqualTo(RECORDED.toSeconds());
            assertThat(probe.durationSeconds()).as("the media's duration against the server's start to stop")
                    .isCloseTo(serverSeconds, within(DURATION_TOLERANCE_SECONDS));
            for (CallPage page : List.of(host, guest)) {
                assertThat(page.state().errors()).as("errors at %s", page.browser().label()).isEmpty();
            }
        }
    }

    @Test
    void chunksStoredBeforeAReloadAreUploadedByTheReloadedPage() throws IOException {
        try (TwoPartyCall call = TwoPartyCall.connect("recording-reload", "", "OPTIONAL")) {
            CallPage host = call.hostPage();
            bothGrantThroughTheNotice(call);
            host.useRecorderTimeslice(Duration.ofSeconds(1));
            host.pauseUploads();

            String recordingId = api.startRecording(call.host(), call.callId(), "COMPOSITE", "LOW").getString("id");

            PageState stored = host.await("three chunks stored and none uploaded", state -> state.upload(recordingId)
                    .filter(upload -> upload.chunksStored() >= 3).isPresent());
            long storedBeforeReload = stored.upload(recordingId).orElseThrow().chunksStored();
            assertThat(stored.upload(recordingId).orElseThrow().chunksUploaded()).isZero();
            assertThat(api.recording(call.host(), recordingId).getInt("chunkCount")).isZero();

            host.reload();

            PageState resumed = host.await("the reloaded page to upload and complete the stored recording",
                    state -> state.upload(recordingId).filter(upload -> "completed".equals(upload.state())).isPresent());
            assertThat(resumed.state()).as("the reloaded page, which has no ticket to join with").isEqualTo("prejoin");
            Upload upload = resumed.upload(recordingId).orElseThrow();
            assertThat(upload.chunksUploaded()).isEqualTo(upload.chunksStored()).isGreaterThanOrEqualTo(storedBeforeReload);
            JsonObject ready = api.awaitRecording(call.host(), recordingId, "READY", READY_WAIT);
            assertThat((long) ready.getInt("chunkCount")).isEqualTo(upload.chunksStored());

            MediaProbe probe = MediaProbe.of(download(call.host(), recordingId));
            assertThat(probe.streamTypes()).contains("video", "audio");
            assertThat(probe.durationSeconds()).isGreaterThanOrEqualTo(storedBeforeReload - 1.0);
        }
    }

    @Test
    void requiredPolicyAsksInTheConsentStepAndWithdrawalStopsAndKeepsTheRecording() {
        Host hostUser = KaiwaApi.newHost(TwoPartyCall.HOST_NAME);
        String callId = api.startedCall(hostUser, "Browser test: required recording", false, "REQUIRED");
        String invite = api.invite(hostUser, callId, TwoPartyCall.GUEST_NAME, "PARTICIPANT");
        try (Browser hostBrowser = Browser.start("recording-required-host");
                Browser guestBrowser = Browser.start("recording-required-guest")) {
            CallPage host = new CallPage(hostBrowser);
            CallPage guest = new CallPage(guestBrowser);
            host.open(CallPage.ticketLink(callId, api.joinAsHost(hostUser, callId).ticket()));
            host.useRecorderTimeslice(Duration.ofSeconds(1));
            host.join();

            PageState step = host.await("the host in the consent step", state -> "waiting".equals(state.state())
                    && Boolean.TRUE.equals(state.consent().get("step")) && state.consentPanelShown());
            assertThat(step.consent().get("noticeVersion")).asString().isNotBlank();
            assertThat(hostBrowser.driver().findElement(By.id("waiting-title")).getText()).isEqualTo("This call is recorded");
            assertThat(hostBrowser.driver().findElement(By.id("consent-text")).getText()).contains("recorded");
            host.grantRecordingConsent();

            // In the call, and the call records itself: the host's browser is its recorder.
            PageState recording = host.await("the automatic recording in the host's browser", state ->
                    "connected".equals(state.state()) && state.recordingIds().stream().anyMatch(id -> state.recorder(id)
                            .filter(recorder -> "recording".equals(recorder.get("state"))).isPresent()));
            String recordingId = recording.recordingIds().get(0);
            String hostId = recording.youId().orElseThrow();
            assertThat(host.recordingIndicator()).isEqualTo("on");

            guest.openAndJoin(CallPage.inviteLink(callId, invite));
            guest.await("the guest in the consent step", state -> "waiting".equals(state.state()) && state.consentPanelShown());
            guest.declineRecordingConsent();
            PageState declined = guest.await("the guest's refusal recorded", state -> state.recordingConsent()
                    .filter(granted -> !granted).isPresent());
            assertThat(declined.state()).isEqualTo("waiting");
            assertThat(declined.consentPanelShown()).as("the notice stays, so the guest may still agree").isTrue();
            assertThat(host.state().peers()).as("the host sees nobody who has not agreed").isEmpty();

            guest.grantRecordingConsent();
            guest.await("the guest in the call", state -> "connected".equals(state.state())
                    && state.peer(hostId).isPresent());
            guest.await("the running recording shown to the guest", state -> state.recordingStatus(recordingId)
                    .filter("RECORDING"::equals).isPresent());
            assertThat(guest.recordingIndicator()).isEqualTo("on");

            host.withdrawRecordingConsent();

            host.await("the host back in the consent step", state -> "waiting".equals(state.state())
                    && Boolean.TRUE.equals(state.consent().get("step")));
            PageState uploaded = host.await("the recording so far uploaded", state -> state.upload(recordingId)
                    .filter(upload -> "completed".equals(upload.state())).isPresent());
            JsonObject ready = api.awaitRecording(hostUser, recordingId, "READY", READY_WAIT);
            assertThat(ready.getString("stopReason")).isEqualTo("CONSENT_WITHDRAWN");
            assertThat((long) ready.getInt("chunkCount")).isEqualTo(uploaded.upload(recordingId).orElseThrow().chunksStored());
            guest.await("the host gone and the recording stopped at the guest", state -> state.peers().isEmpty()
                    && state.recordingStatus(recordingId).filter(status -> !status.equals("RECORDING")).isPresent());
            // Every decision was confirmed by the server (none timed out or was refused).
            for (CallPage page : List.of(host, guest)) {
                assertThat(page.state().errors()).as("errors at %s", page.browser().label()).isEmpty();
            }
        }
    }

    /** Both see the notice of an OPTIONAL call (undecided) and agree in it; each hears of the other's decision. */
    private static void bothGrantThroughTheNotice(TwoPartyCall call) {
        for (CallPage page : List.of(call.hostPage(), call.guestPage())) {
            PageState asked = page.await("the consent notice", PageState::consentPanelShown);
            assertThat(asked.consent().get("noticeVersion")).asString().isNotBlank();
            assertThat(asked.recordingConsent()).isEmpty();
            page.grantRecordingConsent();
            page.await("the consent recorded and the notice closed", state -> state.recordingConsent().orElse(false)
                    && !state.consentPanelShown());
        }
    }

    private Path download(Host host, String recordingId) throws IOException {
        Path file = BrowserTestSettings.workDirectory().resolve("recording-" + recordingId + ".webm");
        Files.createDirectories(file.getParent());
        Files.write(file, api.downloadRecording(host, recordingId));
        return file;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording", e);
        }
    }
}
