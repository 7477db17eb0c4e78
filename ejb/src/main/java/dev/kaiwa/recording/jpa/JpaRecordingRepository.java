package dev.kaiwa.recording.jpa;

import dev.kaiwa.recording.Recording;
import dev.kaiwa.recording.RecordingChunk;
import dev.kaiwa.recording.RecordingFormat;
import dev.kaiwa.recording.RecordingKind;
import dev.kaiwa.recording.RecordingRepository;
import dev.kaiwa.recording.RecordingStatus;
import dev.kaiwa.recording.RecordingTally;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link RecordingRepository} on JPA. */
@ApplicationScoped
public class JpaRecordingRepository implements RecordingRepository {
    private static final List<RecordingStatus> CAPTURING = List.of(RecordingStatus.STARTING, RecordingStatus.RECORDING);
    private static final List<RecordingStatus> UNFINISHED = List.of(RecordingStatus.STARTING, RecordingStatus.RECORDING,
            RecordingStatus.PROCESSING);

    @PersistenceContext(unitName = "kaiwa")
    EntityManager entityManager;

    @Override
    public void add(Recording recording) {
        entityManager.persist(recording);
    }

    @Override
    public Optional<Recording> find(String recordingId) {
        return Optional.ofNullable(entityManager.find(Recording.class, recordingId));
    }

    @Override
    public Optional<Recording> findForUpdate(String recordingId) {
        return Optional.ofNullable(entityManager.find(Recording.class, recordingId, LockModeType.PESSIMISTIC_WRITE));
    }

    @Override
    public List<Recording> ofCall(String callId) {
        return entityManager.createQuery("SELECT r FROM Recording r WHERE r.callId = :callId ORDER BY r.requestedAt, r.id",
                        Recording.class)
                .setParameter("callId", callId)
                .getResultList();
    }

    @Override
    public List<Recording> capturing(String callId) {
        return entityManager.createQuery("SELECT r FROM Recording r WHERE r.callId = :callId AND r.status IN :statuses "
                        + "ORDER BY r.requestedAt, r.id", Recording.class)
                .setParameter("callId", callId)
                .setParameter("statuses", CAPTURING)
                .getResultList();
    }

    @Override
    public List<Recording> startingBefore(Instant requestedBefore, int limit) {
        return before(List.of(RecordingStatus.STARTING), requestedBefore, limit);
    }

    @Override
    public List<Recording> unfinishedBefore(Instant requestedBefore, int limit) {
        return before(UNFINISHED, requestedBefore, limit);
    }

    private List<Recording> before(List<RecordingStatus> statuses, Instant requestedBefore, int limit) {
        return entityManager.createQuery("SELECT r FROM Recording r WHERE r.status IN :statuses "
                        + "AND r.requestedAt < :before ORDER BY r.requestedAt, r.id", Recording.class)
                .setParameter("statuses", statuses)
                .setParameter("before", requestedBefore)
                .setMaxResults(limit)
                .getResultList();
    }

    @Override
    public List<Recording> involving(List<String> participantIds, List<String> callIds) {
        if (participantIds.isEmpty() && callIds.isEmpty()) {
            return List.of();
        }
        TypedQuery<Recording> query = entityManager.createQuery("SELECT r FROM Recording r WHERE "
                        + "(r.kind = :individual AND r.participantId IN :participants) "
                        + "OR (r.kind = :composite AND r.callId IN :calls) ORDER BY r.requestedAt, r.id", Recording.class)
                .setParameter("individual", RecordingKind.INDIVIDUAL)
                .setParameter("composite", RecordingKind.COMPOSITE)
                .setParameter("participants", participantIds.isEmpty() ? List.of("") : participantIds)
                .setParameter("calls", callIds.isEmpty() ? List.of("") : callIds);
        return query.getResultList();
    }

    @Override
    public List<String> dueForExpiry(Instant asOf, String afterId, int limit) {
        return entityManager.createQuery("SELECT r.id FROM Recording r WHERE r.status = :ready AND r.legalHold = FALSE "
                        + "AND r.expiresAt <= :asOf AND r.id > :after ORDER BY r.id", String.class)
                .setParameter("ready", RecordingStatus.READY)
                .setParameter("asOf", asOf)
                .setParameter("after", afterId == null ? "" : afterId)
                .setMaxResults(limit)
                .getResultList();
    }

    @Override
    public List<String> awaitingMediaRemoval(String afterId, int limit) {
        return entityManager.createQuery("SELECT r.id FROM Recording r WHERE ((r.status = :expired AND r.legalHold = FALSE) "
                        + "OR (r.status = :deleted AND r.storageKey IS NOT NULL)) AND r.id > :after ORDER BY r.id",
                        String.class)
                .setParameter("expired", RecordingStatus.EXPIRED)
                .setParameter("deleted", RecordingStatus.DELETED)
                .setParameter("after", afterId == null ? "" : afterId)
                .setMaxResults(limit)
                .getResultList();
    }

    @Override
    public Optional<RecordingChunk> findChunk(String recordingId, int seq) {
        return Optional.ofNullable(entityManager.find(RecordingChunk.class, new RecordingChunk.Key(recordingId, seq)));
    }

    @Override
    public void addChunk(RecordingChunk chunk) {
        entityManager.persist(chunk);
    }

    @Override
    public List<RecordingChunk> chunks(String recordingId) {
        return entityManager.createQuery("SELECT c FROM RecordingChunk c WHERE c.recordingId = :id ORDER BY c.seq",
                        RecordingChunk.class)
                .setParameter("id", recordingId)
                .getResultList();
    }

    @Override
    public void removeChunks(String recordingId) {
        entityManager.createQuery("DELETE FROM RecordingChunk c WHERE c.recordingId = :id")
                .setParameter("id", recordingId)
                .executeUpdate();
    }

    @Override
    public List<RecordingTally> tally(String organization, String callId) {
        String filter = callId == null ? "" : " AND r.callId = :callId";
        TypedQuery<Object[]> query = entityManager.createQuery("SELECT r.status, r.format, r.audioOnly, COUNT(r), "
                        + "SUM(COALESCE(r.sizeBytes, r.uploadedBytes)) FROM Recording r WHERE r.organization = :org"
                        + filter + " GROUP BY r.status, r.format, r.audioOnly", Object[].class)
                .setParameter("org", organization);
        if (callId != null) {
            query.setParameter("callId", callId);
        }
        return query.getResultList().stream()
                .map(row -> new RecordingTally((RecordingStatus) row[0], (RecordingFormat) row[1], (Boolean) row[2],
                        ((Number) row[3]).longValue(), row[4] == null ? 0 : ((Number) row[4]).longValue()))
                .toList();
    }
}
