package dev.kaiwa.audit;

import static dev.kaiwa.shared.DomainAssertions.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kaiwa.shared.Actor;
import dev.kaiwa.shared.Caller;
import dev.kaiwa.shared.ErrorCode;
import dev.kaiwa.shared.FakeClock;
import dev.kaiwa.shared.FieldError;
import dev.kaiwa.shared.Page;
import dev.kaiwa.shared.TestDatabase;
import dev.kaiwa.shared.TestDatabase.TestTransaction;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The audit trail on a real database: numbering and links as stored, reading by auditors, and
 * verification of rows changed behind the application's back. Every test runs in a rolled-back
 * transaction.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditTrailDatabaseTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00.000001Z");
    private static final String CLIENT_ADDRESS = "198.51.100.7";
    private static final Caller ALICE = new Caller("alice", "acme", Set.of(Caller.HOST), "Alice", "alice@acme.test");
    private static final Caller AUDITOR = new Caller("ava", "acme", Set.of(Caller.AUDITOR), "Ava", null);
    private static final Caller ADMIN = new Caller("carol", "acme", Set.of(Caller.ADMIN), "Carol", null);
    private static final Caller GLOBEX_AUDITOR = new Caller("gus", "globex", Set.of(Caller.AUDITOR), "Gus", null);
    private static final Caller GLOBEX_HOST = new Caller("gina", "globex", Set.of(Caller.HOST), "Gina", null);

    private TestDatabase database;
    private TestTransaction transaction;
    private FakeClock clock;
    private AuditTrail trail;

    @BeforeAll
    void createDatabase() {
        database = TestDatabase.create();
        database.migrate();
    }

    @AfterAll
    void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @BeforeEach
    void beginTransaction() {
        transaction = database.beginTransaction();
        clock = new FakeClock(T0);
        RequestOrigin origin = new RequestOrigin();
        origin.setClientAddress(CLIENT_ADDRESS);
        trail = TestingAuditServices.auditTrail(transaction.entityManager(), origin, clock);
    }

    @AfterEach
    void rollBack() {
        transaction.close();
    }

    @Test
    void migrationStartsAnEmptyChainAtTheGenesisHash() {
        ChainVerification verification = trail.verify(AUDITOR, Optional.empty());

        assertThat(verification.valid()).isTrue();
        assertThat(verification.entries()).isZero();
        assertThat(verification.headSequence()).isZero();
        assertThat(verification.headHash()).isEqualTo(AuditContent.GENESIS_HASH);
    }

    @Test
    void entriesAreStoredNumberedFromOneAndLinkedToEachOther() {
        record(ALICE, AuditAction.CALL_ENDED, AuditResourceType.CALL, "call-1");
        clock.advance(Duration.ofSeconds(1));
        record(ALICE, AuditAction.CALL_CANCELLED, AuditResourceType.CALL, "call-2");
        transaction.flushAndClear();

        List<AuditEntry> stored = oldestFirst(trail.list(AUDITOR, AuditFilter.none(), Optional.empty(), 100).items());

        assertThat(stored).extracting(AuditEntry::sequence).containsExactly(1L, 2L);
        assertThat(stored.get(0).previousHash()).isEqualTo(AuditContent.GENESIS_HASH);
        assertThat(stored.get(1).previousHash()).isEqualTo(stored.get(0).entryHash());
        assertThat(stored).allSatisfy(entry -> assertThat(entry.content().hash()).isEqualTo(entry.entryHash()));
        AuditEntry first = stored.get(0);
        assertThat(first.occurredAt()).isEqualTo(T0);
        assertThat(first.organization()).contains("acme");
        assertThat(first.actorType()).isEqualTo("USER");
        assertThat(first.actorId()).contains("alice");
        assertThat(first.actorRole()).contains("kaiwa-host");
        assertThat(first.action()).isEqualTo("CALL_ENDED");
        assertThat(first.resourceType()).isEqualTo("CALL");
        assertThat(first.resourceId()).contains("call-1");
        assertThat(first.clientAddress()).contains(CLIENT_ADDRESS);
        assertThat(first.details()).containsEntry("from", "IN_PROGRESS");
    }

    @Test
    void intactTrailVerifiesWithItsHeadAndCount() {
        List<AuditEntry> written = recordSeveral(4);
        transaction.flushAndClear();

        ChainVerification verification = trail.verify(ADMIN, Optional.empty());

        assertThat(verification.valid()).isTrue();
        assertThat(verification.entries()).isEqualTo(4);
        assertThat(verification.headSequence()).isEqualTo(4);
        assertThat(verification.headHash()).isEqualTo(written.get(3).entryHash());
        assertThat(verification.anchorChecked()).isFalse();
    }

    @Test
    void verificationChecksAnAnchorKeptOutside() {
        List<AuditEntry> written = recordSeveral(3);
        transaction.flushAndClear();

        ChainVerification matching = trail.verify(AUDITOR, Optional.of(new ChainAnchor(2, written.get(1).entryHash())));
        ChainVerification other = trail.verify(AUDITOR, Optional.of(new ChainAnchor(2, "ab".repeat(32))));

        assertThat(matching.valid()).isTrue();
        assertThat(matching.anchorChecked()).isTrue();
        assertBroken(other, 2, ChainBreak.ANCHOR_MISMATCH);
    }

    @Test
    void verificationWalksMoreEntriesThanOneBatch() {
        recordSeveral(AuditTrail.VERIFY_BATCH + 3);
        transaction.flushAndClear();

        ChainVerification verification = trail.verify(AUDITOR, Optional.empty());

        assertThat(verification.valid()).isTrue();
        assertThat(verification.entries()).isEqualTo(AuditTrail.VERIFY_BATCH + 3);
    }

    @Test
    void columnChangedInTheDatabaseIsFound() {
        recordSeveral(4);
        execute("UPDATE kw_audit_entry SET actor_id = 'mallory' WHERE seq = 3");

        assertBroken(trail.verify(AUDITOR, Optional.empty()), 3, ChainBreak.CONTENT_ALTERED);
    }

    @Test
    void timeChangedInTheDatabaseIsFound() {
        recordSeveral(4);
        execute("UPDATE kw_audit_entry SET occurred_at = occurred_at + INTERVAL '1' HOUR WHERE seq = 2");

        assertBroken(trail.verify(AUDITOR, Optional.empty()), 2, ChainBreak.CONTENT_ALTERED);
    }

    @Test
    void rowDeletedInTheDatabaseIsFound() {
        recordSeveral(4);
        execute("DELETE FROM kw_audit_entry WHERE seq = 2");

        assertBroken(trail.verify(AUDITOR, Optional.empty()), 2, ChainBreak.ENTRY_MISSING);
    }

    @Test
    void rowsSwappedInTheDatabaseAreFound() {
        recordSeveral(4);
        execute("UPDATE kw_audit_entry SET seq = -2 WHERE seq = 2");
        execute("UPDATE kw_audit_entry SET seq = 2 WHERE seq = 3");
        execute("UPDATE kw_audit_entry SET seq = 3 WHERE seq = -2");

        assertBroken(trail.verify(AUDITOR, Optional.empty()), 2, ChainBreak.LINK_BROKEN);
    }

    @Test
    void lastRowDeletedInTheDatabaseIsFoundByTheHead() {
        recordSeveral(4);
        execute("DELETE FROM kw_audit_entry WHERE seq = 4");

        assertBroken(trail.verify(AUDITOR, Optional.empty()), 4, ChainBreak.HEAD_MISMATCH);
    }

    @Test
    void headMovedBackInTheDatabaseIsFound() {
        List<AuditEntry> written = recordSeveral(4);
        execute("UPDATE kw_audit_head SET seq = 2, entry_hash = '" + written.get(1).entryHash() + "'");

        assertBroken(trail.verify(AUDITOR, Optional.empty()), 3, ChainBreak.HEAD_MISMATCH);
    }

    @Test
    void listHoldsOnlyTheCallersOrganizationNewestFirst() {
        record(ALICE, AuditAction.CALL_ENDED, AuditResourceType.CALL, "acme-call");
        record(GLOBEX_HOST, AuditAction.CALL_ENDED, AuditResourceType.CALL, "globex-call");
        trail.record(AuditRecord.system("acme").did(AuditAction.RECORDING_STOPPED, AuditResourceType.RECORDING, "rec-1"));
        trail.record(AuditRecord.system().did(AuditAction.PURGE_RUN_STARTED, AuditResourceType.PURGE_RUN, "run-1"));

        List<AuditEntry> acme = trail.list(AUDITOR, AuditFilter.none(), Optional.empty(), 100).items();
        List<AuditEntry> globex = trail.list(GLOBEX_AUDITOR, AuditFilter.none(), Optional.empty(), 100).items();

        assertThat(acme).extracting(entry -> entry.resourceId().orElseThrow()).containsExactly("rec-1", "acme-call");
        assertThat(globex).extracting(entry -> entry.resourceId().orElseThrow()).containsExactly("globex-call");
        assertThat(trail.verify(GLOBEX_AUDITOR, Optional.empty()).entries()).as("one chain for all").isEqualTo(4);
    }

    @Test
    void listPagesWithAnOpaqueCursor() {
        recordSeveral(5);

        Page<AuditEntry> first = trail.list(AUDITOR, AuditFilter.none(), Optional.empty(), 2);
        Page<AuditEntry> second = trail.list(AUDITOR, AuditFilter.none(), first.nextCursor(), 2);
        Page<AuditEntry> third = trail.list(AUDITOR, AuditFilter.none(), second.nextCursor(), 2);

        assertThat(first.items()).extracting(AuditEntry::sequence).containsExactly(5L, 4L);
        assertThat(second.items()).extracting(AuditEntry::sequence).containsExactly(3L, 2L);
        assertThat(third.items()).extracting(AuditEntry::sequence).containsExactly(1L);
        assertThat(third.nextCursor()).isEmpty();
    }

    @Test
    void listFiltersByActionResourceActorAndTime() {
        record(ALICE, AuditAction.CALL_ENDED, AuditResourceType.CALL, "call-1");
        clock.advance(Duration.ofMinutes(1));
        record(ADMIN, AuditAction.CALL_CANCELLED, AuditResourceType.CALL, "call-2");
        clock.advance(Duration.ofMinutes(1));
        record(ADMIN, AuditAction.RECORDING_DOWNLOADED, AuditResourceType.RECORDING, "call-1");

        assertThat(resourceIds(filter(Optional.of(AuditAction.CALL_CANCELLED), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()))).containsExactly("call-2");
        assertThat(sequences(filter(Optional.empty(), Optional.of(AuditResourceType.CALL), Optional.of("call-1"),
                Optional.empty(), Optional.empty(), Optional.empty()))).containsExactly(1L);
        assertThat(sequences(filter(Optional.empty(), Optional.empty(), Optional.of("call-1"), Optional.empty(),
                Optional.empty(), Optional.empty()))).containsExactly(3L, 1L);
        assertThat(sequences(filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("carol"),
                Optional.empty(), Optional.empty()))).containsExactly(3L, 2L);
        assertThat(sequences(filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(T0.plus(Duration.ofMinutes(1))), Optional.of(T0.plus(Duration.ofMinutes(2))))))
                .containsExactly(2L);
    }

    @Test
    void onlyAuditorsAndAdminsReadOrVerifyTheTrail() {
        assertRefused(ErrorCode.FORBIDDEN, () -> trail.list(ALICE, AuditFilter.none(), Optional.empty(), 10));
        assertRefused(ErrorCode.FORBIDDEN, () -> trail.verify(ALICE, Optional.empty()));
        assertThat(trail.list(ADMIN, AuditFilter.none(), Optional.empty(), 10).items()).isEmpty();
    }

    @Test
    void malformedCursorLimitOrWindowIsAValidationError() {
        assertThat(assertRefused(ErrorCode.VALIDATION_FAILED,
                () -> trail.list(AUDITOR, AuditFilter.none(), Optional.of("not-a-cursor"), 10)).fieldErrors())
                .extracting(FieldError::field).containsExactly("cursor");
        assertThat(assertRefused(ErrorCode.VALIDATION_FAILED,
                () -> trail.list(AUDITOR, AuditFilter.none(), Optional.empty(), 101)).fieldErrors())
                .extracting(FieldError::field).containsExactly("limit");
        assertThat(assertRefused(ErrorCode.VALIDATION_FAILED, () -> filter(Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(T0), Optional.of(T0))).fieldErrors())
                .extracting(FieldError::field).containsExactly("to");
    }

    private List<AuditEntry> recordSeveral(int count) {
        List<AuditEntry> written = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            written.add(record(ALICE, AuditAction.CALL_ENDED, AuditResourceType.CALL, "call-" + i));
            clock.advance(Duration.ofMillis(1));
        }
        return written;
    }

    private AuditEntry record(Caller caller, AuditAction action, AuditResourceType type, String id) {
        return trail.record(AuditRecord.by(new Actor.User(caller)).did(action, type, id).with("from", "IN_PROGRESS"));
    }

    /** Changes rows behind the application's back, as someone with database access could. */
    private void execute(String sql) {
        EntityManager entityManager = transaction.entityManager();
        entityManager.flush();
        entityManager.createNativeQuery(sql).executeUpdate();
        entityManager.clear();
    }

    private List<AuditEntry> filter(Optional<AuditAction> action, Optional<AuditResourceType> type,
            Optional<String> resourceId, Optional<String> actor, Optional<Instant> from, Optional<Instant> to) {
        return trail.list(AUDITOR, new AuditFilter(action, type, resourceId, actor, from, to), Optional.empty(), 100)
                .items();
    }

    private static List<Long> sequences(List<AuditEntry> entries) {
        return entries.stream().map(AuditEntry::sequence).toList();
    }

    private static List<String> resourceIds(List<AuditEntry> entries) {
        return entries.stream().map(entry -> entry.resourceId().orElseThrow()).toList();
    }

    private static List<AuditEntry> oldestFirst(List<AuditEntry> newestFirst) {
        List<AuditEntry> entries = new ArrayList<>(newestFirst);
        Collections.reverse(entries);
        return entries;
    }

    private static void assertBroken(ChainVerification verification, long sequence, ChainBreak reason) {
        assertThat(verification.valid()).as("valid").isFalse();
        assertThat(verification.firstBrokenSequence()).as("first broken sequence").contains(sequence);
        assertThat(verification.reason()).as("reason: " + verification.detail()).contains(reason);
    }
}
