package dev.kaiwa.participant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ParticipantStatusTest {
    /** People in the call or on their way in count against its capacity; invited, gone or refused ones do not. */
    private static final Set<ParticipantStatus> OCCUPYING = EnumSet.of(ParticipantStatus.WAITING,
            ParticipantStatus.JOINING, ParticipantStatus.CONNECTED, ParticipantStatus.RECONNECTING);

    @ParameterizedTest
    @EnumSource(ParticipantStatus.class)
    void onlyPeopleInTheCallOrOnTheirWayInOccupyAPlace(ParticipantStatus status) {
        assertThat(status.occupiesPlace()).isEqualTo(OCCUPYING.contains(status));
    }
}
