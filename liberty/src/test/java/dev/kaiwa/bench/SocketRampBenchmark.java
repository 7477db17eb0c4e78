package dev.kaiwa.bench;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Opens Kaiwa signaling sockets step by step (500, 1k, 2k, 5k, 10k by default), joined participants
 * in calls of two that keep their sockets alive as Kaiwa's clients do, and measures the relay round
 * trip with probes at each step; reports the largest count the server held with a p99 under the
 * limit, and the open file limits it ran with ({@code socket-ramp.json}, {@code socket-ramp.md}).
 *
 * <p>Every step is bounded in time, and so is the whole ramp; it stops at the first step that fails
 * (a socket that could not open or join in time, one lost, a probe unanswered). The sockets are hung
 * up at the end by ending their calls, for a bounded time; those left are dropped. Figures are never asserted on; a run that cannot finish
 * leaves {@code socket-ramp.failed} for {@link BenchmarkVerdict}.
 */
public final class SocketRampBenchmark {
    static final String REPORT_NAME = "socket-ramp";
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(2);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(2);
    /**
     * Ending thousands of calls takes the server minutes (a transaction each); the server stops right
     * after the ramp, so the calls not ended by then are dropped instead.
     */
    private static final Duration HANG_UP_TIMEOUT = Duration.ofSeconds(10);
    private static final String BANNER = "*".repeat(100);
    private static final String UNKNOWN = "unknown";

    private final SocketRampSettings settings;
    private final SsoTokens tokens;

    SocketRampBenchmark(SocketRampSettings settings, SsoTokens tokens) {
        this.settings = requireNonNull(settings, "settings is null");
        this.tokens = requireNonNull(tokens, "tokens is null");
    }

    public static void main(String[] args) throws IOException {
        SocketRampSettings settings = SocketRampSettings.fromSystemProperties();
        Path output = settings.outputDirectory();
        Files.createDirectories(output);
        Path failure = output.resolve(REPORT_NAME + BenchmarkVerdict.FAILURE_SUFFIX);
        Files.deleteIfExists(failure);
        try {
            SsoTokens tokens = SsoTokens.fromKeyDirectory(settings.keysDirectory(), BenchmarkSettings.ORGANIZATION,
                    TOKEN_LIFETIME);
            SocketRampRun run = new SocketRampBenchmark(settings, tokens).run();
            String markdown = SocketRampReport.markdown(run);
            System.out.println(markdown);
            ReportFiles.write(output, REPORT_NAME, markdown, SocketRampReport.json(run));
            if (run.failed() && settings.failOnErrors()) {
                Files.writeString(failure, "a ramp step failed (kaiwa.bench.fail-on-errors is on): "
                        + run.stoppedBecause().orElse("see the report") + "\n", UTF_8);
            }
        }
        catch (IOException | GeneralSecurityException | RuntimeException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // The server is still running: record the failure and return, so the build stops it first.
            System.out.println(BANNER);
            System.out.println("*** THE SOCKET RAMP DID NOT FINISH: " + e);
            System.out.println(BANNER);
            e.printStackTrace(System.out);
            Files.writeString(failure, e + "\n", UTF_8);
        }
    }

