package dev.kaiwa.signaling.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaiwa.call.Call;
import dev.kaiwa.call.CallDraft;
import dev.kaiwa.call.CallSettings;
import dev.kaiwa.call.CallType;
import dev.kaiwa.participant.Participant;
import dev.kaiwa.participant.ParticipantRole;
import dev.kaiwa.shared.RandomIds;
import dev.kaiwa.shared.TestDatabase;
import dev.kaiwa.shared.TestDatabase.TestTransaction;
import dev.kaiwa.signaling.SignalingTicket;
import dev.kaiwa.signaling.Tickets;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The signaling ticket queries on a real database; every test runs in a transaction that is rolled back. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JpaSignalingTicketRepositoryDatabaseTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:15:30.424242Z");
    private static final Duration TTL = Duration.ofSeconds(60);

    private TestDatabase database;
    private TestTransaction transaction;
    private EntityManager entityManager;
    private JpaSignalingTicketRepository tickets;
    private Call call;
    private Participant participant;

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
        tickets = TestingJpaSignalingTicketRepository.create(entityManager);
        call = call();
        participant = participant(call);
    }

    @AfterEach
    void rollBack() {
        transaction.close();
    }

    @Test
    void ticketIsFoundByItsHash() {
        String ticket = RandomIds.randomToken(32);
        tickets.add(new SignalingTicket(Tickets.hash(ticket), call.id(), participant.id(), T0, T0.plus(TTL)));
        transaction.flushAndClear();

        SignalingTicket found = tickets.findForUpdate(Tickets.hash(ticket)).orElseThrow();

        assertThat(found.callId()).isEqualTo(call.id());
        assertThat(found.participantId()).isEqualTo(participant.id());
        assertThat(found.expiresAt()).isEqualTo(T0.plus(TTL));
        assertThat(tickets.findForUpdate(Tickets.hash(ticket + "x"))).isEmpty();
    }

    @Test
    void usableTicketsAreUnusedUnrevokedAndNotYetExpired() {
        SignalingTicket usable = ticket(participant, T0);
        ticket(participant, T0).use(T0.plusSeconds(1));
        ticket(participant, T0).revoke(T0.plusSeconds(1));
        SignalingTicket expiresNow = ticket(participant, T0.minus(TTL).plusSeconds(10));
        ticket(participant(call), T0);
        transaction.flushAndClear();
        Instant now = T0.plusSeconds(10);

        assertThat(hashes(tickets.usable(participant.id(), now))).containsExactly(hash(usable));
        assertThat(tickets.usable(participant.id(), now.minusNanos(1_000))).hasSize(2);
        assertThat(expiresNow.expiresAt()).isEqualTo(now);
    }

    @Test
    void expiredUnusedTicketsAreFoundOldestFirst() {
        SignalingTicket older = ticket(participant, T0.minus(Duration.ofMinutes(5)));
        SignalingTicket atNow = ticket(participant, T0.minus(TTL));
        ticket(participant, T0.minus(Duration.ofMinutes(5))).use(T0.minus(Duration.ofMinutes(5)));
        ticket(participant, T0.minus(Duration.ofMinutes(5))).revoke(T0.minus(Duration.ofMinutes(5)));
        ticket(participant, T0);
        transaction.flushAndClear();

        assertThat(hashes(tickets.expiredUnused(T0, 100))).containsExactly(hash(older), hash(atNow));
        assertThat(hashes(tickets.expiredUnused(T0, 1))).containsExactly(hash(older));
    }

    @Test
    void revokingAllTicketsOfACallTouchesOnlyItsUnusedOnesAndStoresTheTime() {
        SignalingTicket open = ticket(participant, T0);
        ticket(participant(call), T0);
        SignalingTicket used = ticket(participant, T0);
        used.use(T0.plusSeconds(1));
        ticket(participant, T0).revoke(T0.plusSeconds(1));
        Call otherCall = call();
        SignalingTicket elsewhere = ticket(participant(otherCall), T0);
        entityManager.flush();
        Instant now = T0.plusSeconds(5).plusNanos(3_000);

        int revoked = tickets.revokeAllOfCall(call.id(), now);
        transaction.flushAndClear();

        assertThat(revoked).isEqualTo(2);
        assertThat(tickets.usable(participant.id(), now)).isEmpty();
        assertThat(revokedAt(open)).isEqualTo(now);
        assertThat(revokedAt(used)).isNull();
        assertThat(revokedAt(elsewhere)).isNull();
        assertThat(tickets.findForUpdate(hash(used)).orElseThrow().usedAt()).contains(T0.plusSeconds(1));
    }

    @Test
    void requestingAddressIsKeptOnlyUntilTheTicketIsUsedOrRevoked() {
        SignalingTicket unused = addressed(participant, "192.0.2.10");
        SignalingTicket used = addressed(participant, "192.0.2.11");
        SignalingTicket revoked = addressed(participant, "192.0.2.12");
        SignalingTicket ofTheCall = addressed(participant(call), "2001:db8::7");
        entityManager.flush();
        used.use(T0.plusSeconds(1));
        revoked.revoke(T0.plusSeconds(1));
        transaction.flushAndClear();

        assertThat(tickets.findForUpdate(hash(unused)).orElseThrow().clientAddress()).contains("192.0.2.10");
        assertThat(tickets.findForUpdate(hash(used)).orElseThrow().clientAddress()).isEmpty();
        assertThat(tickets.findForUpdate(hash(revoked)).orElseThrow().clientAddress()).isEmpty();
        transaction.flushAndClear();

        tickets.revokeAllOfCall(call.id(), T0.plusSeconds(2));
        transaction.flushAndClear();

        assertThat(tickets.findForUpdate(hash(unused)).orElseThrow().clientAddress()).isEmpty();
        assertThat(tickets.findForUpdate(hash(ofTheCall)).orElseThrow().clientAddress()).isEmpty();
    }

    private SignalingTicket addressed(Participant holder, String clientAddress) {
        SignalingTicket ticket = new SignalingTicket(Tickets.hash(RandomIds.randomToken(32)), holder.callId(),
                holder.id(), T0, T0.plus(TTL), clientAddress);
        tickets.add(ticket);
        return ticket;
    }

    private Instant revokedAt(SignalingTicket ticket) {
        return entityManager.createQuery("SELECT t.revokedAt FROM SignalingTicket t WHERE t.id = :id", Instant.class)
                .setParameter("id", hash(ticket))
                .getSingleResult();
    }

    private SignalingTicket ticket(Participant holder, Instant issuedAt) {
        SignalingTicket ticket = new SignalingTicket(Tickets.hash(RandomIds.randomToken(32)), holder.callId(),
                holder.id(), issuedAt, issuedAt.plus(TTL));
        tickets.add(ticket);
        return ticket;
    }

    private Call call() {
        Call created = new Call(new CallDraft("Interview", CallType.VIDEO, null, 10, CallSettings.defaults(), null, null,
                null), "acme", "alice", T0, null);
        entityManager.persist(created);
        return created;
    }

    private Participant participant(Call in) {
        Participant created = Participant.forUser(in.id(), RandomIds.newId(), in.organization(), "Someone", null,
                ParticipantRole.PARTICIPANT, T0);
        entityManager.persist(created);
        return created;
    }

    /** The stored key of a ticket, which the entity does not expose. */
    private String hash(SignalingTicket ticket) {
        return (String) entityManager.getEntityManagerFactory().getPersistenceUnitUtil().getIdentifier(ticket);
    }

    private List<String> hashes(List<SignalingTicket> found) {
        return found.stream().map(this::hash).toList();
    }
}
