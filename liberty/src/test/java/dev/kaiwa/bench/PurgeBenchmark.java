package dev.kaiwa.bench;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;

/**
 * Measures the retention purge ({@code purge-expired-recordings}, started with
 * {@code POST /api/v1/admin/purge-runs} and followed with {@code GET /api/v1/admin/purge-runs/{id}}) on
 * many recordings, half of them expired, and compares it with the limit on the same data: a plain SQL delete
 * of the expired rows and unlinking their files in a loop. Prints the figures and writes
 * {@code purge.json} and {@code purge.md}.
 *
 * <p>The recordings are seeded straight into the server's database and storage folder (see
 * {@link PurgeSeed}), then purged by the job; the same recordings are seeded again for the limit, and
 * everything seeded is removed at the end. Both runs are checked: the job's own counts, the rows and the
 * files must show exactly the expired recordings gone and the others untouched, else the benchmark fails
 * ({@code purge.failed}, for {@link BenchmarkVerdict}).
 */
public final class PurgeBenchmark {
    static final String REPORT_NAME = "purge";
    static final String ORGANIZATION = "kaiwa-bench-purge";
    static final String WARM_UP_ORGANIZATION = "kaiwa-bench-purge-warm-up";
    static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final String ADMIN_SUBJECT = "bench-purge-admin";
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(2);
    private static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED");
    private static final String BANNER = "*".repeat(100);

    private final PurgeSettings settings;
    private final BenchApi api;
    private final String adminToken;
    private final BenchDatabase database;
    private final Random random = PurgeSeed.newRandom();

    PurgeBenchmark(PurgeSettings settings, SsoTokens tokens, BenchDatabase database) {
        this.settings = requireNonNull(settings, "settings is null");
        this.api = new BenchApi(settings.baseUrl());
        this.adminToken = tokens.admin(ADMIN_SUBJECT);
        this.database = requireNonNull(database, "database is null");
    }

    public static void main(String[] args) throws IOException {
        PurgeSettings settings = PurgeSettings.fromSystemProperties();
        Path output = settings.outputDirectory();
        Files.createDirectories(output);
        Path failure = output.resolve(REPORT_NAME + BenchmarkVerdict.FAILURE_SUFFIX);
        Files.deleteIfExists(failure);
        try {
            SsoTokens tokens = SsoTokens.fromKeyDirectory(settings.keysDirectory(), BenchmarkSettings.ORGANIZATION,
                    TOKEN_LIFETIME);
            BenchDatabase database = new BenchDatabase(settings.databaseUrl(), settings.databaseUser(),
                    settings.databasePassword());
            PurgeRunFigures run = new PurgeBenchmark(settings, tokens, database).run();
            String markdown = PurgeReport.markdown(run);
            System.out.println(markdown);
            ReportFiles.write(output, REPORT_NAME, markdown, PurgeReport.json(run));
            if (!run.differences().isEmpty()) {
                System.out.println(BANNER);
                run.differences().forEach(difference -> System.out.println("*** " + difference));
                System.out.println(BANNER);
                Files.writeString(failure, "the purge did not purge exactly the expired recordings: "
                        + String.join("; ", run.differences()) + "\n", UTF_8);
            }
        }
        catch (IOException | GeneralSecurityException | SQLException | SetupException | RuntimeException
                | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // The server is still running: record the failure and return, so the build stops it first.
            System.out.println(BANNER);
            System.out.println("*** THE PURGE BENCHMARK DID NOT FINISH: " + e);
            System.out.println(BANNER);
            e.printStackTrace(System.out);
            String detail = e instanceof SetupException setup ? setup.outcome() + ": " + setup.getMessage() : e.toString();
            Files.writeString(failure, detail + "\n", UTF_8);
        }
    }

