package dev.kaiwa.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.List;
import java.util.Random;

/**
 * The recordings the purge benchmark works on, as the server would have left them: READY rows of ended calls
 * (one recorder participant per call), each with its media file at {@code <storage>/recordings/<id>/media.webm}.
 * A share of them expired a day ago, the others expire in thirty days, mixed in id order. Written with JDBC
 * batches and plain file writes; the file content is random bytes, not an encrypted blob (the purge only
 * deletes). Every row carries the seed's own organization, so the seed finds, checks and removes its rows
 * without touching anything else.
 */
final class PurgeSeed {
    static final String MEDIA_FILE = "media.webm";
    private static final int BATCH = 1000;
    private static final Duration EXPIRED_AGO = Duration.ofDays(1);
    private static final Duration KEPT_FOR = Duration.ofDays(30);

    private final String organization;
    private final List<String> callIds;
    private final List<String> recorderIds;
    private final List<String> recordingIds;
    private final BitSet expired;
    private final int blobBytes;
    private final Instant seededAt;

    private PurgeSeed(String organization, List<String> callIds, List<String> recorderIds, List<String> recordingIds,
            BitSet expired, int blobBytes, Instant seededAt) {
        this.organization = organization;
        this.callIds = List.copyOf(callIds);
        this.recorderIds = List.copyOf(recorderIds);
        this.recordingIds = List.copyOf(recordingIds);
        this.expired = expired;
        this.blobBytes = blobBytes;
        this.seededAt = seededAt;
    }

    /** Plans {@code count} recordings, {@code expiredCount} of them past retention, spread evenly. */
    static PurgeSeed plan(String organization, int count, int expiredCount, int blobBytes, Random random) {
        requireNonNull(organization, "organization is null");
        if (expiredCount < 0 || expiredCount > count) {
            throw new IllegalArgumentException("expired count must be 0 to " + count);
        }
        List<String> calls = new ArrayList<>();
        List<String> recorders = new ArrayList<>();
        int callCount = (count + PurgeSettings.RECORDINGS_PER_CALL - 1) / PurgeSettings.RECORDINGS_PER_CALL;
        for (int call = 0; call < callCount; call++) {
            calls.add(newId(random));
            recorders.add(newId(random));
        }
        List<String> recordings = new ArrayList<>();
        BitSet expired = new BitSet(count);
        for (int index = 0; index < count; index++) {
            recordings.add(newId(random));
            // Bresenham-like spreading: index is expired when the running share crosses the next whole one.
            if ((long) (index + 1) * expiredCount / count > (long) index * expiredCount / count) {
                expired.set(index);
            }
        }
        return new PurgeSeed(organization, calls, recorders, recordings, expired, blobBytes, Instant.now());
    }

    int count() {
        return recordingIds.size();
    }

    int expiredCount() {
        return expired.cardinality();
    }

    int keptCount() {
        return count() - expiredCount();
    }

    int callCount() {
        return callIds.size();
    }

    long expiredBytes() {
        return (long) expiredCount() * blobBytes;
    }

    String organization() {
        return organization;
    }

    /** The calls (ENDED) and their recorders (LEFT), once per seed. */
    void insertCalls(Connection connection) throws SQLException {
        Timestamp ended = Timestamp.from(seededAt.minus(EXPIRED_AGO).minus(KEPT_FOR));
        Timestamp started = Timestamp.from(ended.toInstant().minus(Duration.ofHours(1)));
        try (PreparedStatement call = connection.prepareStatement("INSERT INTO kw_call (id, title, call_type, status, "
                + "organization, created_by, created_at, scheduled_at, started_at, ended_at, max_participants, "
                + "recording_policy, transcription_enabled, transcription_language, screen_share, waiting_room) "
                + "VALUES (?, 'Purge benchmark', 'VIDEO', 'ENDED', ?, 'bench-purge-host', ?, ?, ?, ?, 8, 'OPTIONAL', "
                + "FALSE, 'EN', FALSE, FALSE)");
                PreparedStatement participant = connection.prepareStatement("INSERT INTO kw_participant (id, call_id, "
                        + "subject, display_name, role, status, created_at, joined_at, left_at, organization) "
                        + "VALUES (?, ?, 'bench-purge-host', 'Purge benchmark host', 'HOST', 'LEFT', ?, ?, ?, ?)")) {
            for (int index = 0; index < callIds.size(); index++) {
                call.setString(1, callIds.get(index));
                call.setString(2, organization);
                call.setTimestamp(3, started);
                call.setTimestamp(4, started);
                call.setTimestamp(5, started);
                call.setTimestamp(6, ended);
                call.addBatch();
                participant.setString(1, recorderIds.get(index));
                participant.setString(2, callIds.get(index));
                participant.setTimestamp(3, started);
                participant.setTimestamp(4, started);
                participant.setTimestamp(5, ended);
                participant.setString(6, organization);
                participant.addBatch();
            }
            call.executeBatch();
            participant.executeBatch();
        }
        connection.commit();
    }

