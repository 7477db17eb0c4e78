package dev.kaiwa.bench;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.kaiwa.bench.CallPageProbe.Participant;
import dev.kaiwa.bench.CallPageProbe.Times;
import dev.kaiwa.browser.Browser;
import dev.kaiwa.browser.CallPage;
import dev.kaiwa.browser.KaiwaApi;
import dev.kaiwa.browser.KaiwaApi.Host;
import dev.kaiwa.browser.KaiwaApi.Joined;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.openqa.selenium.Capabilities;
import org.openqa.selenium.WebElement;

/**
 * Two real headless Chromiums join one call, again and again, and each measures the time from its Join
 * click to the first video frame of the other presented in its page; the call's setup is the later of
 * the two. The same is measured with the signaling carried by the bare relay WAR instead of Kaiwa (the
 * page's {@code createSocket} test hook and a benchmark script that speaks the relay's protocol), in the
 * same run, the targets taking turns call by call. Prints the figures and writes them to
 * {@code call-setup.json} and {@code call-setup.md}; figures are never asserted on.
 *
 * <p>Both targets use the same server, pages, links and REST steps: the host opens a portal link with a
 * ticket, the guest an invite link whose page calls REST {@code /join}. The browsers are started once and
 * reused; between calls the host ends the call over REST and both pages are left. A run that cannot finish
 * leaves {@code call-setup.failed} for {@link BenchmarkVerdict}, so the build fails only after the server
 * has stopped.
 */
public final class CallSetupBenchmark {
    static final String REPORT_NAME = "call-setup";
    static final String TITLE = "Call setup benchmark";
    private static final String HOST_NAME = "Sato Host";
    private static final String GUEST_NAME = "Hanako Yamada";
    /** Loading a page and its device check, outside the measured time. */
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(20);
    private static final String BANNER = "*".repeat(100);

    private final CallSetupSettings settings;

