package dev.kaiwa.incontainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaiwa.call.Call;
import dev.kaiwa.call.CallService;
import dev.kaiwa.call.CallStatus;
import dev.kaiwa.invite.InviteService;
import dev.kaiwa.invite.IssuedInvite;
import dev.kaiwa.participant.JoinResult;
import dev.kaiwa.participant.JoinService;
import dev.kaiwa.participant.ParticipantService;
import dev.kaiwa.participant.ParticipantStatus;
import dev.kaiwa.shared.Actor;
import dev.kaiwa.shared.Caller;
import dev.kaiwa.shared.ErrorCode;
import jakarta.inject.Inject;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.UserTransaction;
import java.util.Optional;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Transactions around the services: a refusal ({@code DomainException}, an application exception with
 * rollback) undoes everything written in the transaction it is thrown in, whether the service started
 * that transaction or joined the caller's, and a transaction the caller rolls back leaves no row.
 * <p>
 * The transactions that go on after creating work on a call committed beforehand: a locking read
 * ({@code CallRepository.findForUpdate}) does not yet see a call persisted earlier in the same
 * transaction and not flushed, so inviting, joining or moving right after {@code createCall} in one
 * transaction reports CALL_NOT_FOUND.
 */
@ExtendWith(ArquillianExtension.class)
class TransactionsInContainerIT {
    @Deployment
    static WebArchive deployment() {
        return Deployments.core(TransactionsInContainerIT.class);
    }

    @Inject
    CallService calls;

    @Inject
    InviteService invites;

    @Inject
    JoinService joins;

    @Inject
    ParticipantService participants;

    @Inject
    UserTransaction transaction;

    @Inject
    Database database;

    private final Caller host = Fixtures.host();
    private final Actor.User hostActor = Fixtures.actor(host);

    @AfterEach
    void leaveNoTransactionOpen() throws SystemException {
        if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
            transaction.rollback();
        }
    }

    @Test
    void aJoinRefusedBecauseTheCallIsFullChangesNothing() {
        Call call = calls.createCall(host, Fixtures.call(Fixtures.inAnHour(), 1), Optional.empty()).call();
        IssuedInvite invite = invites.createInvite(hostActor, call.id(), Fixtures.guest("Gina Guest"));
        joins.joinAsUser(host, call.id());
        Database.CallRows before = database.rowsOf(call.id());

        Refused.with(ErrorCode.CALL_FULL, () -> joins.joinWithInvite(invite.token(), call.id()));

        assertThat(database.rowsOf(call.id())).isEqualTo(before);
        assertThat(invites.listInvites(hostActor, call.id())).singleElement()
                .satisfies(stored -> assertThat(stored.revokedAt()).isEmpty());
    }

    @Test
    void anIllegalMoveChangesNothing() {
        Call call = calls.createCall(host, Fixtures.call(Fixtures.inAnHour(), 4), Optional.empty()).call();
        Database.CallRows before = database.rowsOf(call.id());

        Refused.with(ErrorCode.ILLEGAL_CALL_TRANSITION, () -> calls.endCall(hostActor, call.id()));

        Call stored = calls.getCall(hostActor, call.id());
        assertThat(stored.status()).isEqualTo(CallStatus.SCHEDULED);
        assertThat(stored.endedAt()).isEmpty();
        assertThat(stored.version()).isEqualTo(call.version());
        assertThat(database.rowsOf(call.id())).isEqualTo(before);
    }

    @Test
    void aRefusalRollsBackEverythingWrittenEarlierInTheCallersTransaction() throws Exception {
        Call call = calls.createCall(host, Fixtures.call(Fixtures.inAnHour(), 1), Optional.empty()).call();
        Database.CallRows before = database.rowsOf(call.id());
        transaction.begin();
        IssuedInvite invite = invites.createInvite(hostActor, call.id(), Fixtures.guest("Gina Guest"));
        JoinResult hostJoined = joins.joinAsUser(host, call.id());
        assertThat(database.rowsOf(call.id())).isEqualTo(new Database.CallRows(1, 1, 1, 1, 3));

        Refused.with(ErrorCode.CALL_FULL, () -> joins.joinWithInvite(invite.token(), call.id()));

        assertThat(transaction.getStatus()).isEqualTo(Status.STATUS_MARKED_ROLLBACK);
        assertThatThrownBy(transaction::commit).isInstanceOf(RollbackException.class);
        assertThat(database.rowsOf(call.id())).isEqualTo(before);
        assertThat(database.participantStatus(hostJoined.participant().id()))
                .contains(ParticipantStatus.INVITED.name());
    }

    @Test
    void aCallCreatedInATransactionTheCallerRollsBackLeavesNothingBehind() throws Exception {
        transaction.begin();
        Call call = calls.createCall(host, Fixtures.call(Fixtures.inAnHour(), 4), Optional.empty()).call();
        assertThat(database.rowsOf(call.id())).isEqualTo(new Database.CallRows(1, 1, 0, 0, 1));

        transaction.rollback();

        assertThat(database.rowsOf(call.id())).isEqualTo(Database.CallRows.NONE);
        Refused.with(ErrorCode.CALL_NOT_FOUND, () -> calls.getCall(hostActor, call.id()));
    }

    @Test
    void invitesJoinsAndMovesInATransactionTheCallerRollsBackLeaveTheCallAsItWas() throws Exception {
        Call call = calls.createCall(host, Fixtures.call(Fixtures.inAnHour(), 4), Optional.empty()).call();
        Database.CallRows before = database.rowsOf(call.id());
        transaction.begin();
        IssuedInvite invite = invites.createInvite(hostActor, call.id(), Fixtures.guest("Gina Guest"));
        joins.joinWithInvite(invite.token(), call.id());
        calls.startCall(hostActor, call.id());
        assertThat(database.rowsOf(call.id())).isEqualTo(new Database.CallRows(1, 2, 1, 1, 4));

        transaction.rollback();

        assertThat(database.rowsOf(call.id())).isEqualTo(before);
        assertThat(calls.getCall(hostActor, call.id()).status()).isEqualTo(CallStatus.SCHEDULED);
    }

    @Test
    void invitesJoinsAndMovesInACommittedTransactionAreKept() throws Exception {
        Call call = calls.createCall(host, Fixtures.call(Fixtures.inAnHour(), 4), Optional.empty()).call();
        transaction.begin();
        IssuedInvite invite = invites.createInvite(hostActor, call.id(), Fixtures.guest("Gina Guest"));
        joins.joinWithInvite(invite.token(), call.id());
        calls.startCall(hostActor, call.id());

        transaction.commit();

        assertThat(database.rowsOf(call.id())).isEqualTo(new Database.CallRows(1, 2, 1, 1, 4));
        assertThat(calls.getCall(hostActor, call.id()).status()).isEqualTo(CallStatus.IN_PROGRESS);
        assertThat(participants.listParticipants(hostActor, call.id(), Optional.empty())).hasSize(2);
    }
}