    /** The recording rows, in batches of {@value #BATCH}, each batch committed. */
    void insertRecordings(Connection connection) throws SQLException {
        Instant expiredAt = seededAt.minus(EXPIRED_AGO);
        Instant keptUntil = seededAt.plus(KEPT_FOR);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO kw_recording (id, call_id, organization, "
                + "recorder_id, kind, format, quality, audio_only, status, requested_by, requested_at, started_at, "
                + "stopped_at, completed_at, ready_at, chunk_count, uploaded_bytes, size_bytes, duration_millis, "
                + "checksum_sha256, storage_key, expires_at, legal_hold, version) "
                + "VALUES (?, ?, ?, ?, 'COMPOSITE', 'WEBM', 'MEDIUM', FALSE, 'READY', 'user:bench-purge-host', ?, ?, ?, ?, "
                + "?, 1, ?, ?, 60000, ?, ?, ?, FALSE, 0)")) {
            String checksum = "0".repeat(64);
            for (int index = 0; index < recordingIds.size(); index++) {
                String id = recordingIds.get(index);
                int call = index / PurgeSettings.RECORDINGS_PER_CALL;
                Instant expiresAt = expired.get(index) ? expiredAt : keptUntil;
                Instant readyAt = expiresAt.minus(KEPT_FOR);
                insert.setString(1, id);
                insert.setString(2, callIds.get(call));
                insert.setString(3, organization);
                insert.setString(4, recorderIds.get(call));
                insert.setTimestamp(5, Timestamp.from(readyAt.minusSeconds(70)));
                insert.setTimestamp(6, Timestamp.from(readyAt.minusSeconds(69)));
                insert.setTimestamp(7, Timestamp.from(readyAt.minusSeconds(9)));
                insert.setTimestamp(8, Timestamp.from(readyAt.minusSeconds(8)));
                insert.setTimestamp(9, Timestamp.from(readyAt));
                insert.setLong(10, blobBytes);
                insert.setLong(11, blobBytes);
                insert.setString(12, checksum);
                insert.setString(13, "recordings/" + id + "/" + MEDIA_FILE);
                insert.setTimestamp(14, Timestamp.from(expiresAt));
                insert.addBatch();
                if ((index + 1) % BATCH == 0 || index + 1 == recordingIds.size()) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
        }
    }

    /** Each recording's media file, with random content. */
    void writeFiles(Path storage, Random random) throws IOException {
        byte[] content = new byte[blobBytes];
        random.nextBytes(content);
        for (String id : recordingIds) {
            Path directory = directory(storage, id);
            Files.createDirectories(directory);
            Files.write(directory.resolve(MEDIA_FILE), content);
        }
    }

