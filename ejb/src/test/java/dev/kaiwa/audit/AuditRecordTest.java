package dev.kaiwa.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaiwa.participant.ParticipantRole;
import dev.kaiwa.shared.Actor;
import dev.kaiwa.shared.Caller;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What an audit record says about who did what, and what it refuses to carry. */
class AuditRecordTest {
    private static final Caller ALICE = new Caller("alice", "acme", Set.of(Caller.HOST, Caller.ADMIN), "Alice",
            "alice@acme.test");

    @Test
    void userIsNamedBySubjectWithItsGroupsInItsOwnOrganization() {
        AuditRecord record = AuditRecord.by(new Actor.User(ALICE))
                .did(AuditAction.CALL_ENDED, AuditResourceType.CALL, "call-1");

        assertThat(record.actorType()).isEqualTo(AuditActorType.USER);
        assertThat(record.actorId()).contains("alice");
        assertThat(record.actorRole()).contains("kaiwa-admin,kaiwa-host");
        assertThat(record.organization()).contains("acme");
        assertThat(record.action()).isEqualTo(AuditAction.CALL_ENDED);
        assertThat(record.resourceType()).isEqualTo(AuditResourceType.CALL);
        assertThat(record.resourceId()).contains("call-1");
    }

    @Test
    void theResourcesOrganizationIsTheEntrysOrganization() {
        AuditRecord record = AuditRecord.by(new Actor.User(ALICE)).in("globex");

        assertThat(record.organization()).contains("globex");
    }

    @Test
    void participantIsNamedByItsIdAndRole() {
        AuditRecord token = AuditRecord.by(new Actor.Guest("call-1", "participant-1"));
        AuditRecord signaling = AuditRecord.byParticipant("participant-2", ParticipantRole.HOST.name());

        assertThat(token.actorType()).isEqualTo(AuditActorType.PARTICIPANT);
        assertThat(token.actorId()).contains("participant-1");
        assertThat(token.actorRole()).contains("participant");
        assertThat(token.organization()).isEmpty();
        assertThat(signaling.actorId()).contains("participant-2");
        assertThat(signaling.actorRole()).contains("HOST");
    }

    @Test
    void systemHasNoIdAndMayBelongToNoOrganization() {
        assertThat(AuditRecord.system("acme").actorType()).isEqualTo(AuditActorType.SYSTEM);
        assertThat(AuditRecord.system("acme").actorId()).isEmpty();
        assertThat(AuditRecord.system("acme").organization()).contains("acme");
        assertThat(AuditRecord.system().organization()).isEmpty();
    }

    @Test
    void detailsAreIdsEnumNamesNumbersAndFlagsSortedByKey() {
        AuditRecord record = AuditRecord.system("acme")
                .did(AuditAction.RECORDING_STOPPED, AuditResourceType.RECORDING, "rec-1")
                .with("status", ParticipantRole.HOST)
                .with("callId", "call-1")
                .with("length", 1024L)
                .with("audioOnly", true)
                .with("participantId", null);

        assertThat(record.details()).containsExactly(Map.entry("audioOnly", "true"), Map.entry("callId", "call-1"),
                Map.entry("length", "1024"), Map.entry("status", "HOST"));
    }

    @Test
    void eachStepLeavesTheRecordItStartedFromAsItWas() {
        AuditRecord base = AuditRecord.system("acme").did(AuditAction.CALL_ENDED, AuditResourceType.CALL, "call-1");

        AuditRecord more = base.with("from", "PAUSED");

        assertThat(base.details()).isEmpty();
        assertThat(more.details()).containsEntry("from", "PAUSED");
    }

    @Test
    void detailsThatCouldCarryMoreThanAnIdAreRefused() {
        AuditRecord record = AuditRecord.system("acme");

        assertThatThrownBy(() -> record.with("email", ALICE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> record.with("at", Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> record.with("ids", List.of("a"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> record.with("note", "x".repeat(AuditRecord.MAX_VALUE + 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void detailKeysAreShortCamelCaseWords() {
        AuditRecord record = AuditRecord.system("acme");

        assertThatThrownBy(() -> record.with("Call id", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> record.with("call.id", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> record.with("", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> record.with("a".repeat(41), "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEntryCarriesAtMostSixteenDetails() {
        AuditRecord record = AuditRecord.system("acme");
        for (int i = 0; i < AuditRecord.MAX_DETAILS; i++) {
            record = record.with("key" + i, i);
        }
        AuditRecord full = record;

        assertThat(full.details()).hasSize(AuditRecord.MAX_DETAILS);
        assertThatThrownBy(() -> full.with("oneMore", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recordWithoutAnActionCannotBeWritten() {
        AuditRecord record = AuditRecord.system("acme").with("callId", "call-1");

        assertThatThrownBy(record::action).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new AuditEntry(1, AuditContent.GENESIS_HASH, Instant.EPOCH, record, null))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void actionsOfPeopleBelongToAnOrganization() {
        AuditRecord record = AuditRecord.by(new Actor.Guest("call-1", "participant-1"))
                .did(AuditAction.CONSENT_GRANTED, AuditResourceType.CONSENT, "consent-1");

        assertThatThrownBy(() -> new AuditEntry(1, AuditContent.GENESIS_HASH, Instant.EPOCH, record, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void storedDetailsReadBackAsTheyWereGiven() {
        AuditRecord record = AuditRecord.system("acme")
                .did(AuditAction.PARTICIPANT_REMOVED, AuditResourceType.PARTICIPANT, "p-1")
                .with("callId", "call \"1\"\n").with("role", ParticipantRole.CO_HOST);

        AuditEntry entry = new AuditEntry(1, AuditContent.GENESIS_HASH, Instant.EPOCH, record, "2001:db8::1");

        assertThat(entry.details()).isEqualTo(record.details());
        assertThat(entry.clientAddress()).contains("2001:db8::1");
    }
}
