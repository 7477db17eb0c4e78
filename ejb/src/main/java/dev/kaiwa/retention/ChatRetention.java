package dev.kaiwa.retention;

import dev.kaiwa.call.Call;
import dev.kaiwa.call.CallEvent;
import dev.kaiwa.call.CallEventType;
import dev.kaiwa.call.CallRepository;
import dev.kaiwa.recording.RetentionPolicy;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A call's chat is kept as long as its recordings: the call's retention (clamped like a recording's), counted
 * from the call's end. Then the purge deletes it and writes a CHAT_PURGED event.
 */
@Stateless
public class ChatRetention {
    @PersistenceContext(unitName = "kaiwa")
    EntityManager entityManager;

    @Inject
    CallRepository calls;

    @Inject
    @ConfigProperty(name = "kaiwa.retention.default-days", defaultValue = "30")
    int defaultDays;

    @Inject
    @ConfigProperty(name = "kaiwa.retention.min-days", defaultValue = "1")
    int minDays;

    @Inject
    @ConfigProperty(name = "kaiwa.retention.max-days", defaultValue = "3650")
    int maxDays;

    /**
     * Ids of ended calls that still have chat and ended before {@code asOf} minus the shortest retention (the
     * candidates; {@link #due} decides), after {@code afterId}, by id.
     */
    public List<String> candidates(Instant asOf, String afterId, int limit) {
        Instant endedBefore = asOf.minus(Duration.ofDays(policy().minDays()));
        return entityManager.createQuery("SELECT c.id FROM Call c WHERE c.endedAt IS NOT NULL AND c.endedAt <= :before "
                        + "AND c.id > :after AND EXISTS (SELECT m.id FROM ChatMessage m WHERE m.callId = c.id) "
                        + "ORDER BY c.id", String.class)
                .setParameter("before", endedBefore)
                .setParameter("after", afterId == null ? "" : afterId)
                .setMaxResults(limit)
                .getResultList();
    }

    /** The call ended and its retention has passed at {@code asOf}. */
    public boolean due(String callId, Instant asOf) {
        Optional<Call> call = calls.find(callId);
        return call.flatMap(Call::endedAt)
                .map(ended -> !ended.plus(Duration.ofDays(policy().days(call.get().retentionDays()))).isAfter(asOf))
                .orElse(false);
    }

    /** Deletes the call's chat; returns how many messages went. */
    public int purge(String callId, Instant now) {
        int deleted = entityManager.createQuery("DELETE FROM ChatMessage m WHERE m.callId = :callId")
                .setParameter("callId", callId)
                .executeUpdate();
        if (deleted > 0) {
            calls.addEvent(new CallEvent(callId, CallEventType.CHAT_PURGED, now, "system", null,
                    deleted + " chat messages"));
        }
        return deleted;
    }

    private RetentionPolicy policy() {
        return new RetentionPolicy(defaultDays, minDays, maxDays);
    }
}
