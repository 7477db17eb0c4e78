package dev.kaiwa.it.kill;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The kill test's recordings, as someone with access to the server's database and storage directory sees them:
 * rows written with plain SQL (states such as READY long past its retention that the services only reach over
 * days) and small files at the store's paths ({@code <storage root>/recordings/<id>/media.webm}). Their content
 * is not encrypted: the purge only checks that a file exists and deletes it. Every query opens its own connection
 * and closes it, so nothing holds the embedded database across a kill and a restart.
 */
final class PurgeData {
    /** How a recording was seeded, and so what the purge must do with it. */
    enum Kind {
        /** READY, past its retention, not held: the purge deletes it. */
        DUE,
        /** READY, past its retention, under legal hold: kept. */
        HELD,
        /** READY, retained for another month: kept. */
        LATER
    }

    /** A recording row as the purge leaves it. */
    record Row(String id, String status, String storageKey, String deletedReason) {
    }

    private static final int BATCH = 500;
    private static final String MEDIA = "media.webm";

    private final KillSettings settings;

    PurgeData(KillSettings settings) {
        this.settings = settings;
    }

    /** Removes the data of an earlier run: the data directory, and on PostgreSQL the test's schema. */
    void reset() {
        try {
            KillServer.deleteTree(settings.dataDirectory());
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + settings.dataDirectory(), e);
        }
        settings.databaseSchema().ifPresent(schema -> {
            if (!schema.matches("[a-z_][a-z0-9_]*")) {
                throw new IllegalStateException("kaiwa.test.kill.db.schema must be a plain lower-case name: " + schema);
            }
            execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        });
    }

    /**
     * Inserts {@code count} READY recordings of the call made by {@code recorderId}, of the given kind, each with its
     * media file; returns their ids.
     */
    List<String> insert(String callId, String organization, String recorderId, Kind kind, int count, Instant now) {
        Instant expiresAt = kind == Kind.LATER ? now.plus(Duration.ofDays(30)) : now.minus(Duration.ofDays(1));
        Instant readyAt = now.minus(Duration.ofDays(31));
        boolean held = kind == Kind.HELD;
        String sql = "INSERT INTO kw_recording (id, call_id, organization, recorder_id, kind, format, quality, audio_only, "
                + "status, requested_by, requested_at, started_at, stopped_at, completed_at, ready_at, chunk_count, "
                + "uploaded_bytes, size_bytes, duration_millis, checksum_sha256, storage_key, expires_at, legal_hold, "
                + "legal_hold_reason, legal_hold_by, legal_hold_at, version) "
                + "VALUES (?, ?, ?, ?, 'COMPOSITE', 'WEBM', 'MEDIUM', FALSE, 'READY', 'test', ?, ?, ?, ?, ?, 1, ?, ?, 1000, "
                + "?, ?, ?, ?, ?, ?, ?, 0)";
        List<String> ids = new ArrayList<>();
        try (Connection connection = connect(); PreparedStatement insert = connection.prepareStatement(sql)) {
            for (int i = 0; i < count; i++) {
                String id = UUID.randomUUID().toString().replace("-", "");
                byte[] media = media(id);
                writeMedia(id, media);
                ids.add(id);
                insert.setString(1, id);
                insert.setString(2, callId);
                insert.setString(3, organization);
                insert.setString(4, recorderId);
                insert.setTimestamp(5, Timestamp.from(readyAt.minusSeconds(60)));
                insert.setTimestamp(6, Timestamp.from(readyAt.minusSeconds(59)));
                insert.setTimestamp(7, Timestamp.from(readyAt.minusSeconds(2)));
                insert.setTimestamp(8, Timestamp.from(readyAt.minusSeconds(1)));
                insert.setTimestamp(9, Timestamp.from(readyAt));
                insert.setLong(10, media.length);
                insert.setLong(11, media.length);
                insert.setString(12, "0".repeat(64));
                insert.setString(13, "recordings/" + id + "/" + MEDIA);
                insert.setTimestamp(14, Timestamp.from(expiresAt));
                insert.setBoolean(15, held);
                insert.setString(16, held ? "litigation" : null);
                insert.setString(17, held ? "user:admin" : null);
                insert.setTimestamp(18, held ? Timestamp.from(readyAt) : null);
                insert.addBatch();
                if ((i + 1) % BATCH == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        catch (SQLException e) {
            throw new IllegalStateException("cannot insert recordings: " + e.getMessage(), e);
        }
        return ids;
    }

    /** The call's recordings by id. */
    Map<String, Row> rows(String callId) {
        Map<String, Row> rows = new HashMap<>();
        try (Connection connection = connect(); PreparedStatement select = connection.prepareStatement(
                "SELECT id, status, storage_key, deleted_reason FROM kw_recording WHERE call_id = ?")) {
            select.setString(1, callId);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getString(1), new Row(result.getString(1), result.getString(2), result.getString(3),
                            result.getString(4)));
                }
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException("cannot read recordings: " + e.getMessage(), e);
        }
        return rows;
    }

    /** How many of the call's recordings are in each status. */
    Map<String, Long> statusCounts(String callId) {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection connection = connect(); PreparedStatement select = connection.prepareStatement(
                "SELECT status, COUNT(*) FROM kw_recording WHERE call_id = ? GROUP BY status")) {
            select.setString(1, callId);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    counts.put(result.getString(1), result.getLong(2));
                }
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException("cannot count recordings: " + e.getMessage(), e);
        }
        return counts;
    }

    /** How many events of this type the call's log holds. */
    long events(String callId, String type) {
        try (Connection connection = connect(); PreparedStatement select = connection.prepareStatement(
                "SELECT COUNT(*) FROM kw_call_event WHERE call_id = ? AND event_type = ?")) {
            select.setString(1, callId);
            select.setString(2, type);
            try (ResultSet result = select.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException("cannot count events: " + e.getMessage(), e);
        }
    }

    /**
     * The batch status of a job execution as the job repository (Liberty's KWBATCH tables in the same database)
     * holds it, by name (STARTING, STARTED, ...); empty when there is no such execution.
     */
    Optional<String> executionStatus(long executionId) {
        String[] names = {"STARTING", "STARTED", "STOPPING", "STOPPED", "FAILED", "COMPLETED", "ABANDONED"};
        try (Connection connection = connect(); PreparedStatement select = connection.prepareStatement(
                "SELECT BATCHSTATUS FROM KWBATCHJOBEXECUTION WHERE JOBEXECID = ?")) {
            select.setLong(1, executionId);
            try (ResultSet result = select.executeQuery()) {
                if (!result.next()) {
                    return Optional.empty();
                }
                int status = result.getInt(1);
                return Optional.of(status >= 0 && status < names.length ? names[status] : "status " + status);
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException("cannot read the job repository: " + e.getMessage(), e);
        }
    }

    /**
     * The execution that restarted {@code executionId}, if there is one yet: the next execution of its job instance
     * in the job repository. Execution ids grow but are not consecutive (a crash loses a cached block of them).
     */
    Optional<Long> restartOf(long executionId) {
        try (Connection connection = connect(); PreparedStatement select = connection.prepareStatement(
                "SELECT MIN(later.JOBEXECID) FROM KWBATCHJOBEXECUTION later JOIN KWBATCHJOBEXECUTION earlier "
                        + "ON later.FK_JOBINSTANCEID = earlier.FK_JOBINSTANCEID "
                        + "WHERE earlier.JOBEXECID = ? AND later.JOBEXECID > earlier.JOBEXECID")) {
            select.setLong(1, executionId);
            try (ResultSet result = select.executeQuery()) {
                result.next();
                long restart = result.getLong(1);
                return result.wasNull() ? Optional.empty() : Optional.of(restart);
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException("cannot read the job repository: " + e.getMessage(), e);
        }
    }

    /** Recordings that have a media file in the store. */
    Set<String> recordingsWithMedia() {
        Set<String> ids = new TreeSet<>();
        for (Path folder : recordingFolders()) {
            if (Files.isRegularFile(folder.resolve(MEDIA))) {
                ids.add(folder.getFileName().toString());
            }
        }
        return ids;
    }

    /** Recordings that have anything left in the store (their folder). */
    Set<String> recordingsWithFolder() {
        Set<String> ids = new TreeSet<>();
        recordingFolders().forEach(folder -> ids.add(folder.getFileName().toString()));
        return ids;
    }

    private List<Path> recordingFolders() {
        Path recordings = settings.storageRoot().resolve("recordings");
        if (!Files.isDirectory(recordings)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(recordings)) {
            return folders.toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot list " + recordings, e);
        }
    }

    private void writeMedia(String id, byte[] media) {
        Path folder = settings.storageRoot().resolve("recordings").resolve(id);
        try {
            Files.createDirectories(folder);
            Files.write(folder.resolve(MEDIA), media);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write the media of " + id, e);
        }
    }

    private static byte[] media(String id) {
        return ("media of recording " + id + " (not a real WebM; the purge never reads it)\n").getBytes(US_ASCII);
    }

    private void execute(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        catch (SQLException e) {
            throw new IllegalStateException("'" + sql + "' failed: " + e.getMessage(), e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(settings.databaseUrl(), settings.databaseUser(), settings.databasePassword());
    }
}
