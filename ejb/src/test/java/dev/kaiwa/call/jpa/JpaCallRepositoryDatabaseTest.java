package dev.kaiwa.call.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaiwa.call.Call;
import dev.kaiwa.call.CallDraft;
import dev.kaiwa.call.CallEvent;
import dev.kaiwa.call.CallEventType;
import dev.kaiwa.call.CallFilter;
import dev.kaiwa.call.CallSettings;
import dev.kaiwa.call.CallStatus;
import dev.kaiwa.call.CallType;
import dev.kaiwa.call.RecordingPolicy;
import dev.kaiwa.call.TranscriptionLanguage;
import dev.kaiwa.participant.Participant;
import dev.kaiwa.participant.ParticipantRole;
import dev.kaiwa.shared.Caller;
import dev.kaiwa.shared.Cursor;
import dev.kaiwa.shared.TestDatabase;
import dev.kaiwa.shared.TestDatabase.TestTransaction;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The call queries on a real database; every test runs in a transaction that is rolled back. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JpaCallRepositoryDatabaseTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:15:30.123456Z");
    private static final Caller ALICE = new Caller("alice", "acme", Set.of(Caller.HOST), "Alice", null);
    private static final Caller BOB = new Caller("bob", "acme", Set.of(Caller.HOST), "Bob", null);
    private static final Caller ACME_ADMIN = new Caller("carol", "acme", Set.of(Caller.ADMIN), "Carol", null);
    private static final Caller ACME_AUDITOR = new Caller("dan", "acme", Set.of(Caller.AUDITOR), "Dan", null);
    private static final Caller GLOBEX_HOST = new Caller("erin", "globex", Set.of(Caller.HOST), "Erin", null);
    private static final Caller GLOBEX_ADMIN = new Caller("frank", "globex", Set.of(Caller.ADMIN), "Frank", null);

    private TestDatabase database;
    private TestTransaction transaction;
    private EntityManager entityManager;
    private JpaCallRepository calls;

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
        entityManager = transaction.entityManager();
        calls = TestingJpaCallRepository.create(entityManager);
    }

    @AfterEach
    void rollBack() {
        transaction.close();
    }

    @Test
    void storedCallReadsBackEqualToTheMicrosecond() {
        Call call = new Call(new CallDraft("Interview", CallType.SCREEN_SHARE, T0.plus(Duration.ofDays(1)), 4,
                new CallSettings(RecordingPolicy.REQUIRED, true, TranscriptionLanguage.JA,
                        false, true), "job-7", "{\"k\":\"v\"}", 90), "acme", "alice", T0, "key-1");
        call.moveTo(CallStatus.IN_PROGRESS, T0.plusNanos(1_000));
        call.moveTo(CallStatus.PAUSED, T0.plusSeconds(60).plusNanos(7_000));
        calls.add(call);
        transaction.flushAndClear();

        Call read = calls.find(call.id()).orElseThrow();

        assertThat(read).isNotSameAs(call);
        assertThat(read.createdAt()).isEqualTo(T0);
        assertThat(read.scheduledAt()).isEqualTo(T0.plus(Duration.ofDays(1)));
        assertThat(read.startedAt()).contains(T0.plusNanos(1_000));
        assertThat(read.duration(T0.plusSeconds(600))).isEqualTo(call.duration(T0.plusSeconds(600)));
        assertThat(read.status()).isEqualTo(CallStatus.PAUSED);
        assertThat(read.type()).isEqualTo(CallType.SCREEN_SHARE);
        assertThat(read.settings().recordingPolicy()).isEqualTo(RecordingPolicy.REQUIRED);
        assertThat(read.settings().transcriptionLanguage()).isEqualTo(TranscriptionLanguage.JA);
        assertThat(read.settings().transcriptionEnabled()).isTrue();
        assertThat(read.settings().screenShare()).isFalse();
        assertThat(read.settings().waitingRoom()).isTrue();
        assertThat(read.externalRef()).contains("job-7");
        assertThat(read.metadata()).contains("{\"k\":\"v\"}");
        assertThat(read.retentionDays()).contains(90);
        assertThat(read.idempotencyKey()).contains("key-1");
    }

    @Test
    void instantIsStoredAsTheSameMomentInUtc() {
        Call call = scheduled(ALICE, T0);
        entityManager.flush();

        Object matches = entityManager.createNativeQuery("SELECT COUNT(*) FROM kw_call WHERE id = ?1 "
                        + "AND created_at = TIMESTAMP WITH TIME ZONE '2026-03-02 18:15:30.123456+09:00'")
                .setParameter(1, call.id())
                .getSingleResult();

        assertThat(((Number) matches).longValue()).isEqualTo(1);
    }

    @Test
    void instantParameterMatchesTheStoredInstantExactly() {
        Call call = scheduled(ALICE, T0);
        transaction.flushAndClear();

        List<Call> found = entityManager.createQuery("SELECT c FROM Call c WHERE c.createdAt = :at", Call.class)
                .setParameter("at", T0)
                .getResultList();

        assertThat(found).extracting(Call::id).containsExactly(call.id());
    }

    @Test
    void unknownCallIsNotFound() {
        assertThat(calls.find("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).isEmpty();
        assertThat(calls.findForUpdate("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).isEmpty();
    }

    @Test
    void findForUpdateReturnsTheStoredCall() {
        Call call = scheduled(ALICE, T0);
        transaction.flushAndClear();

        assertThat(calls.findForUpdate(call.id())).map(Call::id).contains(call.id());
    }

    @Test
    void userSeesTheCallsTheyCreatedOrTakePartIn() {
        Call own = scheduled(ALICE, T0);
        Call invitedTo = scheduled(BOB, T0.plusSeconds(1));
        participant(invitedTo, "alice");
        Call othersCall = scheduled(BOB, T0.plusSeconds(2));
        Call otherOrganization = scheduled(GLOBEX_HOST, T0.plusSeconds(3));
        transaction.flushAndClear();

        assertThat(ids(calls.list(ALICE, CallFilter.none(), Optional.empty(), 100)))
                .containsExactly(invitedTo.id(), own.id())
                .doesNotContain(othersCall.id(), otherOrganization.id());
    }

    @Test
    void removedParticipantNoLongerSeesTheCall() {
        Call call = scheduled(BOB, T0);
        Participant alice = participant(call, "alice");
        alice.remove(T0.plusSeconds(5));
        transaction.flushAndClear();

        assertThat(calls.list(ALICE, CallFilter.none(), Optional.empty(), 100)).isEmpty();
    }

    @Test
    void adminsAndAuditorsSeeTheirWholeOrganizationAndNothingOfOthers() {
        Call alices = scheduled(ALICE, T0);
        Call bobs = scheduled(BOB, T0.plusSeconds(1));
        Call globex = scheduled(GLOBEX_HOST, T0.plusSeconds(2));
        transaction.flushAndClear();

        assertThat(ids(calls.list(ACME_ADMIN, CallFilter.none(), Optional.empty(), 100)))
                .containsExactly(bobs.id(), alices.id());
        assertThat(ids(calls.list(ACME_AUDITOR, CallFilter.none(), Optional.empty(), 100)))
                .containsExactly(bobs.id(), alices.id());
        assertThat(ids(calls.list(GLOBEX_ADMIN, CallFilter.none(), Optional.empty(), 100)))
                .containsExactly(globex.id());
    }

    @Test
    void listFiltersByStatus() {
        Call scheduled = scheduled(ALICE, T0);
        Call running = scheduled(ALICE, T0.plusSeconds(1));
        running.moveTo(CallStatus.IN_PROGRESS, T0.plusSeconds(2));
        transaction.flushAndClear();

        assertThat(ids(calls.list(ALICE, filter(CallStatus.IN_PROGRESS, null, null, null), Optional.empty(), 100)))
                .containsExactly(running.id());
        assertThat(ids(calls.list(ALICE, filter(CallStatus.SCHEDULED, null, null, null), Optional.empty(), 100)))
                .containsExactly(scheduled.id());
        assertThat(calls.list(ALICE, filter(CallStatus.ENDED, null, null, null), Optional.empty(), 100)).isEmpty();
    }

    @Test
    void listFiltersByExternalReference() {
        Call tagged = add(new Call(draft(null, "lead-17"), "acme", "alice", T0, null));
        scheduled(ALICE, T0.plusSeconds(1));
        transaction.flushAndClear();

        assertThat(ids(calls.list(ALICE, filter(null, "lead-17", null, null), Optional.empty(), 100)))
                .containsExactly(tagged.id());
        assertThat(calls.list(ALICE, filter(null, "lead-1", null, null), Optional.empty(), 100)).isEmpty();
    }

    @Test
    void listWindowOnTheScheduledTimeIncludesFromAndExcludesTo() {
        Instant from = T0.plus(Duration.ofDays(1));
        Instant to = from.plus(Duration.ofHours(2));
        Call before = add(new Call(draft(from.minusNanos(1_000), null), "acme", "alice", T0, null));
        Call atFrom = add(new Call(draft(from, null), "acme", "alice", T0.plusSeconds(1), null));
        Call inside = add(new Call(draft(from.plus(Duration.ofHours(1)), null), "acme", "alice", T0.plusSeconds(2), null));
        Call atTo = add(new Call(draft(to, null), "acme", "alice", T0.plusSeconds(3), null));
        transaction.flushAndClear();

        assertThat(ids(calls.list(ALICE, filter(null, null, from, to), Optional.empty(), 100)))
                .containsExactly(inside.id(), atFrom.id())
                .doesNotContain(before.id(), atTo.id());
        assertThat(ids(calls.list(ALICE, filter(null, null, from, null), Optional.empty(), 100)))
                .containsExactly(atTo.id(), inside.id(), atFrom.id());
        assertThat(ids(calls.list(ALICE, filter(null, null, null, from), Optional.empty(), 100)))
                .containsExactly(before.id());
    }

    @Test
    void pagesFollowCreationTimeThenIdDescendingAcrossEqualTimes() {
        List<Call> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(scheduled(ALICE, T0));
        }
        created.add(scheduled(ALICE, T0.plusNanos(1_000)));
        created.add(scheduled(ALICE, T0.minusSeconds(1)));
        transaction.flushAndClear();
        List<Call> all = calls.list(ALICE, CallFilter.none(), Optional.empty(), 100);

        List<String> paged = new ArrayList<>();
        Optional<Cursor> after = Optional.empty();
        for (int page = 0; page < 10; page++) {
            List<Call> rows = calls.list(ALICE, CallFilter.none(), after, 2);
            rows.forEach(call -> paged.add(call.id()));
            if (rows.size() < 2) {
                break;
            }
            Call last = rows.get(rows.size() - 1);
            after = Optional.of(Cursor.decode(new Cursor(last.createdAt(), last.id()).encode()));
        }

        assertThat(paged).containsExactlyElementsOf(ids(all)).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(ids(created));
        assertThat(all.get(0).createdAt()).isEqualTo(T0.plusNanos(1_000));
        assertThat(all.get(all.size() - 1).createdAt()).isEqualTo(T0.minusSeconds(1));
        assertThat(all.subList(1, 6)).allSatisfy(call -> assertThat(call.createdAt()).isEqualTo(T0));
        for (int i = 1; i < 5; i++) {
            assertThat(all.get(i).id()).as("ids descend among equal times").isGreaterThan(all.get(i + 1).id());
        }
    }

    @Test
    void idempotencyKeyFindsTheCallOfTheSameCreatorOnly() {
        Call call = add(new Call(draft(null, null), "acme", "alice", T0, "create-1"));
        add(new Call(draft(null, null), "acme", "bob", T0, "create-2"));
        transaction.flushAndClear();

        assertThat(calls.findByIdempotencyKey("alice", "create-1")).map(Call::id).contains(call.id());
        assertThat(calls.findByIdempotencyKey("bob", "create-1")).isEmpty();
        assertThat(calls.findByIdempotencyKey("alice", "create-2")).isEmpty();
    }

    @Test
    void sameIdempotencyKeyTwiceForOneCreatorViolatesTheUniqueConstraint() {
        add(new Call(draft(null, null), "acme", "alice", T0, "create-1"));
        add(new Call(draft(null, null), "acme", "bob", T0, "create-1"));
        entityManager.flush();

        add(new Call(draft(null, null), "acme", "alice", T0.plusSeconds(1), "create-1"));

        assertThatThrownBy(entityManager::flush).isInstanceOf(PersistenceException.class);
    }

    @Test
    void callsWithoutIdempotencyKeyNeverClash() {
        scheduled(ALICE, T0);
        scheduled(ALICE, T0);

        entityManager.flush();

        assertThat(calls.list(ALICE, CallFilter.none(), Optional.empty(), 100)).hasSize(2);
    }

    @Test
    void unjoinedScheduledCallsBeforeTheCutoffAreFoundInScheduleOrder() {
        Instant cutoff = T0.plus(Duration.ofHours(3));
        Call nobody = add(new Call(draft(T0.plus(Duration.ofHours(2)), null), "acme", "alice", T0, null));
        Call onlyInvited = add(new Call(draft(T0.plus(Duration.ofHours(1)), null), "acme", "alice", T0, null));
        participant(onlyInvited, "alice");
        Call joined = add(new Call(draft(T0.plus(Duration.ofHours(1)), null), "acme", "alice", T0, null));
        participant(joined, "alice").startJoining(T0.plus(Duration.ofMinutes(50)));
        Call atCutoff = add(new Call(draft(cutoff, null), "acme", "alice", T0, null));
        Call later = add(new Call(draft(cutoff.plusSeconds(1), null), "acme", "alice", T0, null));
        Call cancelled = add(new Call(draft(T0.plus(Duration.ofHours(1)), null), "acme", "alice", T0, null));
        cancelled.moveTo(CallStatus.CANCELLED, T0.plusSeconds(1));
        Call running = add(new Call(draft(T0.plus(Duration.ofHours(1)), null), "acme", "alice", T0, null));
        running.moveTo(CallStatus.IN_PROGRESS, T0.plusSeconds(1));
        transaction.flushAndClear();

        assertThat(ids(calls.findUnjoinedScheduledBefore(cutoff, 100)))
                .containsExactly(onlyInvited.id(), nobody.id())
                .doesNotContain(joined.id(), atCutoff.id(), later.id(), cancelled.id(), running.id());
        assertThat(ids(calls.findUnjoinedScheduledBefore(cutoff, 1))).containsExactly(onlyInvited.id());
    }

    @Test
    void activeCallsAreThoseInProgressOrPaused() {
        scheduled(ALICE, T0);
        scheduled(ALICE, T0).moveTo(CallStatus.IN_PROGRESS, T0.plusSeconds(1));
        Call paused = scheduled(BOB, T0);
        paused.moveTo(CallStatus.IN_PROGRESS, T0.plusSeconds(1));
        paused.moveTo(CallStatus.PAUSED, T0.plusSeconds(2));
        Call ended = scheduled(GLOBEX_HOST, T0);
        ended.moveTo(CallStatus.IN_PROGRESS, T0.plusSeconds(1));
        ended.moveTo(CallStatus.ENDED, T0.plusSeconds(2));
        transaction.flushAndClear();

        assertThat(calls.countActive()).isEqualTo(2);
    }

    @Test
    void eventsComeInTheOrderTheyHappenedAndPageByCursor() {
        Call call = scheduled(ALICE, T0);
        Call other = scheduled(ALICE, T0);
        calls.addEvent(new CallEvent(call.id(), CallEventType.STARTED, T0.plusSeconds(2), "user:alice", null, null));
        calls.addEvent(new CallEvent(call.id(), CallEventType.CREATED, T0, "user:alice", null, null));
        calls.addEvent(new CallEvent(call.id(), CallEventType.JOINED, T0.plusSeconds(2), "user:alice", "p", "detail"));
        calls.addEvent(new CallEvent(other.id(), CallEventType.CREATED, T0, "user:alice", null, null));
        transaction.flushAndClear();

        List<CallEvent> all = calls.events(call.id(), Optional.empty(), 100);
        CallEvent first = all.get(0);
        List<CallEvent> rest = calls.events(call.id(), Optional.of(new Cursor(first.occurredAt(), first.id())), 100);

        assertThat(all).hasSize(3);
        assertThat(first.type()).isEqualTo(CallEventType.CREATED);
        assertThat(first.occurredAt()).isEqualTo(T0);
        assertThat(all.get(1).id()).isLessThan(all.get(2).id());
        assertThat(rest).extracting(CallEvent::id).containsExactly(all.get(1).id(), all.get(2).id());
        assertThat(calls.events(call.id(), Optional.empty(), 1)).hasSize(1);
    }

    private Call scheduled(Caller creator, Instant createdAt) {
        return add(new Call(draft(null, null), creator.organization(), creator.subject(), createdAt, null));
    }

    private Call add(Call call) {
        calls.add(call);
        return call;
    }

    private Participant participant(Call call, String subject) {
        Participant participant = Participant.forUser(call.id(), subject, call.organization(), subject, null, ParticipantRole.PARTICIPANT,
                call.createdAt());
        entityManager.persist(participant);
        return participant;
    }

    private static CallFilter filter(CallStatus status, String externalRef, Instant from, Instant to) {
        return new CallFilter(Optional.ofNullable(status), Optional.ofNullable(externalRef), Optional.ofNullable(from),
                Optional.ofNullable(to));
    }

    private static CallDraft draft(Instant scheduledAt, String externalRef) {
        return new CallDraft("Interview", CallType.VIDEO, scheduledAt, 10, CallSettings.defaults(), externalRef, null,
                null);
    }

    private static List<String> ids(List<Call> calls) {
        return calls.stream().map(Call::id).toList();
    }
}
