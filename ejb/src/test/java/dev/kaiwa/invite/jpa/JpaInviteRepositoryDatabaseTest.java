package dev.kaiwa.invite.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaiwa.call.Call;
import dev.kaiwa.call.CallDraft;
import dev.kaiwa.call.CallSettings;
import dev.kaiwa.call.CallType;
import dev.kaiwa.invite.Invite;
import dev.kaiwa.invite.InviteRevocation;
import dev.kaiwa.participant.ParticipantRole;
import dev.kaiwa.shared.TestDatabase;
import dev.kaiwa.shared.TestDatabase.TestTransaction;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The invite queries on a real database; every test runs in a transaction that is rolled back. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JpaInviteRepositoryDatabaseTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:15:30.000001Z");
    private static final Instant EXPIRES = T0.plus(Duration.ofDays(7));

    private TestDatabase database;
    private TestTransaction transaction;
    private EntityManager entityManager;
    private JpaInviteRepository invites;
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
        invites = TestingJpaInviteRepository.create(entityManager);
        call = call();
        otherCall = call();
    }

    @AfterEach
    void rollBack() {
        transaction.close();
    }

    @Test
    void storedInviteReadsBackEqual() {
        Invite invite = invite(call, "Ann@Example.com", T0);
        invite.revoke(InviteRevocation.REVOKED, T0.plusNanos(5_000));
        transaction.flushAndClear();

        Invite read = invites.find(call.id(), invite.id()).orElseThrow();

        assertThat(read).isNotSameAs(invite);
        assertThat(read.displayName()).isEqualTo("Guest");
        assertThat(read.email()).contains("Ann@Example.com");
        assertThat(read.role()).isEqualTo(ParticipantRole.MODERATOR);
        assertThat(read.singleUse()).isTrue();
        assertThat(read.createdBy()).isEqualTo("user:alice");
        assertThat(read.createdAt()).isEqualTo(T0);
        assertThat(read.expiresAt()).isEqualTo(EXPIRES);
        assertThat(read.revokedAt()).contains(T0.plusNanos(5_000));
        assertThat(read.revokedReason()).contains(InviteRevocation.REVOKED);
    }

    @Test
    void inviteIsFoundOnlyThroughItsOwnCall() {
        Invite invite = invite(call, null, T0);
        transaction.flushAndClear();

        assertThat(invites.find(call.id(), invite.id())).isPresent();
        assertThat(invites.find(otherCall.id(), invite.id())).isEmpty();
    }

    @Test
    void listHasEveryInviteOfTheCallInCreationOrderRevokedOnesToo() {
        Invite second = invite(call, null, T0.plusSeconds(1));
        Invite first = invite(call, null, T0);
        first.revoke(InviteRevocation.CALL_CLOSED, T0.plusSeconds(2));
        invite(otherCall, null, T0);
        transaction.flushAndClear();

        assertThat(invites.list(call.id())).extracting(Invite::id).containsExactly(first.id(), second.id());
    }

    @Test
    void addressedInvitesAreFoundIgnoringCaseAndLeavingOutRevokedOnes() {
        Invite addressed = invite(call, "Ann@Example.COM", T0);
        invite(call, "ann@example.com", T0.plusSeconds(1)).revoke(InviteRevocation.REVOKED, T0.plusSeconds(2));
        invite(call, null, T0);
        invite(call, "bob@example.com", T0);
        invite(otherCall, "ann@example.com", T0);
        transaction.flushAndClear();

        assertThat(invites.findAddressedTo(call.id(), "ann@example.com")).extracting(Invite::id)
                .containsExactly(addressed.id());
        assertThat(invites.findAddressedTo(call.id(), "ANN@EXAMPLE.com")).extracting(Invite::id)
                .containsExactly(addressed.id());
        assertThat(invites.findAddressedTo(call.id(), "carol@example.com")).isEmpty();
    }

    private Call call() {
        Call created = new Call(new CallDraft("Interview", CallType.VIDEO, null, 10, CallSettings.defaults(), null, null,
                null), "acme", "alice", T0, null);
        entityManager.persist(created);
        return created;
    }

    private Invite invite(Call to, String email, Instant createdAt) {
        Invite invite = new Invite(to.id(), "Guest", email, ParticipantRole.MODERATOR, true, "user:alice", createdAt,
                EXPIRES);
        invites.add(invite);
        return invite;
    }
}
