package dev.kaiwa.incontainer;

import dev.kaiwa.audit.AuditAction;
import dev.kaiwa.audit.AuditRecord;
import dev.kaiwa.audit.AuditResourceType;
import dev.kaiwa.audit.AuditTrail;
import jakarta.annotation.Resource;
import jakarta.ejb.AsyncResult;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Writes audit entries the way features do, each in a transaction of its own, from the container's
 * asynchronous threads, so a test can have several writers at once.
 */
@Stateless
public class AuditWriter {
    @Inject
    AuditTrail trail;

    @Resource
    SessionContext context;

    /**
     * On a container thread of its own, once {@code start} opens: {@code count} entries one after the other,
     * each committed in its own transaction. The numbers they got, in the order written.
     */
    @Asynchronous
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Future<List<Long>> writeSeries(String organization, String writer, int count, CountDownLatch start)
            throws InterruptedException {
        if (!start.await(1, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the writers were never started");
        }
        AuditWriter self = context.getBusinessObject(AuditWriter.class);
        List<Long> sequences = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            sequences.add(self.writeOne(organization, writer, index));
        }
        return new AsyncResult<>(sequences);
    }

    /** One entry in a transaction of its own (or the caller's). */
    public long writeOne(String organization, String writer, int index) {
        return trail.record(AuditRecord.system(organization)
                .did(AuditAction.PURGE_RUN_STARTED, AuditResourceType.PURGE_RUN, writer)
                .with("index", index)).sequence();
    }
}
