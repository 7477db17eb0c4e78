package dev.kaiwa.incontainer;

import dev.kaiwa.call.CallDraft;
import dev.kaiwa.call.CallSettings;
import dev.kaiwa.call.CallType;
import dev.kaiwa.invite.InviteDraft;
import dev.kaiwa.participant.ParticipantRole;
import dev.kaiwa.shared.Actor;
import dev.kaiwa.shared.Caller;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * People and drafts for the in-container tests. Every caller has a subject of its own, so tests
 * sharing the server's database never see each other's calls.
 */
final class Fixtures {
    static final String ORGANIZATION = "in-container";

    private Fixtures() {
    }

    /** An SSO user allowed to create calls. */
    static Caller host() {
        String subject = "host-" + UUID.randomUUID();
        return new Caller(subject, ORGANIZATION, Set.of(Caller.HOST), "Hana Host", subject + "@example.com");
    }

    static Actor.User actor(Caller caller) {
        return new Actor.User(caller);
    }

    /** A video call scheduled at {@code scheduledAt} with room for {@code maxParticipants}. */
    static CallDraft call(Instant scheduledAt, int maxParticipants) {
        return new CallDraft("Design review", CallType.VIDEO, scheduledAt, maxParticipants, CallSettings.defaults(),
                null, null, null);
    }

    /** Far enough ahead that the sweep leaves the call alone. */
    static Instant inAnHour() {
        return Instant.now().plus(Duration.ofHours(1));
    }

    /** Past the sweep's grace: a call scheduled then that nobody joined is due to be marked MISSED. */
    static Instant aMinuteAgo() {
        return Instant.now().minus(Duration.ofMinutes(1));
    }

    /** A single-use invite for a guest, valid for the default time. */
    static InviteDraft guest(String displayName) {
        return new InviteDraft(displayName, null, ParticipantRole.PARTICIPANT, Optional.empty(), true);
    }
}
