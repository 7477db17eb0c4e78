package dev.kaiwa.invite;

import static dev.kaiwa.shared.DomainAssertions.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kaiwa.TestingServices;
import dev.kaiwa.audit.AuditFilter;
import dev.kaiwa.call.CallDraft;
import dev.kaiwa.call.CallEvent;
import dev.kaiwa.call.CallEventType;
import dev.kaiwa.call.CallSettings;
import dev.kaiwa.call.CallType;
import dev.kaiwa.participant.JoinResult;
import dev.kaiwa.participant.ParticipantRole;
import dev.kaiwa.security.SignedClaims;
import dev.kaiwa.security.TokenPurpose;
import dev.kaiwa.shared.Actor;
import dev.kaiwa.shared.Caller;
import dev.kaiwa.shared.ErrorCode;
import dev.kaiwa.shared.FakeClock;
import dev.kaiwa.shared.FieldError;
import dev.kaiwa.shared.TestDatabase;
import dev.kaiwa.shared.TestDatabase.TestTransaction;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Inviting people on a real database; every test runs in a transaction that is rolled back. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InviteServiceDatabaseTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00.000001Z");
    private static final Caller ALICE = new Caller("alice", "acme", Set.of(Caller.HOST), "Alice", "alice@acme.test");
    private static final Caller GLOBEX_HOST = new Caller("erin", "globex", Set.of(Caller.HOST), "Erin", null);
    private static final Actor ALICE_ACTING = new Actor.User(ALICE);

    private TestDatabase database;
    private TestTransaction transaction;
    private FakeClock clock;
    private TestingServices services;
    private InviteService inviteService;
    private String callId;

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
        services = new TestingServices(transaction.entityManager(), clock);
        inviteService = services.inviteService();
        CallDraft draft = new CallDraft("Interview", CallType.VIDEO, null, 10, CallSettings.defaults(), null, null, null);
        callId = services.callService().createCall(ALICE, draft, Optional.empty()).call().id();
        transaction.entityManager().flush();
    }

    @AfterEach
    void rollBack() {
        transaction.close();
    }

    @Test
    void hostInvitesWithASignedCallScopedTokenBehindAJoinLink() {
        IssuedInvite issued = inviteService.createInvite(ALICE_ACTING, callId,
                draft(ParticipantRole.PARTICIPANT, Optional.empty()));
        transaction.flushAndClear();

        Invite stored = services.invites().find(callId, issued.invite().id()).orElseThrow();
        assertThat(stored.displayName()).isEqualTo("Candidate");
        assertThat(stored.email()).contains("candidate@example.com");
        assertThat(stored.role()).isEqualTo(ParticipantRole.PARTICIPANT);
        assertThat(stored.createdBy()).isEqualTo("user:alice");
        assertThat(stored.expiresAt()).isEqualTo(T0.plus(TestingServices.INVITE_DEFAULT_TTL));
        assertThat(stored.isUsable(T0)).isTrue();
        assertThat(services.signer().verify(issued.token(), TokenPurpose.INVITE)).contains(new SignedClaims(
                TokenPurpose.INVITE, callId, stored.id(), stored.expiresAt().truncatedTo(ChronoUnit.SECONDS)));
        assertThat(issued.joinUrl()).isEqualTo("https://kaiwa.example.com/call/" + callId + "#invite=" + issued.token());
        assertThat(events()).extracting(CallEvent::type).contains(CallEventType.INVITE_CREATED);
    }

    @Test
    void inviteLifetimeIsBetweenAMinuteAndTheMaximum() {
        Invite shortest = inviteService.createInvite(ALICE_ACTING, callId,
                draft(ParticipantRole.VIEWER, Optional.of(Duration.ofMinutes(1)))).invite();
        Invite longest = inviteService.createInvite(ALICE_ACTING, callId,
                draft(ParticipantRole.VIEWER, Optional.of(TestingServices.INVITE_MAX_TTL))).invite();

        assertThat(shortest.expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
        assertThat(longest.expiresAt()).isEqualTo(T0.plus(TestingServices.INVITE_MAX_TTL));
        for (Duration invalid : List.of(Duration.ofSeconds(59), TestingServices.INVITE_MAX_TTL.plusSeconds(1),
                Duration.ZERO, Duration.ofMinutes(-5))) {
            assertThat(assertRefused(ErrorCode.VALIDATION_FAILED, () -> inviteService.createInvite(ALICE_ACTING, callId,
                    draft(ParticipantRole.VIEWER, Optional.of(invalid)))).fieldErrors())
                    .extracting(FieldError::field).containsExactly("expiresIn");
        }
    }

    @Test
    void inviteGrantsAtMostCoHost() {
        assertRefused(ErrorCode.ROLE_NOT_GRANTABLE,
                () -> inviteService.createInvite(ALICE_ACTING, callId, draft(ParticipantRole.HOST, Optional.empty())));

        assertThat(inviteService.createInvite(ALICE_ACTING, callId, draft(ParticipantRole.CO_HOST, Optional.empty()))
                .invite().role()).isEqualTo(ParticipantRole.CO_HOST);
    }

    @Test
    void onlyHostsInviteAndManageInvites() {
        JoinResult moderator = join(ParticipantRole.MODERATOR);
        Actor moderatorActing = new Actor.Guest(callId, moderator.participant().id());
        String inviteId = inviteService.createInvite(ALICE_ACTING, callId, draft(ParticipantRole.VIEWER, Optional.empty()))
                .invite().id();

        assertRefused(ErrorCode.FORBIDDEN, () -> inviteService.createInvite(moderatorActing, callId,
                draft(ParticipantRole.VIEWER, Optional.empty())));
        assertRefused(ErrorCode.FORBIDDEN, () -> inviteService.listInvites(moderatorActing, callId));
        assertRefused(ErrorCode.FORBIDDEN, () -> inviteService.revokeInvite(moderatorActing, callId, inviteId));
        assertRefused(ErrorCode.CALL_NOT_FOUND, () -> inviteService.createInvite(new Actor.User(GLOBEX_HOST), callId,
                draft(ParticipantRole.VIEWER, Optional.empty())));
    }

    @Test
    void coHostInvites() {
        JoinResult coHost = join(ParticipantRole.CO_HOST);

        IssuedInvite issued = inviteService.createInvite(new Actor.Guest(callId, coHost.participant().id()), callId,
                draft(ParticipantRole.PARTICIPANT, Optional.empty()));

        assertThat(issued.invite().createdBy()).isEqualTo("participant:" + coHost.participant().id());
    }

    @Test
    void closedCallTakesNoInvites() {
        services.callService().cancelCall(ALICE_ACTING, callId);

        assertRefused(ErrorCode.CALL_ALREADY_ENDED,
                () -> inviteService.createInvite(ALICE_ACTING, callId, draft(ParticipantRole.VIEWER, Optional.empty())));
    }

    @Test
    void revokedInviteStaysListedWithItsReasonAndIsRevokedOnce() {
        Invite invite = inviteService.createInvite(ALICE_ACTING, callId, draft(ParticipantRole.VIEWER, Optional.empty()))
                .invite();
        Instant revokedAt = clock.advance(Duration.ofMinutes(3));

        inviteService.revokeInvite(ALICE_ACTING, callId, invite.id());
        clock.advance(Duration.ofMinutes(3));
        inviteService.revokeInvite(ALICE_ACTING, callId, invite.id());
        transaction.flushAndClear();

        assertThat(inviteService.listInvites(ALICE_ACTING, callId)).singleElement().satisfies(listed -> {
            assertThat(listed.revokedAt()).contains(revokedAt);
            assertThat(listed.revokedReason()).contains(InviteRevocation.REVOKED);
            assertThat(listed.isUsable(revokedAt)).isFalse();
        });
        assertThat(events()).filteredOn(event -> event.type() == CallEventType.INVITE_REVOKED).hasSize(1);
        assertThat(services.auditEntries().list("acme", AuditFilter.none(), Optional.empty(), 100)).singleElement()
                .satisfies(entry -> {
                    assertThat(entry.action()).isEqualTo("INVITE_REVOKED");
                    assertThat(entry.resourceType()).isEqualTo("INVITE");
                    assertThat(entry.resourceId()).contains(invite.id());
                    assertThat(entry.actorId()).contains("alice");
                    assertThat(entry.occurredAt()).isEqualTo(revokedAt);
                    assertThat(entry.details()).containsEntry("callId", callId).containsEntry("role", "VIEWER");
                    assertThat(entry.details().values()).as("ids only").doesNotContain("Candidate",
                            "candidate@example.com");
                });
    }

    @Test
    void unknownInviteIsNotFound() {
        assertRefused(ErrorCode.INVITE_NOT_FOUND,
                () -> inviteService.revokeInvite(ALICE_ACTING, callId, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
        assertRefused(ErrorCode.INVITE_NOT_FOUND, () -> inviteService.revokeInvite(ALICE_ACTING, callId, "x"));
    }

    private JoinResult join(ParticipantRole role) {
        IssuedInvite issued = inviteService.createInvite(ALICE_ACTING, callId, draft(role, Optional.empty()));
        return services.joinService().joinWithInvite(issued.token(), callId);
    }

    private static InviteDraft draft(ParticipantRole role, Optional<Duration> expiresIn) {
        return new InviteDraft("Candidate", "candidate@example.com", role, expiresIn, true);
    }

    private List<CallEvent> events() {
        return services.callService().events(ALICE_ACTING, callId, Optional.empty(), 100).items();
    }
}
