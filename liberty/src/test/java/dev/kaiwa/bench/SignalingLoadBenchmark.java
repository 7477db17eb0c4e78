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
 * Liberty. At each level the three run one after the other, so they share the machine's conditions
 * as closely as a shared machine allows. Figures are never asserted on.
 *
 * <p>A run that cannot finish, or a target that cannot run, leaves {@code signaling-load.failed}
 * for {@link BenchmarkVerdict}, so the build fails only after the server has stopped.
 */
public final class SignalingLoadBenchmark {
    static final String REPORT_NAME = "signaling-load";
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(2);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(3);
    /** Kaiwa ends a call in a database transaction; a level's calls all end at once. */
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
            Files.writeString(output.resolve(REPORT_NAME + ".md"), markdown, UTF_8);
            Files.writeString(output.resolve(REPORT_NAME + ".json"), SignalingLoadReport.json(run), UTF_8);
            System.out.println(markdown);
            System.out.println("Reports: " + output.resolve(REPORT_NAME + ".md") + ", " + output.resolve(REPORT_NAME + ".json"));
            List<String> failures = new ArrayList<>();
            run.unavailable().forEach((target, reason) -> failures.add(target + " could not run: " + reason));
            run.results().stream().filter(result -> result.connected() == 0)
                    .forEach(result -> failures.add(result.target() + " connected no pair of " + result.pairs()));
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
        System.out.println("Signaling load benchmark: targets " + settings.targets() + ", pairs " + settings.pairLevels()
                + ", " + settings.inFlight() + " in flight per pair, " + settings.warmUp().toSeconds() + " s warm-up and "
                + settings.duration().toSeconds() + " s measured per target and level");
        Map<String, String> descriptions = new LinkedHashMap<>();
        Map<String, String> unavailable = new LinkedHashMap<>();
        List<LoadResult> results = new ArrayList<>();
        List<SignalingTarget> targets = new ArrayList<>();
        try (WebSocketClients sockets = new WebSocketClients(2, 2, "load")) {
            try {
                for (String key : settings.targets()) {
                    try {
                        SignalingTarget target = open(key, sockets);
                        targets.add(target);
                        descriptions.put(key, target.description());
                        System.out.println("  " + key + ": " + target.description());
                    }
                    catch (IOException | SetupException e) {
                        unavailable.put(key, e instanceof SetupException setup ? setup.outcome() + ": " + e.getMessage()
                                : e.toString());
                        System.out.println("  " + key + " CANNOT RUN: " + unavailable.get(key));
                    }
                }
                for (int pairs : settings.pairLevels()) {
                    for (SignalingTarget target : targets) {
                        OptionalLong serverPid = target instanceof PeerJsTarget peerJs
                                ? OptionalLong.of(peerJs.server().pid()) : libertyPid;
                        results.add(runLevel(target, pairs, serverPid));
                    }
                }
            }
            finally {
                targets.forEach(SignalingTarget::close);
            }
        }
        return new SignalingLoadRun(environment, settings, descriptions, unavailable, results);
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

    private LoadResult runLevel(SignalingTarget target, int pairs, OptionalLong serverPid) throws InterruptedException {
        System.out.printf("%s, %d pairs: connecting%n", target.key(), pairs);
        RoundTrips roundTrips = new RoundTrips();
        long setupStarted = System.nanoTime();
        KeepAlives keepAlives = new KeepAlives();
        List<SocketPair> connected = Pairs.connect(target, 0, pairs, CONNECT_CONCURRENCY, CONNECT_TIMEOUT, roundTrips,
                pair -> keepAlives.add(target.dialect(), pair));
        Duration setup = Duration.ofNanos(System.nanoTime() - setupStarted);
        List<RelayLoop> loops = connected.stream().map(pair -> new RelayLoop(pair, target.dialect(), roundTrips)).toList();
        Histogram measured = new Histogram(3);
        Duration window = Duration.ZERO;
        CpuUse cpu = CpuUse.UNKNOWN;
        try {
            System.out.printf("  %d pairs connected in %.1f s; %d s warm-up, %d s measured%n", connected.size(),
                    setup.toNanos() / 1e9, settings.warmUp().toSeconds(), settings.duration().toSeconds());
            loops.forEach(loop -> loop.start(settings.inFlight()));
            Thread.sleep(settings.warmUp().toMillis());
            roundTrips.interval();
            CpuUse.Sample start = CpuUse.Sample.take(serverPid);
            Thread.sleep(settings.duration().toMillis());
            measured = roundTrips.interval();
            CpuUse.Sample end = CpuUse.Sample.take(serverPid);
            window = Duration.ofNanos(end.nanoTime() - start.nanoTime());
            cpu = CpuUse.between(start, end);
        }
        finally {
            loops.forEach(RelayLoop::stop);
            drain(loops);
            loops.forEach(loop -> loop.abandonOutstanding("no answer by the end of the level"));
            keepAlives.close();
        }
        long hangUpStarted = System.nanoTime();
        int dropped = Pairs.hangUp(target, connected, HANG_UP_TIMEOUT);
        System.out.printf("  hung up in %.1f s%s%n", (System.nanoTime() - hangUpStarted) / 1e9,
                dropped > 0 ? ", " + dropped + " sockets dropped" : "");
        LoadResult result = new LoadResult(target.key(), pairs, connected.size(), setup, window, measured.getTotalCount(),
                milliseconds(measured, 50), milliseconds(measured, 99), measured.getTotalCount() > 0
                        ? measured.getMaxValue() / 1000.0 : Double.NaN,
                roundTrips.errors(), roundTrips.examples(), dropped, cpu);
        System.out.printf("  %.0f relayed messages/s, round trip p50 %.2f ms, p99 %.2f ms, %d problems%n",
                result.messagesPerSecond(), result.p50Milliseconds(), result.p99Milliseconds(), result.errorCount());
        return result;
    }

    private static void drain(List<RelayLoop> loops) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && loops.stream().anyMatch(loop -> loop.outstanding() > 0)) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    static double milliseconds(Histogram histogram, double percentile) {
        return histogram.getTotalCount() > 0 ? histogram.getValueAtPercentile(percentile) / 1000.0 : Double.NaN;
    }
}
