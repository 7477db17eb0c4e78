package dev.kaiwa.bench;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Relays offers, answers and ICE candidates between pairs of clients in a closed loop through
 * three signaling servers on this machine, level by level, and prints and writes the figures
 * ({@code signaling-load.json}, {@code signaling-load.md}): Kaiwa's {@code /ws/calls/{id}}, the
 * PeerJS server (installed with npm, started and stopped here) and a bare relay WAR on Kaiwa's
 * Liberty. Each target's pairs connect once, for the largest level; at each level the targets take
 * turns in short rounds, so that they share the machine's conditions as closely as a shared machine
 * allows. Figures are never asserted on.
 *
 * <p>A run that cannot finish, or a target that cannot run, leaves {@code signaling-load.failed}
 * for {@link BenchmarkVerdict}, so the build fails only after the server has stopped.
 */
public final class SignalingLoadBenchmark {
    static final String REPORT_NAME = "signaling-load";
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(2);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(3);
    /** Kaiwa ends a call in a database transaction, and all the calls end at once. */
    private static final Duration HANG_UP_TIMEOUT = Duration.ofSeconds(60);
    private static final int CONNECT_CONCURRENCY = 8;
    private static final String BANNER = "*".repeat(100);

    private final SignalingLoadSettings settings;
    private final SsoTokens tokens;

    SignalingLoadBenchmark(SignalingLoadSettings settings, SsoTokens tokens) {
        this.settings = requireNonNull(settings, "settings is null");
        this.tokens = requireNonNull(tokens, "tokens is null");
    }

    public static void main(String[] args) throws IOException {
        SignalingLoadSettings settings = SignalingLoadSettings.fromSystemProperties();
        Path output = settings.outputDirectory();
        Files.createDirectories(output);
        Path failure = output.resolve(REPORT_NAME + BenchmarkVerdict.FAILURE_SUFFIX);
        Files.deleteIfExists(failure);
        try {
            SsoTokens tokens = SsoTokens.fromKeyDirectory(settings.keysDirectory(), BenchmarkSettings.ORGANIZATION,
                    TOKEN_LIFETIME);
            SignalingLoadRun run = new SignalingLoadBenchmark(settings, tokens).run();
            String markdown = SignalingLoadReport.markdown(run);
            System.out.println(markdown);
            ReportFiles.write(output, REPORT_NAME, markdown, SignalingLoadReport.json(run));
            List<String> failures = new ArrayList<>();
            run.unavailable().forEach((target, reason) -> failures.add(target + " could not run: " + reason));
            run.sessions().stream().filter(session -> session.connected() == 0)
                    .forEach(session -> failures.add(session.target() + " connected no pair of " + session.pairs()));
            if (run.errors() > 0 && settings.failOnErrors()) {
                failures.add(run.errors() + " problems (kaiwa.bench.fail-on-errors is on)");
            }
            if (!failures.isEmpty()) {
                System.out.println(BANNER);
                failures.forEach(reason -> System.out.println("*** " + reason));
                System.out.println(BANNER);
                Files.writeString(failure, String.join("\n", failures) + "\n", UTF_8);
            }
        }
        catch (IOException | GeneralSecurityException | RuntimeException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // The server is still running: record the failure and return, so the build stops it first.
            System.out.println(BANNER);
            System.out.println("*** THE SIGNALING LOAD BENCHMARK DID NOT FINISH: " + e);
            System.out.println(BANNER);
            e.printStackTrace(System.out);
            Files.writeString(failure, e + "\n", UTF_8);
        }
    }

