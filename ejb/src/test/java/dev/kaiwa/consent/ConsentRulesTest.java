package dev.kaiwa.consent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaiwa.call.RecordingPolicy;
import dev.kaiwa.consent.ConsentRules.Capture;
import dev.kaiwa.consent.ConsentRules.Person;
import dev.kaiwa.participant.ParticipantRole;
import dev.kaiwa.participant.ParticipantStatus;
import dev.kaiwa.recording.RecordingKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ConsentRulesTest {
    private static final Capture COMPOSITE = new Capture("r-composite", RecordingKind.COMPOSITE, null);
    private static final Capture AIKO_ALONE = new Capture("r-aiko", RecordingKind.INDIVIDUAL, "aiko");
    private static final Capture KEN_ALONE = new Capture("r-ken", RecordingKind.INDIVIDUAL, "ken");

    @ParameterizedTest
    @EnumSource(value = ParticipantRole.class, names = "VIEWER", mode = EnumSource.Mode.EXCLUDE)
    void requiredPolicyHoldsEveryPublisherUntilItGrants(ParticipantRole role) {
        assertThat(ConsentRules.needsConsentStep(RecordingPolicy.REQUIRED, role, false, false)).isTrue();
        assertThat(ConsentRules.needsConsentStep(RecordingPolicy.REQUIRED, role, false, true)).isTrue();
        assertThat(ConsentRules.needsConsentStep(RecordingPolicy.REQUIRED, role, true, true)).isFalse();
    }

    @Test
    void optionalPolicyAsksOnlyWhileARecordingRuns() {
        assertThat(ConsentRules.needsConsentStep(RecordingPolicy.OPTIONAL, ParticipantRole.PARTICIPANT, false, false))
                .isFalse();
        assertThat(ConsentRules.needsConsentStep(RecordingPolicy.OPTIONAL, ParticipantRole.PARTICIPANT, false, true))
                .isTrue();
        assertThat(ConsentRules.needsConsentStep(RecordingPolicy.OPTIONAL, ParticipantRole.HOST, true, true)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(RecordingPolicy.class)
    void viewersAreNeverHeldBecauseTheyAreNeverRecorded(RecordingPolicy policy) {
        assertThat(ConsentRules.needsConsentStep(policy, ParticipantRole.VIEWER, false, true)).isFalse();
    }

    @Test
    void offPolicyAsksNobody() {
        assertThat(ConsentRules.needsConsentStep(RecordingPolicy.OFF, ParticipantRole.PARTICIPANT, false, true)).isFalse();
    }

    @Test
    void everyPresentPublisherWithoutConsentBlocksAStart() {
        List<Person> people = List.of(
                new Person("host", ParticipantRole.HOST, ParticipantStatus.CONNECTED),
                new Person("aiko", ParticipantRole.PARTICIPANT, ParticipantStatus.CONNECTED),
                new Person("ken", ParticipantRole.PARTICIPANT, ParticipantStatus.RECONNECTING),
                new Person("viewer", ParticipantRole.VIEWER, ParticipantStatus.CONNECTED),
                new Person("gone", ParticipantRole.PARTICIPANT, ParticipantStatus.LEFT),
                new Person("waiting", ParticipantRole.PARTICIPANT, ParticipantStatus.WAITING));

        List<String> missing = ConsentRules.withoutConsent(people, Map.of("host", true, "aiko", false));

        assertThat(missing).containsExactly("aiko", "ken");
        assertThat(ConsentRules.withoutConsent(people, Map.of("host", true, "aiko", true, "ken", true))).isEmpty();
    }

    @Test
    void withdrawalStopsCompositeRecordingsAndOnlyTheWithdrawersOwn() {
        List<Capture> stopped = ConsentRules.stoppedByWithdrawal("aiko", List.of(COMPOSITE, AIKO_ALONE, KEN_ALONE));

        assertThat(stopped).containsExactly(COMPOSITE, AIKO_ALONE);
    }

    @Test
    void withdrawalOfSomeoneWithoutOwnRecordingStopsOnlyComposites() {
        assertThat(ConsentRules.stoppedByWithdrawal("mei", List.of(AIKO_ALONE, KEN_ALONE))).isEmpty();
    }

    @Test
    void unconsentedJoinStopsEverythingRunning() {
        assertThat(ConsentRules.stoppedByUnconsentedJoin(List.of(COMPOSITE, KEN_ALONE))).containsExactly(COMPOSITE,
                KEN_ALONE);
    }

    @Test
    void requiredCallsStartRecordingByThemselvesWhileRunningWithoutAComposite() {
        assertThat(ConsentRules.startsAutomatically(RecordingPolicy.REQUIRED, true, false)).isTrue();
        assertThat(ConsentRules.startsAutomatically(RecordingPolicy.REQUIRED, true, true)).isFalse();
        assertThat(ConsentRules.startsAutomatically(RecordingPolicy.REQUIRED, false, false)).isFalse();
        assertThat(ConsentRules.startsAutomatically(RecordingPolicy.OPTIONAL, true, false)).isFalse();
    }
}