    PurgeRunFigures run() throws IOException, SQLException, SetupException, InterruptedException {
        ServerReadiness.await(settings.baseUrl());
        RunEnvironment environment = RunEnvironment.describe(settings.baseUrl(), settings.serverDirectory(),
                settings.serverSettings(), settings.database());
        OptionalLong serverPid = ProcessProbe.libertyPid(settings.serverDirectory());
        System.out.println("Purge benchmark: " + settings.recordings() + " recordings (" + settings.expiredPercent()
                + " % expired, media files of " + settings.blobBytes() + " bytes) in " + settings.storageDirectory()
                + ", database " + database.url());
        List<String> differences = new ArrayList<>();
        try (Connection connection = open()) {
            removeLeftovers(connection);
            long due = PurgeSeed.duePurgeWork(connection);
            if (due > 0) {
                throw new SetupException("database not fresh", due + " recordings are already due for purging; the "
                        + "benchmark needs a database where only its own recordings are due (the bench profile empties "
                        + "its H2 database before the server starts)");
            }

            Optional<PurgeRunFigures.JobRun> warmUp = Optional.empty();
            if (settings.warmUp() > 0) {
                PurgeSeed warmUpSeed = PurgeSeed.plan(WARM_UP_ORGANIZATION, settings.warmUp(),
                        settings.expiredOf(settings.warmUp()), settings.blobBytes(), random);
                warmUpSeed.insertCalls(connection);
                warmUpSeed.insertRecordings(connection);
                warmUpSeed.writeFiles(settings.storageDirectory(), random);
                System.out.println("Warm-up: purging " + warmUpSeed.expiredCount() + " of " + warmUpSeed.count()
                        + " recordings");
                PurgeRunFigures.JobRun run = purge(warmUpSeed.count());
                System.out.printf("  %s in %.2f s%n", run.status(), seconds(run.jobTime()));
                warmUpSeed.checkPurged(connection, settings.storageDirectory())
                        .forEach(difference -> differences.add("warm-up: " + difference));
                warmUpSeed.removeAll(connection, settings.storageDirectory());
                warmUp = Optional.of(run);
            }

            PurgeSeed seed = PurgeSeed.plan(ORGANIZATION, settings.recordings(), settings.expiredOf(settings.recordings()),
                    settings.blobBytes(), random);
            System.out.println("Seeding " + seed.count() + " recordings of " + seed.callCount() + " calls, "
                    + seed.expiredCount() + " expired");
            seed.insertCalls(connection);
            long started = System.nanoTime();
            seed.insertRecordings(connection);
            Duration seedRows = since(started);
            started = System.nanoTime();
            seed.writeFiles(settings.storageDirectory(), random);
            Duration seedFiles = since(started);
            System.out.printf("  rows in %.1f s, files in %.1f s%n", seconds(seedRows), seconds(seedFiles));
            settleDisk();

            System.out.println("Kaiwa: purge run over " + seed.count() + " recordings");
            CpuUse.Sample before = CpuUse.Sample.take(serverPid);
            PurgeRunFigures.JobRun kaiwa = purge(seed.count());
            CpuUse kaiwaCpu = CpuUse.between(before, CpuUse.Sample.take(serverPid));
            kaiwa = withStepTimes(connection, kaiwa);
            System.out.printf("  %s: %d purged in %.2f s (%.0f/s)%n", kaiwa.status(), kaiwa.deleted(),
                    seconds(kaiwa.jobTime()), kaiwa.purgedPerSecond());
            differences.addAll(checkRun(kaiwa, seed));
            seed.checkPurged(connection, settings.storageDirectory())
                    .forEach(difference -> differences.add("after the purge run, " + difference));

            System.out.println("Seeding the same recordings again for the limit");
            seed.removeRecordings(connection, settings.storageDirectory());
            seed.insertRecordings(connection);
            seed.writeFiles(settings.storageDirectory(), random);
            settleDisk();

            System.out.println("Limit: plain SQL delete of the expired rows and unlinking their files");
            before = CpuUse.Sample.take(serverPid);
            PurgeRunFigures.SqlPurge limit = sqlPurge(connection, seed);
            CpuUse limitCpu = CpuUse.between(before, CpuUse.Sample.take(serverPid));
            System.out.printf("  %d deleted in %.2f s (%.0f/s)%n", limit.deleted(), seconds(limit.total()),
                    limit.purgedPerSecond());
            if (limit.deleted() != seed.expiredCount()) {
                differences.add("the plain SQL delete removed " + limit.deleted() + " rows, expected "
                        + seed.expiredCount());
            }
            seed.checkDeleted(connection, settings.storageDirectory())
                    .forEach(difference -> differences.add("after the plain SQL delete, " + difference));

            seed.removeAll(connection, settings.storageDirectory());
            return new PurgeRunFigures(environment, settings,
                    new PurgeRunFigures.Seed(seed.count(), seed.expiredCount(), seed.callCount(), settings.blobBytes()),
                    seedRows, seedFiles, warmUp, kaiwa, limit, kaiwaCpu, limitCpu, differences);
        }
    }