    SignalingLoadRun run() throws IOException, InterruptedException {
        ServerReadiness.await(settings.baseUrl());
        RunEnvironment environment = RunEnvironment.describe(settings.baseUrl(), settings.serverDirectory(),
                settings.serverSettings(), settings.database());
        OptionalLong libertyPid = ProcessProbe.libertyPid(settings.serverDirectory());
        int mostPairs = settings.pairLevels().stream().mapToInt(Integer::intValue).max().orElseThrow();
        System.out.println("Signaling load benchmark: targets " + settings.targets() + ", pairs " + settings.pairLevels()
                + ", " + settings.inFlight() + " in flight per pair; " + settings.duration().toSeconds()
                + " s measured per target and level in " + settings.rounds() + " rounds taking turns");
        Map<String, String> unavailable = new LinkedHashMap<>();
        List<LoadResult> results = new ArrayList<>();
        List<TargetSession> sessions = new ArrayList<>();
        List<Clients> targets = new ArrayList<>();
        try (WebSocketClients sockets = new WebSocketClients(2, 2, "load")) {
            try {
                for (String key : settings.targets()) {
                    try {
                        SignalingTarget target = open(key, sockets);
                        System.out.println("  " + key + ": " + target.description());
                        OptionalLong serverPid = target instanceof PeerJsTarget peerJs
                                ? OptionalLong.of(peerJs.server().pid()) : libertyPid;
                        targets.add(Clients.connect(target, mostPairs, serverPid));
                    }
                    catch (IOException | SetupException e) {
                        unavailable.put(key, e instanceof SetupException setup ? setup.outcome() + ": " + e.getMessage()
                                : e.toString());
                        System.out.println("  " + key + " CANNOT RUN: " + unavailable.get(key));
                    }
                }
                if (!targets.isEmpty()) {
                    warmUp(targets);
                    for (int pairs : settings.pairLevels()) {
                        results.addAll(runLevel(targets, pairs));
                    }
                }
            }
            finally {
                for (Clients clients : targets) {
                    try {
                        sessions.add(clients.hangUp());
                    }
                    finally {
                        clients.target().close();
                    }
                }
            }
        }
        return new SignalingLoadRun(environment, settings, sessions, unavailable, results);
    }

    private SignalingTarget open(String key, WebSocketClients sockets)
            throws IOException, SetupException, InterruptedException {
        return switch (key) {
            case "kaiwa" -> new KaiwaTarget(settings.baseUrl(), tokens, sockets);
            case "peerjs" -> new PeerJsTarget(PeerJsServer.start(settings.peerJsDirectory(), settings.peerJsVersion(),
                    settings.outputDirectory().resolve("peerjs-server.log")), sockets);
            case "relay" -> {
                BareRelayTarget relay = new BareRelayTarget(settings.relayEndpoint(), sockets);
                relay.awaitReady();
                yield relay;
            }
            default -> throw new IllegalArgumentException("unknown target " + key);
        };
    }

    /** Traffic through each target in turn at the first level, so that every server has compiled its hot paths. */
    private void warmUp(List<Clients> targets) throws InterruptedException {
        int pairs = settings.pairLevels().get(0);
        System.out.println("Warm-up: " + settings.warmUp().toSeconds() + " s per target at " + pairs + " pairs");
        for (Clients clients : targets) {
            clients.run(pairs, settings.inFlight(), settings.warmUp(), Duration.ZERO);
        }
    }

    /**
     * One level: the targets take turns, round by round, each round starting with the next target,
     * so that a burst of other work on the machine does not fall on one target alone.
     */
    private List<LoadResult> runLevel(List<Clients> targets, int pairs) throws InterruptedException {
        System.out.println(pairs + " pairs: " + settings.rounds() + " rounds of " + settings.round().toMillis() / 1000.0
                + " s per target");
        Map<Clients, Level> levels = new LinkedHashMap<>();
        targets.forEach(clients -> levels.put(clients, new Level(clients.roundTrips().errors())));
        for (int round = 0; round < settings.rounds(); round++) {
            for (int turn = 0; turn < targets.size(); turn++) {
                Clients clients = targets.get((round + turn) % targets.size());
                levels.get(clients).add(clients.run(pairs, settings.inFlight(), settings.round(), settings.settle()));
            }
        }
        List<LoadResult> results = new ArrayList<>();
        levels.forEach((clients, level) -> {
            LoadResult result = level.result(clients, pairs);
            System.out.printf("  %s: %.0f relayed messages/s, round trip p50 %.2f ms, p99 %.2f ms, %d problems%n",
                    clients.target().key(), result.messagesPerSecond(), result.p50Milliseconds(), result.p99Milliseconds(),
                    result.errorCount());
            results.add(result);
        });
        return results;
    }

    static double milliseconds(Histogram histogram, double percentile) {
        return histogram.getTotalCount() > 0 ? histogram.getValueAtPercentile(percentile) / 1000.0 : Double.NaN;
    }

    /** One measured window of one target. */
    private record Window(Histogram latencies, Duration length, CpuUse cpu) {
    }

    /** The windows of one target at one level, added up. */
    private static final class Level {
        private final Map<String, Long> errorsBefore;
        private final Histogram latencies = new Histogram(3);
        private final List<CpuUse> cpu = new ArrayList<>();
        private final List<Double> seconds = new ArrayList<>();
        private Duration measured = Duration.ZERO;

