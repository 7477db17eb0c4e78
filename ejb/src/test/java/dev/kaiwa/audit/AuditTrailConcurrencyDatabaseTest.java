package dev.kaiwa.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaiwa.shared.Caller;
import dev.kaiwa.shared.TestDatabase;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit trail under transactions that commit and roll back, several at once: the lock on the chain
 * head numbers the committed entries without gaps and keeps the chain valid. Each test has a database of
 * its own, since it commits.
 */
class AuditTrailConcurrencyDatabaseTest {
    /** Parallel writers: as many as the test database's connection pool holds. */
    private static final int WRITERS = 4;
    private static final int ENTRIES_PER_WRITER = 25;
    private static final Caller AUDITOR = new Caller("ava", "acme", Set.of(Caller.AUDITOR), "Ava", null);

    private TestDatabase database;

    @BeforeEach
    void createDatabase() {
        database = TestDatabase.create();
        database.migrate();
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void entriesOfParallelTransactionsAreNumberedWithoutGapsAndChained() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        List<Future<List<Long>>> written = new ArrayList<>();
        try {
            for (int writer = 0; writer < WRITERS; writer++) {
                String name = "writer-" + writer;
                written.add(writers.submit(() -> {
                    start.await();
                    List<Long> sequences = new ArrayList<>();
                    for (int i = 0; i < ENTRIES_PER_WRITER; i++) {
                        sequences.add(inCommittedTransaction(trail -> trail.record(AuditRecord.system("acme")
                                .did(AuditAction.PURGE_RUN_STARTED, AuditResourceType.PURGE_RUN, name)).sequence()));
                    }
                    return sequences;
                }));
            }
            start.countDown();
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> future : written) {
                List<Long> own = future.get(2, TimeUnit.MINUTES);
                assertThat(own).as("one writer's entries, in its order").isSorted().hasSize(ENTRIES_PER_WRITER);
                all.addAll(own);
            }

            long total = WRITERS * ENTRIES_PER_WRITER;
            assertThat(all).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
            ChainVerification verification = inCommittedTransaction(trail -> trail.verify(AUDITOR, Optional.empty()));
            assertThat(verification.valid()).as("valid: " + verification.detail()).isTrue();
            assertThat(verification.entries()).isEqualTo(total);
            assertThat(verification.headSequence()).isEqualTo(total);
        }
        finally {
            writers.shutdownNow();
        }
    }

    @Test
    void entryOfARolledBackTransactionLeavesNeitherARowNorAGap() {
        inCommittedTransaction(trail -> trail.record(record("kept-1")));
        EntityManager entityManager = database.entityManagerFactory().createEntityManager();
        try {
            entityManager.getTransaction().begin();
            AuditEntry undone = trail(entityManager).record(record("undone"));
            assertThat(undone.sequence()).isEqualTo(2);
            entityManager.getTransaction().rollback();
        }
        finally {
            entityManager.close();
        }

        AuditEntry next = inCommittedTransaction(trail -> trail.record(record("kept-2")));

        assertThat(next.sequence()).isEqualTo(2);
        ChainVerification verification = inCommittedTransaction(trail -> trail.verify(AUDITOR, Optional.empty()));
        assertThat(verification.valid()).isTrue();
        assertThat(verification.entries()).isEqualTo(2);
        List<String> listed = inCommittedTransaction(trail -> trail.list(AUDITOR, AuditFilter.none(), Optional.empty(),
                10).items().stream().map(entry -> entry.resourceId().orElseThrow()).toList());
        assertThat(listed).containsExactly("kept-2", "kept-1");
    }

    private static AuditRecord record(String id) {
        return AuditRecord.system("acme").did(AuditAction.RECORDING_PURGED, AuditResourceType.RECORDING, id);
    }

    /** Runs {@code work} on a trail of its own in a transaction that commits, as each request's would. */
    private <T> T inCommittedTransaction(Function<AuditTrail, T> work) {
        EntityManager entityManager = database.entityManagerFactory().createEntityManager();
        try {
            entityManager.getTransaction().begin();
            T result = work.apply(trail(entityManager));
            entityManager.getTransaction().commit();
            return result;
        }
        finally {
            if (entityManager.getTransaction().isActive()) {
                entityManager.getTransaction().rollback();
            }
            entityManager.close();
        }
    }

    private static AuditTrail trail(EntityManager entityManager) {
        return TestingAuditServices.auditTrail(entityManager, new RequestOrigin(), Clock.systemUTC());
    }
}