    /** Recordings of any organization that a purge run started now would expire or finish deleting. */
    static long duePurgeWork(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM kw_recording WHERE "
                + "(status = 'READY' AND legal_hold = FALSE AND expires_at <= ?) "
                + "OR (status = 'EXPIRED' AND legal_hold = FALSE) OR (status = 'DELETED' AND storage_key IS NOT NULL)")) {
            select.setTimestamp(1, Timestamp.from(Instant.now()));
            try (ResultSet result = select.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    /**
     * What the purge should have left: every expired recording DELETED for RETENTION without a storage key and
     * without its folder, every other one READY with its key and file. Empty when so; else what differs.
     */
    List<String> checkPurged(Connection connection, Path storage) throws SQLException {
        List<String> differences = new ArrayList<>();
        long purgedRows = count(connection, "SELECT COUNT(*) FROM kw_recording WHERE organization = ? AND status = "
                + "'DELETED' AND deleted_reason = 'RETENTION' AND storage_key IS NULL AND deleted_at IS NOT NULL "
                + "AND expired_at IS NOT NULL");
        long keptRows = count(connection, "SELECT COUNT(*) FROM kw_recording WHERE organization = ? AND status = 'READY' "
                + "AND storage_key IS NOT NULL");
        long allRows = count(connection, "SELECT COUNT(*) FROM kw_recording WHERE organization = ?");
        if (purgedRows != expiredCount()) {
            differences.add("database: " + purgedRows + " rows DELETED for RETENTION without media, expected " + expiredCount());
        }
        if (keptRows != keptCount()) {
            differences.add("database: " + keptRows + " rows still READY with media, expected " + keptCount());
        }
        if (allRows != count()) {
            differences.add("database: " + allRows + " seeded rows, expected " + count());
        }
        differences.addAll(checkFiles(storage));
        return differences;
    }

    /** After the plain SQL delete: no expired row and no expired folder left, every other one in place. */
    List<String> checkDeleted(Connection connection, Path storage) throws SQLException {
        List<String> differences = new ArrayList<>();
        long keptRows = count(connection, "SELECT COUNT(*) FROM kw_recording WHERE organization = ? AND status = 'READY'");
        long allRows = count(connection, "SELECT COUNT(*) FROM kw_recording WHERE organization = ?");
        if (keptRows != keptCount() || allRows != keptCount()) {
            differences.add("database: " + allRows + " seeded rows left (" + keptRows + " READY), expected " + keptCount());
        }
        differences.addAll(checkFiles(storage));
        return differences;
    }

    /** Removes the recording rows of the seed, the call events the purge wrote about them, and their folders. */
    void removeRecordings(Connection connection, Path storage) throws SQLException, IOException {
        update(connection, "DELETE FROM kw_call_event WHERE call_id IN (SELECT id FROM kw_call WHERE organization = ?)");
        update(connection, "DELETE FROM kw_recording WHERE organization = ?");
        connection.commit();
        for (String id : recordingIds) {
            deleteFolder(directory(storage, id));
        }
    }

    /** Removes everything of the seed: recordings, events, participants, calls and folders. */
    void removeAll(Connection connection, Path storage) throws SQLException, IOException {
        removeRecordings(connection, storage);
        removeRows(connection, organization);
    }

    /** Removes every row of an organization's seed (its folders stay): what a run that did not finish left. */
    static void removeRows(Connection connection, String organization) throws SQLException {
        for (String sql : List.of(
                "DELETE FROM kw_call_event WHERE call_id IN (SELECT id FROM kw_call WHERE organization = ?)",
                "DELETE FROM kw_recording WHERE organization = ?",
                "DELETE FROM kw_participant WHERE call_id IN (SELECT id FROM kw_call WHERE organization = ?)",
                "DELETE FROM kw_call WHERE organization = ?")) {
            update(connection, sql, organization);
        }
        connection.commit();
    }

    /** The rows a plain SQL purge deletes: READY, not held, expired at {@code asOf}, of this seed. */
    List<String> selectDue(Connection connection, Instant asOf) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM kw_recording WHERE status = 'READY' "
                + "AND legal_hold = FALSE AND expires_at <= ? AND organization = ?")) {
            select.setTimestamp(1, Timestamp.from(asOf));
            select.setString(2, organization);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    ids.add(result.getString(1));
                }
            }
        }
        return ids;
    }

    /** Deletes the rows {@link #selectDue} selects, in one statement and one transaction; returns how many. */
    int deleteDue(Connection connection, Instant asOf) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM kw_recording WHERE status = 'READY' "
                + "AND legal_hold = FALSE AND expires_at <= ? AND organization = ?")) {
            delete.setTimestamp(1, Timestamp.from(asOf));
            delete.setString(2, organization);
            int deleted = delete.executeUpdate();
            connection.commit();
            return deleted;
        }
    }

    /** Unlinks a recording's media file and its folder, as the store deletes a recording. */
    static void unlink(Path storage, String recordingId) throws IOException {
        Path directory = directory(storage, recordingId);
        Files.deleteIfExists(directory.resolve(MEDIA_FILE));
        Files.deleteIfExists(directory);
    }

    private List<String> checkFiles(Path storage) {
        long expiredLeft = 0;
        long keptMissing = 0;
        for (int index = 0; index < recordingIds.size(); index++) {
            Path directory = directory(storage, recordingIds.get(index));
            if (expired.get(index)) {
                if (Files.exists(directory)) {
                    expiredLeft++;
                }
            }
            else if (!Files.isRegularFile(directory.resolve(MEDIA_FILE))) {
                keptMissing++;
            }
        }
        List<String> differences = new ArrayList<>();
        if (expiredLeft > 0) {
            differences.add("storage: " + expiredLeft + " folders of expired recordings are still there");
        }
        if (keptMissing > 0) {
            differences.add("storage: " + keptMissing + " media files of kept recordings are gone");
        }
        return differences;
    }

    private long count(Connection connection, String sql) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, organization);
            try (ResultSet result = select.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private void update(Connection connection, String sql) throws SQLException {
        update(connection, sql, organization);
    }

    private static void update(Connection connection, String sql, String organization) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, organization);
            statement.executeUpdate();
        }
    }

    private static Path directory(Path storage, String recordingId) {
        return storage.resolve("recordings").resolve(recordingId);
    }

    private static void deleteFolder(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
        catch (NoSuchFileException e) {
            return;
        }
        catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Files.deleteIfExists(directory);
    }

    /** An id like the server's: 24 random bytes as 32 URL-safe base64 characters. */
    private static String newId(Random random) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A source of ids that does not repeat across runs on the same database. */
    static Random newRandom() {
        return new SecureRandom();
    }
}