        Level(Map<String, Long> errorsBefore) {
            this.errorsBefore = errorsBefore;
        }

        void add(Window window) {
            latencies.add(window.latencies());
            measured = measured.plus(window.length());
            cpu.add(window.cpu());
            seconds.add(window.length().toNanos() / 1e9);
        }

        LoadResult result(Clients clients, int pairs) {
            return new LoadResult(clients.target().key(), pairs, Math.min(pairs, clients.loops().size()), measured,
                    latencies.getTotalCount(), milliseconds(latencies, 50), milliseconds(latencies, 99),
                    latencies.getTotalCount() > 0 ? latencies.getMaxValue() / 1000.0 : Double.NaN,
                    RoundTrips.since(errorsBefore, clients.roundTrips().errors()), clients.roundTrips().examples(),
                    CpuUse.average(cpu, seconds));
        }
    }

    /**
     * A target with its pairs connected and kept alive, which runs windows of traffic on the first
     * so many of them.
     *
     * @param setupProblems problems while connecting, by outcome
     */
    private record Clients(SignalingTarget target, List<RelayLoop> loops, RoundTrips roundTrips, KeepAlives keepAlives,
            OptionalLong serverPid, int pairs, Duration connectTime, Map<String, Long> setupProblems) {

        static Clients connect(SignalingTarget target, int pairs, OptionalLong serverPid) throws InterruptedException {
            System.out.printf("%s: connecting %d pairs%n", target.key(), pairs);
            RoundTrips roundTrips = new RoundTrips();
            KeepAlives keepAlives = new KeepAlives();
            long started = System.nanoTime();
            List<SocketPair> connected = Pairs.connect(target, 0, pairs, CONNECT_CONCURRENCY, CONNECT_TIMEOUT, roundTrips,
                    pair -> keepAlives.add(target.dialect(), pair));
            Duration connectTime = Duration.ofNanos(System.nanoTime() - started);
            System.out.printf("  %d pairs connected in %.1f s%n", connected.size(), connectTime.toNanos() / 1e9);
            List<RelayLoop> loops = connected.stream().map(pair -> new RelayLoop(pair, target.dialect(), roundTrips)).toList();
            return new Clients(target, loops, roundTrips, keepAlives, serverPid, pairs, connectTime, roundTrips.errors());
        }

        /** Runs the first {@code pairs} loops: {@code settle} not measured, then {@code length} measured. */
        Window run(int pairs, int inFlight, Duration length, Duration settle) throws InterruptedException {
            List<RelayLoop> active = loops.subList(0, Math.min(pairs, loops.size()));
            active.forEach(loop -> loop.start(inFlight));
            try {
                Thread.sleep(settle.toMillis());
                roundTrips.interval();
                CpuUse.Sample start = CpuUse.Sample.take(serverPid);
                Thread.sleep(length.toMillis());
                Histogram latencies = roundTrips.interval();
                CpuUse.Sample end = CpuUse.Sample.take(serverPid);
                return new Window(latencies, Duration.ofNanos(end.nanoTime() - start.nanoTime()), CpuUse.between(start, end));
            }
            finally {
                active.forEach(RelayLoop::stop);
                long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
                while (System.nanoTime() < deadline && active.stream().anyMatch(loop -> loop.outstanding() > 0)) {
                    TimeUnit.MILLISECONDS.sleep(10);
                }
                active.forEach(loop -> loop.abandonOutstanding("no answer " + DRAIN_TIMEOUT.toSeconds()
                        + " s after the window ended"));
            }
        }

        TargetSession hangUp() throws InterruptedException {
            keepAlives.close();
            long started = System.nanoTime();
            int dropped = Pairs.hangUp(target, loops.stream().map(RelayLoop::pair).toList(), HANG_UP_TIMEOUT);
            Duration hangUpTime = Duration.ofNanos(System.nanoTime() - started);
            System.out.printf("%s: hung up %d pairs in %.1f s%s%n", target.key(), loops.size(), hangUpTime.toNanos() / 1e9,
                    dropped > 0 ? ", " + dropped + " sockets dropped" : "");
            return new TargetSession(target.key(), target.description(), pairs, loops.size(), connectTime, setupProblems,
                    roundTrips.examples(), hangUpTime, dropped);
        }
    }
}
