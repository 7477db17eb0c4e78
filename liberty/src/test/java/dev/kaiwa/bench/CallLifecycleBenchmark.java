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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures the call lifecycle (create, start, join, end) against a running server at several
 * concurrency levels, prints the figures and writes them to {@code call-lifecycle.json} and
 * {@code call-lifecycle.md}. Figures are never asserted on.
 *
 * <p>Each level has its own HTTP client and a fixed pool of one thread per simulated host; every
 * host has its own SSO subject, so per-caller rate limits and per-user rows do not couple them.
 * A run that cannot finish (server not ready, a fault of the benchmark) leaves
 * {@code call-lifecycle.failed} for {@link BenchmarkVerdict}, so the build fails only after the
 * server has been stopped.
 */
public final class CallLifecycleBenchmark {
    static final String REPORT_NAME = "call-lifecycle";
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(2);
    private static final String BANNER = "*".repeat(100);

    private final BenchmarkSettings settings;
    private final SsoTokens tokens;

    CallLifecycleBenchmark(BenchmarkSettings settings, SsoTokens tokens) {
        this.settings = requireNonNull(settings, "settings is null");
        this.tokens = requireNonNull(tokens, "tokens is null");
    }

    public static void main(String[] args) throws IOException {
        BenchmarkSettings settings = BenchmarkSettings.fromSystemProperties();
        Path output = settings.outputDirectory();
        Files.createDirectories(output);
        Path failure = output.resolve(REPORT_NAME + BenchmarkVerdict.FAILURE_SUFFIX);
        Files.deleteIfExists(failure);
        try {
            SsoTokens tokens = SsoTokens.fromKeyDirectory(settings.keysDirectory(), BenchmarkSettings.ORGANIZATION,
                    TOKEN_LIFETIME);
            BenchmarkRun run = new CallLifecycleBenchmark(settings, tokens).run();
            String markdown = MarkdownReport.render(run);
            print(run, markdown);
            ReportFiles.write(output, REPORT_NAME, markdown, JsonReport.render(run));
            if (run.errors() > 0 && settings.failOnErrors()) {
                Files.writeString(failure, run.errors() + " requests failed (kaiwa.bench.fail-on-errors is on)\n", UTF_8);
            }
        }
        catch (IOException | GeneralSecurityException | RuntimeException | InterruptedException | ExecutionException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // The server is still running: record the failure and return, so the build stops it first.
            System.out.println(BANNER);
            System.out.println("*** THE CALL LIFECYCLE BENCHMARK DID NOT FINISH: " + e);
            System.out.println(BANNER);
            e.printStackTrace(System.out);
            Files.writeString(failure, e + "\n", UTF_8);
        }
    }

    BenchmarkRun run() throws IOException, InterruptedException, ExecutionException {
        ServerReadiness.await(settings.baseUrl());
        RunEnvironment environment = RunEnvironment.describe(settings);
        System.out.println("Call lifecycle benchmark against " + environment.server() + " at " + environment.baseUrl()
                + ", levels " + settings.concurrencyLevels());
        if (settings.serverWarmUp() > 0) {
            System.out.println("Warming the server up: " + settings.serverWarmUp() + " lifecycles at concurrency "
                    + BenchmarkSettings.SERVER_WARM_UP_CONCURRENCY);
            LevelResult warmUp = runLevel(BenchmarkSettings.SERVER_WARM_UP_CONCURRENCY, 0, settings.serverWarmUp(), "warm-up");
            System.out.printf("  done in %.2f s, %d errors%n", warmUp.elapsed().toNanos() / 1e9, warmUp.errors());
        }
        List<LevelResult> levels = new ArrayList<>();
        for (int concurrency : settings.concurrencyLevels()) {
            System.out.println("Concurrency " + concurrency + ": " + settings.warmUp() + " lifecycles of warm-up, "
                    + settings.iterations() + " measured");
            LevelResult level = runLevel(concurrency, settings.warmUp(), settings.iterations(), "c" + concurrency);
            System.out.printf("  %d lifecycles in %.2f s, %d errors%n", level.lifecycle().count(),
                    level.elapsed().toNanos() / 1e9, level.errors());
            levels.add(level);
        }
        return new BenchmarkRun(environment, settings, levels);
    }

    private LevelResult runLevel(int concurrency, int warmUp, int iterations, String name)
            throws InterruptedException, ExecutionException {
        KaiwaClient client = new KaiwaClient(KaiwaClient.newHttpClient(), settings.baseUrl());
        List<String> subjects = new ArrayList<>();
        List<String> hostTokens = new ArrayList<>();
        for (int worker = 0; worker < concurrency; worker++) {
            String subject = "bench-" + name + "-host-" + worker;
            subjects.add(subject);
            hostTokens.add(tokens.host(subject));
        }
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, workerThreads(name));
        try {
            if (warmUp > 0) {
                runPhase(pool, client, subjects, hostTokens, warmUp);
            }
            Phase measured = runPhase(pool, client, subjects, hostTokens, iterations);
            return measured.recorder().result(concurrency, warmUp, measured.elapsed());
        }
        finally {
            pool.shutdownNow();
        }
    }

    private static Phase runPhase(ExecutorService pool, KaiwaClient client, List<String> subjects, List<String> hostTokens,
            int lifecycles) throws InterruptedException, ExecutionException {
        AtomicInteger remaining = new AtomicInteger(lifecycles);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<LevelRecorder>> workers = new ArrayList<>();
        for (int worker = 0; worker < subjects.size(); worker++) {
            workers.add(pool.submit(new LifecycleWorker(client, subjects.get(worker), hostTokens.get(worker), remaining, start)));
        }
        long started = System.nanoTime();
        start.countDown();
        LevelRecorder level = new LevelRecorder();
        for (Future<LevelRecorder> worker : workers) {
            level.add(worker.get());
        }
        return new Phase(level, Duration.ofNanos(System.nanoTime() - started));
    }

    private static void print(BenchmarkRun run, String markdown) {
        if (run.errors() > 0) {
            System.out.println(BANNER);
            System.out.println("*** " + run.errors() + " REQUESTS FAILED: THESE FIGURES ARE NOT A CLEAN MEASUREMENT (see Errors below)");
            System.out.println(BANNER);
        }
        System.out.println(markdown);
        if (run.errors() > 0) {
            System.out.println(BANNER);
            System.out.println("*** " + run.errors() + " REQUESTS FAILED (listed above)");
            System.out.println(BANNER);
        }
    }

    private static ThreadFactory workerThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "bench-" + name + "-" + count.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The recorders of a phase's workers, added up, and how long the phase took. */
    private record Phase(LevelRecorder recorder, Duration elapsed) {
    }
}