    SocketRampRun run() throws IOException, InterruptedException {
        ServerReadiness.await(settings.baseUrl());
        RunEnvironment environment = RunEnvironment.describe(settings.baseUrl(), settings.serverDirectory(),
                settings.serverSettings(), settings.database());
        OptionalLong serverPid = ProcessProbe.libertyPid(settings.serverDirectory());
        String clientLimit = ProcessProbe.openFileLimit(ProcessProbe.currentPid()).orElse(UNKNOWN);
        String serverLimit = serverPid.isPresent() ? ProcessProbe.openFileLimit(serverPid.getAsLong()).orElse(UNKNOWN)
                : UNKNOWN;
        OptionalLong shellPid = ProcessProbe.parentPid();
        String shellLimit = shellPid.isPresent() ? ProcessProbe.openFileLimit(shellPid.getAsLong()).orElse(UNKNOWN)
                : UNKNOWN;
        System.out.println("Socket ramp: steps " + settings.steps() + ", " + settings.openTimeout().toSeconds()
                + " s to open each, " + settings.measure().toSeconds() + " s measured, at most "
                + settings.budget().toSeconds() + " s in all");
        System.out.println("Open files (ulimit -n, soft/hard): client JVM " + clientLimit + ", server JVM " + serverLimit
                + ", the shell that started the build " + shellLimit);
        long budgetEnd = System.nanoTime() + settings.budget().toNanos();
        RoundTrips roundTrips = new RoundTrips();
        List<RelayLoop> loops = new ArrayList<>();
        List<RampStep> steps = new ArrayList<>();
        Optional<String> stopped = Optional.empty();
        try (WebSocketClients sockets = new WebSocketClients(2, 2, "ramp");
                KaiwaTarget kaiwa = new KaiwaTarget(settings.baseUrl(), tokens, sockets)) {
            KeepAlives keepAlives = new KeepAlives();
            try {
                for (int target : settings.steps()) {
                    long left = budgetEnd - System.nanoTime();
                    if (left <= 0) {
                        stopped = Optional.of("the ramp's " + settings.budget().toSeconds() + " s were used up before the "
                                + target + " step");
                        break;
                    }
                    RampStep step = runStep(kaiwa, target, loops, keepAlives, roundTrips, serverPid, Duration.ofNanos(left));
                    steps.add(step);
                    if (step.stopsTheRamp()) {
                        stopped = Optional.of(stopReason(step, settings.openTimeout()));
                        break;
                    }
                }
            }
            finally {
                keepAlives.close();
                List<SocketPair> pairs = loops.stream().map(RelayLoop::pair).toList();
                System.out.println("Hanging up " + pairs.size() + " calls");
                long started = System.nanoTime();
                int dropped = Pairs.hangUp(kaiwa, pairs, HANG_UP_TIMEOUT);
                System.out.printf("  done in %.1f s%s%n", (System.nanoTime() - started) / 1e9, dropped == 0 ? ""
                        : "; " + dropped + " sockets still open were dropped");
            }
        }
        return new SocketRampRun(environment, settings, clientLimit, serverLimit, shellLimit, steps, stopped);
    }