    /** Starts a purge run and follows it to its end. */
    private PurgeRunFigures.JobRun purge(int recordings) throws SetupException, InterruptedException {
        long started = System.nanoTime();
        JsonObject start = BenchApi.json(api.post("admin/purge-runs", adminToken, ""), "start purge run");
        long executionId = start.getJsonNumber("executionId").longValue();
        long deadline = started + settings.timeout().toNanos();
        while (true) {
            Thread.sleep(POLL_INTERVAL.toMillis());
            JsonObject run = BenchApi.json(api.get("admin/purge-runs/" + executionId, adminToken), "read purge run");
            String status = run.getString("status");
            if (ENDED.contains(status)) {
                Duration observed = since(started);
                Duration jobTime = Duration.between(instant(run, "startedAt"), instant(run, "endedAt"));
                return new PurgeRunFigures.JobRun(executionId, status, recordings, jobTime, observed, POLL_INTERVAL,
                        counts(run), steps(run));
            }
            if (System.nanoTime() > deadline) {
                throw new SetupException("purge run " + executionId + " not ended within " + settings.timeout(),
                        run.toString());
            }
        }
    }

    /**
     * The run with each step's time, read from the job repository in the server's database (Liberty's batch
     * tables, prefix KWBATCH); a step whose times cannot be read keeps none.
     */
    private static PurgeRunFigures.JobRun withStepTimes(Connection connection, PurgeRunFigures.JobRun run)
            throws SQLException {
        List<PurgeRunFigures.Step> steps = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT STARTTIME, ENDTIME FROM "
                + "KWBATCHSTEPTHREADEXECUTION WHERE STEPEXECID = ?")) {
            for (PurgeRunFigures.Step step : run.steps()) {
                select.setLong(1, step.executionId());
                Optional<Duration> time = Optional.empty();
                try (ResultSet result = select.executeQuery()) {
                    if (result.next() && result.getTimestamp(1) != null && result.getTimestamp(2) != null) {
                        time = Optional.of(Duration.ofMillis(result.getTimestamp(2).getTime()
                                - result.getTimestamp(1).getTime()));
                    }
                }
                steps.add(step.withTime(time));
            }
        }
        catch (SQLException e) {
            connection.rollback();
            System.out.println("  (no step times from the job repository: " + e.getMessage() + ")");
            return run;
        }
        connection.commit();
        return new PurgeRunFigures.JobRun(run.executionId(), run.status(), run.recordings(), run.jobTime(),
                run.observed(), run.pollInterval(), run.counts(), steps);
    }

    /** The job's own counts must say it purged exactly the expired recordings. */
    private static List<String> checkRun(PurgeRunFigures.JobRun run, PurgeSeed seed) {
        List<String> differences = new ArrayList<>();
        if (!run.status().equals("COMPLETED")) {
            differences.add("purge run " + run.executionId() + " ended " + run.status());
        }
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("recordingsExpired", (long) seed.expiredCount());
        expected.put("recordingsDeleted", (long) seed.expiredCount());
        expected.put("missingBlobs", 0L);
        expected.put("bytesFreed", seed.expiredBytes());
        expected.forEach((name, value) -> {
            long actual = run.counts().getOrDefault(name, 0L);
            if (actual != value) {
                differences.add("purge run " + run.executionId() + " counted " + name + " " + actual + ", expected " + value);
            }
        });
        return differences;
    }

    /** The limit: the rows a purge would take, deleted in one statement, then their files unlinked one by one. */
    private PurgeRunFigures.SqlPurge sqlPurge(Connection connection, PurgeSeed seed) throws SQLException, IOException {
        Instant asOf = Instant.now();
        long started = System.nanoTime();
        List<String> ids = seed.selectDue(connection, asOf);
        Duration select = since(started);
        started = System.nanoTime();
        int deleted = seed.deleteDue(connection, asOf);
        Duration delete = since(started);
        started = System.nanoTime();
        for (String id : ids) {
            PurgeSeed.unlink(settings.storageDirectory(), id);
        }
        Duration unlink = since(started);
        return new PurgeRunFigures.SqlPurge(deleted, select, delete, unlink);
    }

    private Connection open() throws SQLException {
        Connection connection;
        try {
            connection = database.connect();
        }
        catch (SQLException e) {
            throw new SQLException("cannot reach the server's database at " + database.url() + " (an H2 file database "
                    + "must be opened with AUTO_SERVER=TRUE by the server for a second process to connect): "
                    + e.getMessage(), e);
        }
        connection.setAutoCommit(false);
        return connection;
    }

    /** Rows a run that did not finish left behind (a shared PostgreSQL schema keeps them). */
    private static void removeLeftovers(Connection connection) throws SQLException {
        for (String organization : List.of(ORGANIZATION, WARM_UP_ORGANIZATION)) {
            PurgeSeed.removeRows(connection, organization);
        }
    }

    /**
     * Writes the seeded files out before measuring, so the run does not pay for flushing them: {@code sync}
     * if the machine has it (a shared machine's other work is flushed too).
     */
    private static void settleDisk() throws InterruptedException {
        try {
            Process sync = new ProcessBuilder("sync").redirectErrorStream(true).start();
            sync.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            sync.waitFor();
        }
        catch (IOException e) {
            System.out.println("  (no sync: " + e.getMessage() + ")");
        }
    }

    private static Map<String, Long> counts(JsonObject run) {
        Map<String, Long> counts = new LinkedHashMap<>();
        JsonValue value = run.get("counts");
        if (value instanceof JsonObject object) {
            object.forEach((name, count) -> {
                if (count instanceof JsonNumber number) {
                    counts.put(name, number.longValue());
                }
            });
        }
        return counts;
    }

    private static List<PurgeRunFigures.Step> steps(JsonObject run) {
        List<PurgeRunFigures.Step> steps = new ArrayList<>();
        JsonValue value = run.get("steps");
        if (value != null && value.getValueType() == JsonValue.ValueType.ARRAY) {
            for (JsonObject step : value.asJsonArray().getValuesAs(JsonObject.class)) {
                steps.add(new PurgeRunFigures.Step(step.getString("name"), step.getJsonNumber("executionId").longValue(),
                        step.getString("status"), step.getJsonNumber("readCount").longValue(),
                        step.getJsonNumber("writeCount").longValue(), step.getJsonNumber("filterCount").longValue(),
                        step.getJsonNumber("commitCount").longValue(), step.getJsonNumber("rollbackCount").longValue(),
                        Optional.empty()));
            }
        }
        return steps;
    }

    private static Instant instant(JsonObject run, String name) throws SetupException {
        if (!run.containsKey(name) || run.isNull(name)) {
            throw new SetupException("purge run without " + name, run.toString());
        }
        return Instant.parse(run.getString(name));
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
