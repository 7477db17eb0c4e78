package dev.kaiwa;

import static java.util.Objects.requireNonNull;

import dev.kaiwa.audit.AuditRepository;
import dev.kaiwa.audit.AuditTrail;
import dev.kaiwa.audit.RequestOrigin;
import dev.kaiwa.audit.TestingAuditServices;
import dev.kaiwa.audit.jpa.TestingJpaAuditRepository;
import dev.kaiwa.call.CallAccess;
import dev.kaiwa.call.CallClosed;
import dev.kaiwa.call.CallRepository;
import dev.kaiwa.call.CallService;
import dev.kaiwa.call.CallStarted;
import dev.kaiwa.call.FakeCallStatistics;
import dev.kaiwa.call.TestingCallServices;
import dev.kaiwa.call.jpa.TestingJpaCallRepository;
import dev.kaiwa.invite.InviteRepository;
import dev.kaiwa.invite.InviteService;
import dev.kaiwa.invite.TestingInviteServices;
import dev.kaiwa.invite.jpa.TestingJpaInviteRepository;
import dev.kaiwa.participant.JoinService;
import dev.kaiwa.participant.ParticipantRepository;
import dev.kaiwa.participant.ParticipantService;
import dev.kaiwa.participant.ParticipantChanged;
import dev.kaiwa.participant.TestingParticipantServices;
import dev.kaiwa.participant.jpa.TestingJpaParticipantRepository;
import dev.kaiwa.security.TestingTokenSigner;
import dev.kaiwa.security.TokenSigner;
import dev.kaiwa.shared.FakeClock;
import dev.kaiwa.shared.FakeEvent;
import dev.kaiwa.signaling.SignalingTicketRepository;
import dev.kaiwa.signaling.jpa.TestingJpaSignalingTicketRepository;
import jakarta.persistence.EntityManager;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * The services and JPA repositories wired by hand the way CDI wires them in the server, all on one
 * EntityManager (so they share the test's transaction), with a clock the test moves, a token signer
 * with a fresh key, fakes for the {@link CallStarted} and {@link CallClosed} events and the metrics, and an audit
 * trail whose requests come from {@link #CLIENT_ADDRESS}. Configuration values are the defaults of the server's
 * configuration.
 */
public final class TestingServices {
    public static final Duration TICKET_TTL = Duration.ofSeconds(60);
    public static final Duration PARTICIPANT_TOKEN_TTL = Duration.ofMinutes(15);
    public static final Duration INVITE_DEFAULT_TTL = Duration.ofDays(7);
    public static final Duration INVITE_MAX_TTL = Duration.ofDays(30);
    /** With a trailing slash, which join links must not double. */
    public static final String PUBLIC_URL = "https://kaiwa.example.com/";
    /** Where the requests of the test come from, as the audit trail records it. */
    public static final String CLIENT_ADDRESS = "192.0.2.10";

    private final FakeClock clock;
    private final FakeEvent<CallStarted> startedCalls = new FakeEvent<>();
    private final FakeEvent<CallClosed> closedCalls = new FakeEvent<>();
    private final FakeEvent<ParticipantChanged> changedParticipants = new FakeEvent<>();
    private final FakeCallStatistics statistics = new FakeCallStatistics();
    private final TokenSigner signer;
    private final CallRepository calls;
    private final ParticipantRepository participants;
    private final InviteRepository invites;
    private final SignalingTicketRepository tickets;
    private final AuditRepository auditEntries;
    private final AuditTrail auditTrail;
    private final CallService callService;
    private final JoinService joinService;
    private final InviteService inviteService;
    private final ParticipantService participantService;

    public TestingServices(EntityManager entityManager, FakeClock clock) {
        requireNonNull(entityManager, "entityManager is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.signer = TestingTokenSigner.withKey(randomKey(), clock);
        this.calls = TestingJpaCallRepository.create(entityManager);
        this.participants = TestingJpaParticipantRepository.create(entityManager);
        this.invites = TestingJpaInviteRepository.create(entityManager);
        this.tickets = TestingJpaSignalingTicketRepository.create(entityManager);
        this.auditEntries = TestingJpaAuditRepository.create(entityManager);
        RequestOrigin origin = new RequestOrigin();
        origin.setClientAddress(CLIENT_ADDRESS);
        this.auditTrail = TestingAuditServices.auditTrail(auditEntries, origin, clock);
        CallAccess access = TestingCallServices.callAccess(calls, participants);
        this.callService = TestingCallServices.callService(calls, participants, invites, tickets, access, startedCalls,
                closedCalls, statistics, auditTrail, clock);
        this.joinService = TestingParticipantServices.joinService(access, calls, participants, invites, tickets, signer,
                clock, TICKET_TTL, PARTICIPANT_TOKEN_TTL);
        this.inviteService = TestingInviteServices.inviteService(access, calls, invites, signer, auditTrail, clock,
                PUBLIC_URL, INVITE_DEFAULT_TTL, INVITE_MAX_TTL);
        this.participantService = TestingParticipantServices.participantService(access, calls, participants, tickets,
                changedParticipants, auditTrail, clock);
    }

    public FakeClock clock() {
        return clock;
    }

    public FakeEvent<CallStarted> startedCalls() {
        return startedCalls;
    }

    public FakeEvent<CallClosed> closedCalls() {
        return closedCalls;
    }

    public FakeEvent<ParticipantChanged> changedParticipants() {
        return changedParticipants;
    }

    public FakeCallStatistics statistics() {
        return statistics;
    }

    public TokenSigner signer() {
        return signer;
    }

    public CallRepository calls() {
        return calls;
    }

    public ParticipantRepository participants() {
        return participants;
    }

    public InviteRepository invites() {
        return invites;
    }

    public SignalingTicketRepository tickets() {
        return tickets;
    }

    public AuditRepository auditEntries() {
        return auditEntries;
    }

    public AuditTrail auditTrail() {
        return auditTrail;
    }

    public CallService callService() {
        return callService;
    }

    public JoinService joinService() {
        return joinService;
    }

    public InviteService inviteService() {
        return inviteService;
    }

    public ParticipantService participantService() {
        return participantService;
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
