package dev.kaiwa.incontainer;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.Dependent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Recording, chat and call rows for the purge tests, written and read with plain SQL on {@code jdbc/kaiwa}:
 * many at once, in states (READY long ago, EXPIRED by an interrupted run) that the services only reach over
 * days.
 */
@Dependent
public class RecordingRows {
    @Resource(lookup = "jdbc/kaiwa")
    DataSource dataSource;

    /** One row as the purge leaves it. */
    public record Row(String id, String status, boolean legalHold, String storageKey, String deletedReason) {
    }

    /** Inserts {@code count} recordings of the call in {@code status}, expiring at {@code expiresAt}; returns their ids. */
    public List<String> insert(String callId, String recorderId, int count, String status, Instant expiresAt,
            boolean legalHold) {
        return insert(Fixtures.ORGANIZATION, callId, recorderId, count, status, expiresAt, legalHold);
    }

    /** The same for a call of {@code organization}. */
    public List<String> insert(String organization, String callId, String recorderId, int count, String status,
            Instant expiresAt, boolean legalHold) {
        List<String> ids = new ArrayList<>();
        String sql = "INSERT INTO kw_recording (id, call_id, organization, recorder_id, kind, format, quality, audio_only, "
                + "status, requested_by, requested_at, started_at, stopped_at, completed_at, ready_at, chunk_count, "
                + "uploaded_bytes, size_bytes, duration_millis, checksum_sha256, storage_key, expires_at, expired_at, "
                + "legal_hold, legal_hold_reason, legal_hold_by, legal_hold_at, deleted_at, deleted_reason, version) "
                + "VALUES (?, ?, ?, ?, 'COMPOSITE', 'WEBM', 'MEDIUM', FALSE, ?, 'test', ?, ?, ?, ?, ?, 1, 64, 64, 1000, ?, ?, "
                + "?, ?, ?, ?, ?, ?, ?, ?, 0)";
        Instant readyAt = expiresAt.minusSeconds(86_400);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            for (int i = 0; i < count; i++) {
                String id = UUID.randomUUID().toString().replace("-", "");
                ids.add(id);
                insert.setString(1, id);
                insert.setString(2, callId);
                insert.setString(3, organization);
                insert.setString(4, recorderId);
                insert.setString(5, status);
                insert.setTimestamp(6, Timestamp.from(readyAt.minusSeconds(60)));
                insert.setTimestamp(7, Timestamp.from(readyAt.minusSeconds(59)));
                insert.setTimestamp(8, Timestamp.from(readyAt.minusSeconds(2)));
                insert.setTimestamp(9, Timestamp.from(readyAt.minusSeconds(1)));
                insert.setTimestamp(10, Timestamp.from(readyAt));
                insert.setString(11, "0".repeat(64));
                boolean deleted = status.equals("DELETED");
                insert.setString(12, "recordings/" + id + "/media.webm");
                insert.setTimestamp(13, Timestamp.from(expiresAt));
                insert.setTimestamp(14, status.equals("EXPIRED") || deleted ? Timestamp.from(expiresAt) : null);
                insert.setBoolean(15, legalHold);
                insert.setString(16, legalHold ? "litigation" : null);
                insert.setString(17, legalHold ? "user:admin" : null);
                insert.setTimestamp(18, legalHold ? Timestamp.from(readyAt) : null);
                insert.setTimestamp(19, deleted ? Timestamp.from(expiresAt) : null);
                insert.setString(20, deleted ? "MANUAL" : null);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        catch (SQLException e) {
            throw new IllegalStateException("cannot insert recordings", e);
        }
        return ids;
    }

    /** The rows of these recordings by id. */
    public Map<String, Row> rows(List<String> ids) {
        Map<String, Row> rows = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT id, status, legal_hold, storage_key, "
                        + "deleted_reason FROM kw_recording WHERE id = ?")) {
            for (String id : ids) {
                select.setString(1, id);
                try (ResultSet result = select.executeQuery()) {
                    if (result.next()) {
                        rows.put(id, new Row(result.getString(1), result.getString(2), result.getBoolean(3),
                                result.getString(4), result.getString(5)));
                    }
                }
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException("cannot read recordings", e);
        }
        return rows;
    }

    /** Ends the call at {@code endedAt} and gives it {@code messages} chat messages from the participant. */
    public void endedWithChat(String callId, String participantId, Instant endedAt, int messages) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement end = connection.prepareStatement("UPDATE kw_call SET status = 'ENDED', started_at = ?, "
                    + "ended_at = ? WHERE id = ?")) {
                end.setTimestamp(1, Timestamp.from(endedAt.minusSeconds(600)));
                end.setTimestamp(2, Timestamp.from(endedAt));
                end.setString(3, callId);
                end.executeUpdate();
            }
            try (PreparedStatement chat = connection.prepareStatement("INSERT INTO kw_chat_message (id, call_id, "
                    + "participant_id, display_name, text, sent_at) VALUES (?, ?, ?, 'Hana Host', ?, ?)")) {
                for (int i = 0; i < messages; i++) {
                    chat.setString(1, UUID.randomUUID().toString().replace("-", ""));
                    chat.setString(2, callId);
                    chat.setString(3, participantId);
                    chat.setString(4, "message " + i);
                    chat.setTimestamp(5, Timestamp.from(endedAt.minusSeconds(300 - i)));
                    chat.addBatch();
                }
                chat.executeBatch();
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException("cannot end the call with chat", e);
        }
    }

    public long chatMessages(String callId) {
        return count("SELECT COUNT(*) FROM kw_chat_message WHERE call_id = ?", callId);
    }

    /** How many events of the type the call's log holds that name the recording. */
    public long events(String callId, String type, String recordingId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM kw_call_event WHERE "
                        + "call_id = ? AND event_type = ? AND detail LIKE ?")) {
            select.setString(1, callId);
            select.setString(2, type);
            select.setString(3, "recording " + recordingId + "%");
            try (ResultSet result = select.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException("cannot count events", e);
        }
    }

    /** The audit entries of Kaiwa's own across organizations (no organization) for the action and resource. */
    public long systemAuditEntries(String action, String resourceId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM kw_audit_entry WHERE "
                        + "action = ? AND resource_id = ? AND actor_type = 'SYSTEM' AND organization IS NULL")) {
            select.setString(1, action);
            select.setString(2, resourceId);
            try (ResultSet result = select.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException("cannot count audit entries", e);
        }
    }

    private long count(String sql, String parameter) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, parameter);
            try (ResultSet result = select.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException("query failed: " + sql, e);
        }
    }
}
