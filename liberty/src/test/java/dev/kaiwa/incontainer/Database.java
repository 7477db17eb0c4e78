package dev.kaiwa.incontainer;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads the Kaiwa tables with plain SQL on {@code jdbc/kaiwa}, beside JPA, so a test sees the rows
 * themselves: those committed, or, inside a transaction, those this transaction would commit.
 */
@Dependent
public class Database {
    @Resource(lookup = "jdbc/kaiwa")
    DataSource dataSource;

    @PersistenceContext(unitName = "kaiwa")
    EntityManager entityManager;

    /**
     * How many rows of each table belong to the call. Inside a transaction, JPA's pending writes are
     * flushed first (the connection is the transaction's), so the counts are what a commit would store.
     */
    public CallRows rowsOf(String callId) {
        if (entityManager.isJoinedToTransaction()) {
            entityManager.flush();
        }
        return new CallRows(
                count("SELECT COUNT(*) FROM kw_call WHERE id = ?", callId),
                count("SELECT COUNT(*) FROM kw_participant WHERE call_id = ?", callId),
                count("SELECT COUNT(*) FROM kw_invite WHERE call_id = ?", callId),
                count("SELECT COUNT(*) FROM kw_signaling_ticket WHERE call_id = ?", callId),
                count("SELECT COUNT(*) FROM kw_call_event WHERE call_id = ?", callId));
    }

    public Optional<String> callStatus(String callId) {
        return query("SELECT status FROM kw_call WHERE id = ?", callId, result -> result.getString(1)).stream().findFirst();
    }

    public Optional<String> participantStatus(String participantId) {
        return query("SELECT status FROM kw_participant WHERE id = ?", participantId, result -> result.getString(1))
                .stream().findFirst();
    }

    /** The call's event log, oldest first. */
    public List<EventRow> events(String callId) {
        return query("SELECT event_type, actor, participant_id, detail FROM kw_call_event WHERE call_id = ? "
                        + "ORDER BY occurred_at, id", callId,
                result -> new EventRow(result.getString(1), result.getString(2), result.getString(3), result.getString(4)));
    }

    /** The event types of the call's log, oldest first. */
    public List<String> eventTypes(String callId) {
        return events(callId).stream().map(EventRow::type).toList();
    }

    /** The participant's signaling tickets, oldest first. */
    public List<TicketRow> ticketsOf(String participantId) {
        return query("SELECT id, issued_at, expires_at, used_at, revoked_at FROM kw_signaling_ticket "
                        + "WHERE participant_id = ? ORDER BY issued_at", participantId,
                result -> new TicketRow(result.getString(1), instant(result, 2).orElseThrow(),
                        instant(result, 3).orElseThrow(), instant(result, 4), instant(result, 5)));
    }

    private long count(String sql, String parameter) {
        return query(sql, parameter, result -> result.getLong(1)).get(0);
    }

    private <T> List<T> query(String sql, String parameter, RowReader<T> reader) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet result = statement.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (result.next()) {
                    rows.add(reader.read(result));
                }
                return rows;
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException("query failed: " + sql, e);
        }
    }

    private static Optional<Instant> instant(ResultSet result, int column) throws SQLException {
        return Optional.ofNullable(result.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet result) throws SQLException;
    }

    /** Row counts per table for one call. */
    public record CallRows(long calls, long participants, long invites, long tickets, long events) {
        public static final CallRows NONE = new CallRows(0, 0, 0, 0, 0);
    }

    /** One entry of a call's event log. */
    public record EventRow(String type, String actor, String participantId, String detail) {
    }

    /** A stored signaling ticket; {@code id} is the SHA-256 of the ticket handed out. */
    public record TicketRow(String id, Instant issuedAt, Instant expiresAt, Optional<Instant> usedAt,
            Optional<Instant> revokedAt) {
    }
}
