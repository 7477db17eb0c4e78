package dev.kaiwa.analytics;

import dev.kaiwa.call.Call;
import dev.kaiwa.call.CallStatus;
import dev.kaiwa.call.CallType;
import dev.kaiwa.participant.Participant;
import dev.kaiwa.shared.Caller;
import dev.kaiwa.shared.DomainException;
import dev.kaiwa.shared.ErrorCode;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Analytics computed from stored calls: admins and auditors see their whole organization, hosts
 * their own calls; nobody sees another organization.
 */
@Stateless
public class AnalyticsService {
    private static final int TOP = 10;

    @PersistenceContext(unitName = "kaiwa")
    EntityManager entityManager;

    @Inject
    Clock clock;

    public CallAnalytics analyze(Caller caller, Instant from, Instant to) {
        if (!caller.seesWholeOrganization() && !caller.mayCreateCalls()) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Analytics are for hosts, admins and auditors");
        }
        if (!from.isBefore(to)) {
            throw DomainException.invalidField("from", "must be before to");
        }
        boolean whole = caller.seesWholeOrganization();
        TypedQuery<Call> query = entityManager.createQuery("SELECT c FROM Call c WHERE c.organization = :organization "
                        + "AND c.scheduledAt >= :from AND c.scheduledAt < :to"
                        + (whole ? "" : " AND c.createdBy = :subject"), Call.class)
                .setParameter("organization", caller.organization())
                .setParameter("from", from)
                .setParameter("to", to);
        if (!whole) {
            query.setParameter("subject", caller.subject());
        }
        List<Call> calls = query.getResultList();
        Instant now = clock.instant();
        Map<String, Call> byId = calls.stream().collect(Collectors.toMap(Call::id, call -> call));
        List<Participant> joined = byId.isEmpty() ? List.of() : entityManager.createQuery(
                        "SELECT p FROM Participant p WHERE p.callId IN :ids AND p.joinedAt IS NOT NULL", Participant.class)
                .setParameter("ids", byId.keySet())
                .getResultList();

        Map<String, Long> byType = new LinkedHashMap<>();
        for (CallType type : CallType.values()) {
            byType.put(type.name(), calls.stream().filter(call -> call.type() == type).count());
        }
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (CallStatus status : CallStatus.values()) {
            byStatus.put(status.name(), calls.stream().filter(call -> call.status() == status).count());
        }
        List<Call> finished = calls.stream()
                .filter(call -> call.status() == CallStatus.ENDED && call.startedAt().isPresent())
                .toList();
        double averageSeconds = finished.stream().mapToLong(call -> call.duration(now).toMillis()).average().orElse(0) / 1000.0;

        Map<String, long[]> perPerson = new HashMap<>();
        for (Participant participant : joined) {
            String who = participant.subject().orElse(participant.displayName());
            Call call = byId.get(participant.callId());
            Instant end = participant.leftAt().or(call::endedAt).orElse(now);
            long millis = Math.max(0, Duration.between(participant.joinedAt().orElseThrow(), end).toMillis());
            long[] totals = perPerson.computeIfAbsent(who, key -> new long[2]);
            totals[0]++;
            totals[1] += millis;
        }
        List<CallAnalytics.TopParticipant> top = perPerson.entrySet().stream()
                .map(entry -> new CallAnalytics.TopParticipant(entry.getKey(), entry.getValue()[0],
                        entry.getValue()[1] / 60_000.0))
                .sorted(Comparator.comparingLong(CallAnalytics.TopParticipant::calls).reversed()
                        .thenComparing(Comparator.comparingDouble(CallAnalytics.TopParticipant::minutes).reversed())
                        .thenComparing(CallAnalytics.TopParticipant::participant))
                .limit(TOP)
                .toList();
        long active = calls.stream().filter(call -> call.status().isActive()).count();
        java.util.OptionalDouble quality = joined.stream()
                .flatMap(participant -> participant.latestStats().stream())
                .mapToInt(stats -> stats.qualityScore())
                .average();
        long degraded = joined.stream().filter(Participant::qualityDegraded).count();
        return new CallAnalytics(from, to, calls.size(), active, joined.size(), averageSeconds, byType, byStatus, top,
                quality.isPresent() ? quality.getAsDouble() : null, degraded);
    }
}
