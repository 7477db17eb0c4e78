package dev.kaiwa.it;

import static dev.kaiwa.it.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the periodic sweep does on its own. The test server sweeps every second, marks scheduled
 * calls nobody joined as MISSED two seconds after their time, and lets tickets expire after five.
 */
class SweepIT {
    private static final Duration SWEEP_PATIENCE = Duration.ofSeconds(15);
    private static final Duration TICKET_PATIENCE = Duration.ofSeconds(25);

    private final Kaiwa kaiwa = new Kaiwa();
    private final ApiClient api = kaiwa.api();
    private final Organization organization = Organization.fresh();
    private final TestUser host = organization.host();

    @Test
    void scheduledCallNobodyJoinedBecomesMissed() {
        String callId = createCallScheduledASecondAgo();

        JsonObject missed = awaitStatus(callId, "MISSED");

        assertThat(missed.getString("status")).isEqualTo("MISSED");
        assertThat(kaiwa.eventTypes(host, callId)).containsExactly("CREATED", "MISSED");
    }

    @Test
    void missedCallCanNeitherBeJoinedNorStarted() {
        String callId = createCallScheduledASecondAgo();
        String inviteToken = kaiwa.invite(host, callId).getString("token");
        awaitStatus(callId, "MISSED");

        assertProblem(api.post("/calls/" + callId + "/join").as(host).send(), 409, "CALL_ALREADY_ENDED");
        assertProblem(api.post("/calls/" + callId + "/start").as(host).send(), 409, "CALL_ALREADY_ENDED");
        Problems.assertOneOf(kaiwa.joinWithInviteRequest(inviteToken, callId).send(),
                Problems.problem(401, "INVITE_INVALID"), Problems.problem(409, "CALL_ALREADY_ENDED"));
    }

    @Test
    void scheduledCallSomeoneJoinedIsNotMissed() {
        String callId = createCallScheduledASecondAgo();
        kaiwa.join(host, callId);
        String unjoinedCallId = createCallScheduledASecondAgo();

        // The unjoined twin going MISSED proves the sweep had its chance at the joined call too.
        awaitStatus(unjoinedCallId, "MISSED");
        Eventually.sleep(Duration.ofSeconds(2));

        assertThat(kaiwa.getCall(host, callId).getString("status")).isEqualTo("SCHEDULED");
    }

    @Test
    void participantWhoNeverUsedTheTicketHasLeft() {
        String callId = kaiwa.createCall(host).getString("id");
        JoinedParticipant guest = kaiwa.guest(host, callId, "PARTICIPANT");
        Instant ticketExpiresAt = Times.instant(guest.response(), "ticketExpiresAt");

        JsonObject left = Eventually.await("participant " + guest.participantId() + " to be LEFT", TICKET_PATIENCE,
                () -> kaiwa.participant(host, callId, guest.participantId()),
                participant -> participant.getString("status").equals("LEFT"));

        assertThat(Times.instant(left, "leftAt")).isAfterOrEqualTo(ticketExpiresAt.minusSeconds(1));
        assertThat(kaiwa.events(host, callId)).last().satisfies(event -> {
            assertThat(event.getString("type")).isEqualTo("LEFT");
            assertThat(event.getString("participantId")).isEqualTo(guest.participantId());
        });
    }

    @Test
    void placesOfParticipantsWhoNeverConnectedAreFreedAgain() {
        String callId = kaiwa.createCall(host, CallRequests.videoCall().add("maxParticipants", 2).build())
                .getString("id");
        String inviteToken = kaiwa.invite(host, callId).getString("token");
        JoinedParticipant first = kaiwa.joinWithInvite(inviteToken, callId);
        JoinedParticipant second = kaiwa.joinWithInvite(inviteToken, callId);
        assertProblem(kaiwa.joinWithInviteRequest(inviteToken, callId).send(), 409, "CALL_FULL");

        for (JoinedParticipant guest : List.of(first, second)) {
            Eventually.await("participant " + guest.participantId() + " to be LEFT", TICKET_PATIENCE,
                    () -> kaiwa.participant(host, callId, guest.participantId()),
                    participant -> participant.getString("status").equals("LEFT"));
        }

        assertThat(kaiwa.joinWithInvite(inviteToken, callId).participant().getString("status")).isEqualTo("JOINING");
    }

    private String createCallScheduledASecondAgo() {
        return kaiwa.createCall(host, CallRequests.call("VIDEO", Instant.now().minusSeconds(1)).build()).getString("id");
    }

    private JsonObject awaitStatus(String callId, String status) {
        return Eventually.await("call " + callId + " to be " + status, SWEEP_PATIENCE,
                () -> kaiwa.getCall(host, callId), call -> call.getString("status").equals(status));
    }
}
