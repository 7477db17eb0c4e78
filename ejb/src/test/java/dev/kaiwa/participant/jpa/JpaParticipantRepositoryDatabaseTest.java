package dev.kaiwa.participant.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaiwa.call.Call;
import dev.kaiwa.call.CallDraft;
import dev.kaiwa.call.CallSettings;
import dev.kaiwa.call.CallType;
import dev.kaiwa.invite.Invite;
import dev.kaiwa.participant.Participant;
import dev.kaiwa.participant.ParticipantRole;
import dev.kaiwa.participant.ParticipantStatus;
import dev.kaiwa.shared.TestDatabase;
import dev.kaiwa.shared.TestDatabase.TestTransaction;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The participant queries on a real database; every test runs in a transaction that is rolled back. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JpaParticipantRepositoryDatabaseTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:15:30.654321Z");

    private TestDatabase database;
    private TestTransaction transaction;
    private EntityManager entityManager;
    private JpaParticipantRepository participants;
    private Call call;
    private Call otherCall;

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
        participants = TestingJpaParticipantRepository.create(entityManager);
        call = call();
        otherCall = call();
    }

    @AfterEach
    void rollBack() {
        transaction.close();
    }

    @Test
    void storedParticipantReadsBackEqual() {
        Participant participant = user(call, "alice", ParticipantRole.CO_HOST, T0);
        participant.startJoining(T0.plusNanos(2_000));
        participant.changeMedia(false, null, true, true);
        transaction.flushAndClear();

        Participant read = participants.find(call.id(), participant.id()).orElseThrow();

        assertThat(read).isNotSameAs(participant);
        assertThat(read.subject()).contains("alice");
        assertThat(read.role()).isEqualTo(ParticipantRole.CO_HOST);
        assertThat(read.status()).isEqualTo(ParticipantStatus.JOINING);
        assertThat(read.createdAt()).isEqualTo(T0);
        assertThat(read.joinedAt()).contains(T0.plusNanos(2_000));
        assertThat(read.lastSeenAt()).contains(T0.plusNanos(2_000));
        assertThat(read.leftAt()).isEmpty();
        assertThat(read.audio()).isFalse();
        assertThat(read.video()).isTrue();
        assertThat(read.screen()).isTrue();
        assertThat(read.hand()).isTrue();
    }

    @Test
    void participantIsFoundOnlyThroughItsOwnCall() {
        Participant participant = user(call, "alice", ParticipantRole.HOST, T0);
        transaction.flushAndClear();

        assertThat(participants.find(call.id(), participant.id())).isPresent();
        assertThat(participants.find(otherCall.id(), participant.id())).isEmpty();
        assertThat(participants.find(call.id(), "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).isEmpty();
    }

    @Test
    void findBySubjectReturnsTheFirstParticipantOfThatSubjectInTheCall() {
        Participant first = user(call, "alice", ParticipantRole.HOST, T0);
        user(call, "alice", ParticipantRole.VIEWER, T0.plusSeconds(1));
        Participant elsewhere = user(otherCall, "bob", ParticipantRole.HOST, T0);
        transaction.flushAndClear();

        assertThat(participants.findBySubject(call.id(), "alice")).map(Participant::id).contains(first.id());
        assertThat(participants.findBySubject(call.id(), "bob")).isEmpty();
        assertThat(participants.findBySubject(otherCall.id(), "bob")).map(Participant::id).contains(elsewhere.id());
    }

    @Test
    void findByInviteReturnsTheGuestOfThatInvite() {
        Invite invite = invite(call);
        Participant guest = guest(call, invite, T0);
        transaction.flushAndClear();

        assertThat(participants.findByInvite(call.id(), invite.id())).map(Participant::id).contains(guest.id());
        assertThat(participants.findByInvite(otherCall.id(), invite.id())).isEmpty();
    }

    @Test
    void listIsInJoiningOrderAndFiltersByStatus() {
        Participant third = user(call, "carol", ParticipantRole.PARTICIPANT, T0.plusSeconds(2));
        Participant first = user(call, "alice", ParticipantRole.HOST, T0);
        Participant second = user(call, "bob", ParticipantRole.PARTICIPANT, T0.plusSeconds(1));
        second.startJoining(T0.plusSeconds(3));
        user(otherCall, "dave", ParticipantRole.HOST, T0);
        transaction.flushAndClear();

        assertThat(participants.list(call.id(), Optional.empty())).extracting(Participant::id)
                .containsExactly(first.id(), second.id(), third.id());
        assertThat(participants.list(call.id(), Optional.of(ParticipantStatus.JOINING))).extracting(Participant::id)
                .containsExactly(second.id());
        assertThat(participants.list(call.id(), Optional.of(ParticipantStatus.CONNECTED))).isEmpty();
    }

    @Test
    void onlyParticipantsInTheCallOrOnTheirWayInOccupyPlaces() {
        for (ParticipantStatus status : ParticipantStatus.values()) {
            withStatus(user(call, status.name(), ParticipantRole.PARTICIPANT, T0), status);
        }
        withStatus(user(otherCall, "elsewhere", ParticipantRole.PARTICIPANT, T0), ParticipantStatus.CONNECTED);
        transaction.flushAndClear();

        assertThat(participants.countOccupyingPlaces(call.id())).isEqualTo(4);
    }

    @Test
    void hostsAreCountedUnlessRemovedOrDenied() {
        user(call, "alice", ParticipantRole.HOST, T0);
        user(call, "bob", ParticipantRole.HOST, T0).remove(T0.plusSeconds(1));
        withStatus(user(call, "carol", ParticipantRole.HOST, T0), ParticipantStatus.DENIED);
        user(call, "dave", ParticipantRole.HOST, T0).leave(T0.plusSeconds(1));
        user(call, "erin", ParticipantRole.CO_HOST, T0);
        user(otherCall, "frank", ParticipantRole.HOST, T0);
        transaction.flushAndClear();

        assertThat(participants.countHosts(call.id())).isEqualTo(2);
    }

    @Test
    void connectedParticipantsAreCountedAcrossCalls() {
        withStatus(user(call, "alice", ParticipantRole.HOST, T0), ParticipantStatus.CONNECTED);
        withStatus(user(otherCall, "bob", ParticipantRole.HOST, T0), ParticipantStatus.CONNECTED);
        withStatus(user(otherCall, "carol", ParticipantRole.VIEWER, T0), ParticipantStatus.RECONNECTING);
        user(call, "dave", ParticipantRole.PARTICIPANT, T0).startJoining(T0);
        transaction.flushAndClear();

        assertThat(participants.countConnected()).isEqualTo(2);
    }

    private Call call() {
        Call created = new Call(new CallDraft("Interview", CallType.VIDEO, null, 10, CallSettings.defaults(), null, null,
                null), "acme", "alice", T0, null);
        entityManager.persist(created);
        return created;
    }

    private Invite invite(Call invitedTo) {
        Invite invite = new Invite(invitedTo.id(), "Guest", "guest@example.com", ParticipantRole.PARTICIPANT, true,
                "user:alice", T0, T0.plus(Duration.ofDays(7)));
        entityManager.persist(invite);
        return invite;
    }

    private Participant user(Call in, String subject, ParticipantRole role, Instant createdAt) {
        Participant participant = Participant.forUser(in.id(), subject, in.organization(), subject, null, role, createdAt);
        participants.add(participant);
        return participant;
    }

    private Participant guest(Call in, Invite invite, Instant createdAt) {
        Participant participant = Participant.forInvite(in.id(), invite.id(), invite.displayName(), null, invite.role(),
                createdAt);
        participants.add(participant);
        return participant;
    }

    /**
     * Puts a participant in a status the domain reaches through signaling, which is not built yet.
     * Writes the row directly, after flushing what is pending.
     */
    private void withStatus(Participant participant, ParticipantStatus status) {
        entityManager.flush();
        entityManager.createNativeQuery("UPDATE kw_participant SET status = ?1 WHERE id = ?2")
                .setParameter(1, status.name())
                .setParameter(2, participant.id())
                .executeUpdate();
    }
}