    CallSetupBenchmark(CallSetupSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    public static void main(String[] args) throws IOException {
        CallSetupSettings settings = CallSetupSettings.fromSystemProperties();
        Path output = settings.outputDirectory();
        Files.createDirectories(output);
        Path failure = output.resolve(REPORT_NAME + BenchmarkVerdict.FAILURE_SUFFIX);
        Files.deleteIfExists(failure);
        try {
            CallSetupRun run = new CallSetupBenchmark(settings).run();
            String markdown = CallSetupReport.markdown(run);
            System.out.println(markdown);
            ReportFiles.write(output, REPORT_NAME, markdown, CallSetupReport.json(run));
            List<String> failures = new ArrayList<>();
            run.results().stream().filter(result -> result.calls().isEmpty())
                    .forEach(result -> failures.add(result.target().key() + " set up no call of " + settings.calls()));
            if (run.failed() > 0 && settings.failOnErrors()) {
                failures.add(run.failed() + " calls failed (kaiwa.bench.fail-on-errors is on)");
            }
            if (!failures.isEmpty()) {
                System.out.println(BANNER);
                failures.forEach(reason -> System.out.println("*** " + reason));
                System.out.println(BANNER);
                Files.writeString(failure, String.join("\n", failures) + "\n", UTF_8);
            }
        }
        catch (IOException | SetupException | RuntimeException | AssertionError | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // The server is still running: record the failure and return, so the build stops it first.
            System.out.println(BANNER);
            System.out.println("*** THE CALL SETUP BENCHMARK DID NOT FINISH: " + e);
            System.out.println(BANNER);
            e.printStackTrace(System.out);
            Files.writeString(failure, e + "\n", UTF_8);
        }
    }

    CallSetupRun run() throws IOException, SetupException, InterruptedException {
        ServerReadiness.await(settings.baseUrl());
        RunEnvironment environment = RunEnvironment.describe(settings.baseUrl(), settings.serverDirectory(),
                settings.serverSettings(), settings.database());
        if (settings.targets().contains(CallSetupTarget.RELAY)) {
            try (WebSocketClients sockets = new WebSocketClients(1, 1, "setup")) {
                new BareRelayTarget(settings.relayEndpoint(), sockets).awaitReady();
            }
        }
        List<CallSetupTarget> targets = settings.targets();
        System.out.println("Call setup benchmark: targets " + targets.stream().map(CallSetupTarget::key).toList() + ", "
                + settings.warmUp() + " calls of warm-up and " + settings.calls() + " measured per target, taking turns");
        KaiwaApi api = new KaiwaApi();
        Map<CallSetupTarget, Calls> calls = new LinkedHashMap<>();
        targets.forEach(target -> calls.put(target, new Calls(target)));
        String browser;
        // One thread per page presses Join, so the two clicks are not a WebDriver round trip apart.
        AtomicInteger clickThreads = new AtomicInteger();
        ExecutorService clicks = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "call-setup-click-" + clickThreads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try (Browser hostBrowser = Browser.start("call-setup-host"); Browser guestBrowser = Browser.start("call-setup-guest")) {
            browser = describe(hostBrowser.driver().getCapabilities());
            System.out.println("  browsers: " + browser);
            for (int round = 0; round < settings.warmUp() + settings.calls(); round++) {
                boolean measured = round >= settings.warmUp();
                String name = measured ? "call " + (round - settings.warmUp() + 1) : "warm-up " + (round + 1);
                for (int turn = 0; turn < targets.size(); turn++) {
                    CallSetupTarget target = targets.get((round + turn) % targets.size());
                    try {
                        CallSetup call = runCall(api, hostBrowser, guestBrowser, target, clicks);
                        System.out.printf("  %s, %s: host %.0f ms, guest %.0f ms (welcome after %.0f and %.0f ms)%n",
                                target.key(), name, call.host(), call.guest(), call.hostWelcome(), call.guestWelcome());
                        if (measured) {
                            calls.get(target).add(call);
                        }
                    }
                    catch (SetupException e) {
                        System.out.println("  " + target.key() + ", " + name + " FAILED: " + e.outcome() + ": " + e.getMessage());
                        if (measured) {
                            calls.get(target).fail(e);
                        }
                    }
                }
            }
        }
        finally {
            clicks.shutdownNow();
        }
        return new CallSetupRun(environment, settings, browser, calls.values().stream().map(Calls::result).toList());
    }

    /**
     * One call: made and started over REST, both pages opened and their device checks done, then the host
     * and the guest press Join at the same time; measured until both pages presented a frame of the other.
     */
    private CallSetup runCall(KaiwaApi api, Browser hostBrowser, Browser guestBrowser, CallSetupTarget target,
            ExecutorService clicks) throws SetupException, InterruptedException {
        Host host = KaiwaApi.newHost(HOST_NAME);
        String callId = api.startedCall(host, TITLE, false);
        CallPageProbe hostProbe = new CallPageProbe(hostBrowser, "host");
        CallPageProbe guestProbe = new CallPageProbe(guestBrowser, "guest");
        try {
            String invite = api.invite(host, callId, GUEST_NAME, "PARTICIPANT");
            CallPage hostPage = new CallPage(hostBrowser);
            CallPage guestPage = new CallPage(guestBrowser);
            Joined joined = api.joinAsHost(host, callId);
            hostPage.open(CallPage.ticketLink(callId, joined.ticket()));
            guestPage.open(CallPage.inviteLink(callId, invite));
            hostProbe.prepare(PAGE_TIMEOUT);
            guestProbe.prepare(PAGE_TIMEOUT);
            // Who the host is in its welcome tells which signaling it went through.
            String hostId = joined.participantId();
            if (target == CallSetupTarget.RELAY) {
                Participant hostParticipant = new Participant(callId + "-host", HOST_NAME, "HOST");
                Participant guestParticipant = new Participant(callId + "-guest", GUEST_NAME, "PARTICIPANT");
                hostProbe.useRelay(settings.relayEndpoint(), callId, TITLE, hostParticipant, guestParticipant.id(), true);
                guestProbe.useRelay(settings.relayEndpoint(), callId, TITLE, guestParticipant, hostParticipant.id(), false);
                hostId = hostParticipant.id();
            }
            WebElement hostJoin = hostPage.joinButton();
            WebElement guestJoin = guestPage.joinButton();
            CountDownLatch ready = new CountDownLatch(2);
            CompletableFuture.allOf(
                    CompletableFuture.runAsync(() -> clickWhenBothReady(hostJoin, ready), clicks),
                    CompletableFuture.runAsync(() -> clickWhenBothReady(guestJoin, ready), clicks)).join();
            return measure(target, hostProbe, guestProbe, hostId);
        }
        catch (RuntimeException | AssertionError e) {
            // A browser or REST step that failed: the call counts as failed, the run goes on.
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            throw new SetupException(cause.getClass().getSimpleName(), String.valueOf(cause.getMessage()).lines().findFirst()
                    .orElse(""), cause);
        }
        finally {
            api.endCall(host, callId);
            hostBrowser.open("about:blank");
            guestBrowser.open("about:blank");
        }
    }

    /** One WebDriver command per page after the latch: the clicks are as close together as two drivers allow. */
    private static void clickWhenBothReady(WebElement button, CountDownLatch ready) {
        ready.countDown();
        try {
            ready.await();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted before pressing Join", e);
        }
        button.click();
    }

    private CallSetup measure(CallSetupTarget target, CallPageProbe hostProbe, CallPageProbe guestProbe, String hostId)
            throws SetupException, InterruptedException {
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        while (true) {
            Times host = hostProbe.read();
            Times guest = guestProbe.read();
            if (host.sawRemoteFrame() && guest.sawRemoteFrame()) {
                if (!hostId.equals(host.youId())) {
                    throw new SetupException("signaling not through " + target.key(), "the host was welcomed as "
                            + host.youId() + " instead of " + hostId);
                }
                return new CallSetup(target, host.toFirstFrame(), guest.toFirstFrame(), host.toInCall(), guest.toInCall(),
                        guest.joinClickedAtEpoch() - host.joinClickedAtEpoch(), host.iceServers());
            }
            if (host.ended() || guest.ended()) {
                throw new SetupException("page " + (host.ended() ? host.state() : guest.state()),
                        "host: " + host + "; guest: " + guest);
            }
            if (System.nanoTime() > deadline) {
                throw new SetupException("no remote video within " + settings.timeout().toSeconds() + " s",
                        "host: " + host + "; guest: " + guest);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private static String describe(Capabilities capabilities) {
        String driver = capabilities.getCapability("chrome") instanceof Map<?, ?> chrome
                && chrome.get("chromedriverVersion") instanceof String version ? version.split(" ")[0] : "unknown";
        return capabilities.getBrowserName() + " " + capabilities.getBrowserVersion() + " (headless), chromedriver "
                + driver;
    }

    /** The measured calls of one target so far. */
    private static final class Calls {
        private final CallSetupTarget target;
        private final List<CallSetup> measured = new ArrayList<>();
        private final Map<String, Long> failures = new LinkedHashMap<>();
        private final Map<String, String> examples = new LinkedHashMap<>();

        Calls(CallSetupTarget target) {
            this.target = target;
        }

        void add(CallSetup call) {
            measured.add(call);
        }

        void fail(SetupException failure) {
            failures.merge(failure.outcome(), 1L, Long::sum);
            examples.putIfAbsent(failure.outcome(), failure.getMessage());
        }

        CallSetupResult result() {
            return new CallSetupResult(target, measured, failures, examples);
        }
    }
}
