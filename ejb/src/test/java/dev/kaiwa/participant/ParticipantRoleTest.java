package dev.kaiwa.participant;

import static dev.kaiwa.participant.ParticipantRole.CO_HOST;
import static dev.kaiwa.participant.ParticipantRole.HOST;
import static dev.kaiwa.participant.ParticipantRole.MODERATOR;
import static dev.kaiwa.participant.ParticipantRole.PARTICIPANT;
import static dev.kaiwa.participant.ParticipantRole.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The role rules of DESIGN.md, written out as tables and checked for every combination of roles:
 * hosts (HOST, CO_HOST) invite and change roles, a CO_HOST never grants or changes HOST, moderators
 * (hosts and MODERATOR) moderate.
 */
class ParticipantRoleTest {
    private static final Set<ParticipantRole> HOSTS = EnumSet.of(HOST, CO_HOST);
    private static final Set<ParticipantRole> MODERATORS = EnumSet.of(HOST, CO_HOST, MODERATOR);
    private static final Set<ParticipantRole> BELOW_HOST = EnumSet.of(CO_HOST, MODERATOR, PARTICIPANT, VIEWER);

    /** Which roles each role may put on an invite. */
    private static final Map<ParticipantRole, Set<ParticipantRole>> INVITABLE = invitable();

    private static Map<ParticipantRole, Set<ParticipantRole>> invitable() {
        Map<ParticipantRole, Set<ParticipantRole>> table = new EnumMap<>(ParticipantRole.class);
        table.put(HOST, BELOW_HOST);
        table.put(CO_HOST, BELOW_HOST);
        table.put(MODERATOR, EnumSet.noneOf(ParticipantRole.class));
        table.put(PARTICIPANT, EnumSet.noneOf(ParticipantRole.class));
        table.put(VIEWER, EnumSet.noneOf(ParticipantRole.class));
        return table;
    }

    static Stream<Arguments> everyPair() {
        return Arrays.stream(ParticipantRole.values())
                .flatMap(actor -> Arrays.stream(ParticipantRole.values()).map(other -> Arguments.of(actor, other)));
    }

    static Stream<Arguments> everyTriple() {
        return everyPair().flatMap(pair -> Arrays.stream(ParticipantRole.values())
                .map(granted -> Arguments.of(pair.get()[0], pair.get()[1], granted)));
    }

    @Test
    void tablesCoverEveryRole() {
        assertThat(INVITABLE).containsOnlyKeys(ParticipantRole.values());
        assertThat(everyTriple().count()).isEqualTo(125);
    }

    @ParameterizedTest
    @EnumSource(ParticipantRole.class)
    void onlyHostAndCoHostAreHosts(ParticipantRole role) {
        assertThat(role.isHost()).isEqualTo(HOSTS.contains(role));
    }

    @ParameterizedTest
    @EnumSource(ParticipantRole.class)
    void onlyHostsAndModeratorsModerate(ParticipantRole role) {
        assertThat(role.mayModerate()).isEqualTo(MODERATORS.contains(role));
    }

    @ParameterizedTest(name = "{0} invites as {1}")
    @MethodSource("everyPair")
    void hostsInviteAsAnyRoleButHost(ParticipantRole inviter, ParticipantRole granted) {
        assertThat(inviter.mayInviteAs(granted)).isEqualTo(INVITABLE.get(inviter).contains(granted));
    }

    @ParameterizedTest(name = "{0} changes {1} to {2}")
    @MethodSource("everyTriple")
    void roleChangesFollowTheHostRules(ParticipantRole actor, ParticipantRole current, ParticipantRole granted) {
        boolean expected = switch (actor) {
            case HOST -> true;
            case CO_HOST -> BELOW_HOST.contains(current) && BELOW_HOST.contains(granted);
            case MODERATOR, PARTICIPANT, VIEWER -> false;
        };

        assertThat(actor.mayChangeRole(current, granted)).isEqualTo(expected);
    }

    @Test
    void coHostCanNeitherGrantNorTakeAwayHost() {
        assertThat(CO_HOST.mayChangeRole(PARTICIPANT, HOST)).isFalse();
        assertThat(CO_HOST.mayChangeRole(HOST, CO_HOST)).isFalse();
        assertThat(CO_HOST.mayInviteAs(HOST)).isFalse();
        assertThat(HOST.mayChangeRole(HOST, CO_HOST)).isTrue();
    }

    @Test
    void moderatorModeratesButNeitherInvitesNorChangesRoles() {
        assertThat(MODERATOR.mayModerate()).isTrue();
        assertThat(MODERATOR.isHost()).isFalse();
        assertThat(Arrays.stream(ParticipantRole.values()).noneMatch(MODERATOR::mayInviteAs)).isTrue();
        assertThat(MODERATOR.mayChangeRole(VIEWER, PARTICIPANT)).isFalse();
    }
}
