package dev.kaiwa.retention;

import dev.kaiwa.audit.AuditAction;
import dev.kaiwa.audit.AuditRecord;
import dev.kaiwa.audit.AuditResourceType;
import dev.kaiwa.audit.AuditTrail;
import dev.kaiwa.shared.Actor;
import dev.kaiwa.shared.Caller;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;

/**
 * The audit entry of a purge run's start, in a transaction of its own: runs are started outside any transaction
 * (the job repository commits the new execution by itself), so the entry follows once the execution exists.
 */
@Stateless
public class PurgeRunAudit {
    @Inject
    AuditTrail audit;

    /**
     * PURGE_RUN_STARTED for the execution: by the admin who asked (in their organization) or, for the schedule,
     * by Kaiwa across organizations.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void started(long executionId, long instanceId, Instant asOf, Optional<Caller> startedBy) {
        AuditRecord by = startedBy.map(caller -> AuditRecord.by(new Actor.User(caller))).orElseGet(AuditRecord::system);
        audit.record(by.did(AuditAction.PURGE_RUN_STARTED, AuditResourceType.PURGE_RUN, Long.toString(executionId))
                .with("jobInstanceId", instanceId).with("asOf", asOf.toString())
                .with("trigger", startedBy.isPresent() ? "ON_DEMAND" : "SCHEDULE"));
    }
}