    private RampStep runStep(KaiwaTarget kaiwa, int target, List<RelayLoop> loops, KeepAlives keepAlives,
            RoundTrips roundTrips, OptionalLong serverPid, Duration left) throws InterruptedException {
        Map<String, Long> before = roundTrips.errors();
        int newPairs = (target + 1) / 2 - loops.size();
        Duration openTimeout = left.compareTo(settings.openTimeout()) < 0 ? left : settings.openTimeout();
        System.out.printf("%d sockets: creating %d calls%n", target, newPairs);
        long scheduleStarted = System.nanoTime();
        int scheduled = kaiwa.scheduleCalls(newPairs, settings.openConcurrency(), openTimeout, roundTrips);
        Duration scheduleTime = Duration.ofNanos(System.nanoTime() - scheduleStarted);
        System.out.printf("  %d calls created in %.1f s; opening %d sockets%n", scheduled, scheduleTime.toNanos() / 1e9,
                2 * newPairs);
        long openStarted = System.nanoTime();
        List<SocketPair> added = Pairs.connect(kaiwa, loops.size(), newPairs, settings.openConcurrency(), openTimeout,
                roundTrips, pair -> keepAlives.add(SignalingDialect.KAIWA, pair));
        Duration openTime = Duration.ofNanos(System.nanoTime() - openStarted);
        added.forEach(pair -> loops.add(new RelayLoop(pair, SignalingDialect.KAIWA, roundTrips)));
        int open = 2 * (int) loops.stream().filter(loop -> loop.pair().isOpen()).count();
        boolean openInTime = open >= target && openTime.compareTo(openTimeout) <= 0;
        System.out.printf("  %d sockets open after %.1f s%n", open, openTime.toNanos() / 1e9);

        Histogram probes = new Histogram(3);
        CpuUse cpu = CpuUse.UNKNOWN;
        double serverGc = Double.NaN;
        double clientGc = Double.NaN;
        if (openInTime) {
            Thread.sleep(settings.settle().toMillis());
            OptionalDouble serverGcBefore = serverGcSeconds(serverPid);
            long clientGcBefore = ProcessProbe.clientGcMilliseconds();
            roundTrips.interval();
            CpuUse.Sample start = CpuUse.Sample.take(serverPid);
            probe(loops, settings.measure());
            cpu = CpuUse.between(start, CpuUse.Sample.take(serverPid));
            clientGc = ProcessProbe.clientGcMilliseconds() - clientGcBefore;
            OptionalDouble serverGcAfter = serverGcSeconds(serverPid);
            if (serverGcBefore.isPresent() && serverGcAfter.isPresent()) {
                serverGc = (serverGcAfter.getAsDouble() - serverGcBefore.getAsDouble()) * 1000;
            }
            drain(loops);
            probes = roundTrips.interval();
            loops.forEach(loop -> loop.abandonOutstanding("probe unanswered " + DRAIN_TIMEOUT.toSeconds()
                    + " s after the step"));
        }
        Map<String, Long> problems = RoundTrips.since(before, roundTrips.errors());
        double p99 = SignalingLoadBenchmark.milliseconds(probes, 99);
        RampStep.Result result = !problems.isEmpty() ? RampStep.Result.FAILED
                : !openInTime ? RampStep.Result.NOT_OPENED
                : p99 < settings.p99LimitMilliseconds() ? RampStep.Result.HELD : RampStep.Result.SLOW;
        RampStep step = new RampStep(target, open, added.size(), scheduleTime, openTime, probes.getTotalCount(),
                SignalingLoadBenchmark.milliseconds(probes, 50), p99,
                probes.getTotalCount() > 0 ? probes.getMaxValue() / 1000.0 : Double.NaN,
                problems, roundTrips.examples(),
                serverPid.isPresent() ? ProcessProbe.residentKilobytes(serverPid.getAsLong()) : OptionalLong.empty(),
                serverPid.isPresent() ? ProcessProbe.openDescriptors(serverPid.getAsLong()) : OptionalLong.empty(),
                serverPid.isPresent() ? ProcessProbe.threads(serverPid.getAsLong()) : OptionalLong.empty(),
                cpu, serverGc, clientGc, result);
        System.out.printf("  %d probes, p50 %.2f ms, p99 %.2f ms, %d problems, GC %.0f ms server, %.0f ms client: %s%n",
                step.probes(), step.p50Milliseconds(), step.p99Milliseconds(), step.problemCount(), serverGc, clientGc,
                result.label());
        return step;
    }

    private static OptionalDouble serverGcSeconds(OptionalLong serverPid) {
        return serverPid.isPresent() ? ProcessProbe.gcSeconds(serverPid.getAsLong()) : OptionalDouble.empty();
    }

    private static String stopReason(RampStep step, Duration openTimeout) {
        String opened = step.open() + " of " + step.sockets() + " sockets open after "
                + ReportNumbers.fixed(step.openTime().toNanos() / 1e9, 1) + " s, the join flow at "
                + ReportNumbers.fixed(step.pairsPerSecond(), 1) + " calls/s";
        return switch (step.result()) {
            case NOT_OPENED -> "the " + step.sockets() + " step could not open its sockets within " + openTimeout.toSeconds()
                    + " s (" + opened + ")";
            case FAILED -> "the " + step.sockets() + " step failed with " + step.problemCount() + " problems (" + opened + ")";
            case HELD, SLOW -> throw new IllegalArgumentException("the step did not stop the ramp");
        };
    }

    /** Sends probes at the set rate, round-robin over the pairs, for {@code duration}; a pair still waiting is skipped. */
    private void probe(List<RelayLoop> loops, Duration duration) {
        long period = TimeUnit.SECONDS.toNanos(1) / settings.probesPerSecond();
        long started = System.nanoTime();
        long end = started + duration.toNanos();
        long next = started;
        int pair = 0;
        while (next < end) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            for (int tried = 0; tried < loops.size(); tried++) {
                RelayLoop loop = loops.get(pair);
                pair = (pair + 1) % loops.size();
                if (loop.probe()) {
                    break;
                }
            }
            next += period;
        }
    }

    private static void drain(List<RelayLoop> loops) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && loops.stream().anyMatch(loop -> loop.outstanding() > 0)) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }
}
