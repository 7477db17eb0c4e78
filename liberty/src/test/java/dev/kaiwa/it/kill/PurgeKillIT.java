package dev.kaiwa.it.kill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaiwa.it.Eventually;
import dev.kaiwa.it.Organization;
import dev.kaiwa.it.TestUser;
import dev.kaiwa.it.kill.PurgeData.Kind;
import dev.kaiwa.it.kill.PurgeData.Row;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The retention purge survives its server being killed: on a server of the test's own (see the package), a run
 * with small chunks is interrupted by SIGKILL once it has deleted part of the due recordings. Right after the kill
 * no READY recording is without its file and no file is without a row that still expects it; after the server is
 * started again, Liberty's batch recovery marks the execution it left STARTED as FAILED and Kaiwa's recovery timer
 * restarts it from its checkpoints, and the restart completes: every due recording DELETED with its file gone,
 * every held or not yet due one READY with its file, each expired and deleted exactly once.
 */
class PurgeKillIT {
    private static final int DUE = 1500;
    private static final int HELD = 500;
    private static final int LATER = 1000;
    /** Small chunks: many commits, so the kill lands between checkpoints of a run that is well under way. */
    private static final int CHUNK_SIZE = 10;
    /** The kill comes once this many due recordings are DELETED. */
    private static final int DELETED_BEFORE_KILL = DUE / 10;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);

    private static KillSettings settings;
    private static KillServer server;
    private static PurgeData data;
    private static AdminApi api;

    private final Organization organization = Organization.fresh();
    private final TestUser host = organization.host();
    private final TestUser admin = organization.admin();

    @BeforeAll
    static void startOwnServer() {
        settings = KillSettings.fromSystemProperties();
        server = new KillServer(settings);
        data = new PurgeData(settings);
        api = new AdminApi(settings.baseUrl());
        Runtime.getRuntime().addShutdownHook(new Thread(server::killQuietly, "kill-test-server-cleanup"));
        server.create(variables(), Map.of("kaiwa.db.kind", settings.databaseKind()), List.of("-Xmx512m"));
        data.reset();
        server.start();
        server.awaitReady(START_TIMEOUT);
    }

    @AfterAll
    static void stopOwnServer() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void aRunKilledMidwayIsRestartedByTheServerAndEndsWithEveryRowMatchingItsFile() {
        Instant now = Instant.now();
        String callId = api.createCall(host);
        String recorder = api.hostParticipant(host, callId);
        List<String> due = data.insert(callId, organization.name(), recorder, Kind.DUE, DUE, now);
        List<String> held = data.insert(callId, organization.name(), recorder, Kind.HELD, HELD, now);
        List<String> later = data.insert(callId, organization.name(), recorder, Kind.LATER, LATER, now);
        List<String> kept = concat(held, later);
        assertThat(data.recordingsWithMedia()).hasSize(DUE + HELD + LATER);

        Instant started = Instant.now();
        long first = api.startPurge(admin, Integer.toString(CHUNK_SIZE)).expectStatus(202).json()
                .getJsonNumber("executionId").longValue();
        Eventually.await("run " + first + " to delete " + DELETED_BEFORE_KILL + " recordings", RUN_TIMEOUT,
                Duration.ofMillis(50), () -> data.statusCounts(callId),
                counts -> counts.getOrDefault("DELETED", 0L) >= DELETED_BEFORE_KILL);
        long pid = server.kill();
        Duration untilKill = Duration.between(started, Instant.now());

        Map<String, Row> atKill = data.rows(callId);
        Map<String, Long> countsAtKill = data.statusCounts(callId);
        assertConsistent(atKill, data.recordingsWithMedia());
        assertThat(countsAtKill.getOrDefault("DELETED", 0L)).as("DELETED when killed (%s); a run that finished before "
                + "the kill tests nothing: seed more recordings or use smaller chunks", countsAtKill).isLessThan(DUE);
        assertThat(data.executionStatus(first)).as("execution %s in the job repository after SIGKILL", first)
                .hasValueSatisfying(status -> assertThat(status).isIn("STARTING", "STARTED"));

        Instant restarted = Instant.now();
        server.start();
        server.awaitReady(START_TIMEOUT);
        long second = Eventually.await("the server to restart run " + first, RUN_TIMEOUT, Duration.ofMillis(500),
                () -> data.restartOf(first), Optional::isPresent).orElseThrow();
        JsonObject completed = Eventually.await("run " + second + " to end", RUN_TIMEOUT, Duration.ofMillis(500),
                () -> api.purgeRun(admin, second).orElseThrow(), run -> run.containsKey("endedAt"));
        Duration afterRestart = Duration.between(restarted, Instant.now());

        assertThat(completed.getString("status")).as("%s\n%s", completed, server.diagnostics()).isEqualTo("COMPLETED");
        assertThat(completed.getJsonNumber("restartOf").longValue()).as("%s", completed).isEqualTo(first);
        assertThat(api.purgeRun(admin, first).orElseThrow().getString("status"))
                .as("the killed execution, as Liberty's recovery left it").isEqualTo("FAILED");
        Map<String, Row> after = data.rows(callId);
        assertThat(due).allSatisfy(id -> {
            Row row = after.get(id);
            assertThat(row.status()).as("due %s", id).isEqualTo("DELETED");
            assertThat(row.deletedReason()).as("due %s", id).isEqualTo("RETENTION");
            assertThat(row.storageKey()).as("media removal of %s confirmed", id).isNull();
        });
        assertThat(kept).allSatisfy(id -> assertThat(after.get(id).status()).as("kept %s", id).isEqualTo("READY"));
        assertThat(data.statusCounts(callId)).isEqualTo(Map.of("DELETED", (long) DUE, "READY", (long) HELD + LATER));
        assertConsistent(after, data.recordingsWithMedia());
        assertThat(data.recordingsWithMedia()).as("recordings with media").containsExactlyInAnyOrderElementsOf(kept);
        assertThat(data.recordingsWithFolder()).as("recordings with anything stored")
                .containsExactlyInAnyOrderElementsOf(kept);
        assertThat(data.events(callId, "RECORDING_EXPIRED")).as("expiries, one per due recording").isEqualTo(DUE);
        assertThat(data.events(callId, "RECORDING_DELETED")).as("deletions, one per due recording").isEqualTo(DUE);
        JsonObject counts = completed.getJsonObject("counts");
        assertThat(counts.getJsonNumber("recordingsExpired").longValue()).as("%s", counts).isEqualTo(DUE);
        assertThat(counts.getJsonNumber("recordingsDeleted").longValue()).as("%s", counts).isEqualTo(DUE);

        System.out.printf("PurgeKillIT: %d recordings (%d due, %d held, %d not due), chunks of %d; SIGKILL to pid %d "
                        + "%d ms after the start with %s; restarted as execution %d (of %d), COMPLETED %d ms after "
                        + "the server was started again; counts %s%n",
                DUE + HELD + LATER, DUE, HELD, LATER, CHUNK_SIZE, pid, untilKill.toMillis(), countsAtKill, second, first,
                afterRestart.toMillis(), counts);
    }

    @Test
    void aChunkSizeThatIsNotAWholeNumberFromOneToAThousandIsRejected() {
        for (String chunkSize : List.of("0", "1001", "-5", "ten", "2.5")) {
            AdminApi.Answer answer = api.startPurge(admin, chunkSize);

            assertThat(answer.status()).as("%s", answer).isEqualTo(400);
            assertThat(answer.mediaType()).as("%s", answer).isEqualTo("application/problem+json");
            JsonObject problem = answer.json();
            assertThat(problem.getString("code")).as("%s", answer).isEqualTo("VALIDATION_FAILED");
            assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("field")).as("%s", answer)
                    .isEqualTo("chunkSize");
        }
    }

    /** No READY row without its media file; every media file belongs to a row that is not DELETED. */
    private static void assertConsistent(Map<String, Row> rows, Set<String> withMedia) {
        assertThat(rows.values()).filteredOn(row -> row.status().equals("READY"))
                .allSatisfy(row -> assertThat(withMedia).as("READY %s has its file", row.id()).contains(row.id()));
        assertThat(withMedia).allSatisfy(id -> {
            assertThat(rows).as("file of %s has a row", id).containsKey(id);
            assertThat(rows.get(id).status()).as("file of %s", id).isNotEqualTo("DELETED");
        });
    }

    /** The test server's settings: own ports, database, storage and SSO key; a prompt recovery, no daily purge. */
    private static Map<String, String> variables() {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("default.http.port", Integer.toString(settings.httpPort()));
        variables.put("default.https.port", Integer.toString(settings.httpsPort()));
        variables.put("default.host", "localhost");
        variables.put("kaiwa.data-dir", settings.dataDirectory().toString());
        variables.put("kaiwa.db.url", settings.databaseUrl());
        variables.put("kaiwa.db.user", settings.databaseUser());
        variables.put("kaiwa.db.password", settings.databasePassword());
        variables.put("kaiwa.dev.jwt-key-dir", settings.keysDirectory().toString());
        variables.put("kaiwa.dev.tokens", "false");
        variables.put("kaiwa.storage.root", settings.storageRoot().toString());
        variables.put("kaiwa.retention.purge-time", "off");
        variables.put("kaiwa.retention.purge-recovery-delay", "PT2S");
        return variables;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
