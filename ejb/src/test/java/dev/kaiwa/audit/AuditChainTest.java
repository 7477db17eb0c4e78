package dev.kaiwa.audit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kaiwa.shared.Actor;
import dev.kaiwa.shared.Caller;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The hash chain without a database: the canonical content an entry's hash covers, the links between
 * entries, and a walk that finds the first entry that was altered, removed or moved.
 */
class AuditChainTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00.000001Z");
    private static final Caller AUDITED = new Caller("alice", "acme", Set.of(Caller.HOST, Caller.ADMIN), "Alice",
            "alice@acme.test");

    @Test
    void canonicalContentListsEveryFieldInAFixedOrderWithLengthPrefixes() {
        AuditContent content = new AuditContent(7, AuditContent.GENESIS_HASH, T0, "acme", "USER", "alice",
                "kaiwa-admin,kaiwa-host", "CALL_ENDED", "CALL", "call-1", "192.0.2.10", "{\"from\":\"IN_PROGRESS\"}");

        assertThat(content.canonical()).isEqualTo("""
                kaiwa-audit-v1
                sequence:1:7
                previousHash:64:0000000000000000000000000000000000000000000000000000000000000000
                occurredAt:27:2026-03-02T09:00:00.000001Z
                organization:4:acme
                actorType:4:USER
                actorId:5:alice
                actorRole:22:kaiwa-admin,kaiwa-host
                action:10:CALL_ENDED
                resourceType:4:CALL
                resourceId:6:call-1
                clientAddress:10:192.0.2.10
                details:22:{"from":"IN_PROGRESS"}
                """);
    }

    @Test
    void missingValuesAreWrittenAsADashAndNotAsEmptyText() {
        AuditContent none = content(1, AuditContent.GENESIS_HASH, null);
        AuditContent empty = content(1, AuditContent.GENESIS_HASH, "");

        assertThat(none.canonical()).contains("\nclientAddress:-\n");
        assertThat(empty.canonical()).contains("\nclientAddress:0:\n");
        assertThat(none.hash()).isNotEqualTo(empty.hash());
    }

    @Test
    void hashIsTheSha256OfTheCanonicalContentInLowerCaseHex() throws Exception {
        AuditContent content = content(3, "ab".repeat(32), "192.0.2.10");

        byte[] expected = MessageDigest.getInstance("SHA-256").digest(content.canonical().getBytes(UTF_8));

        assertThat(content.hash()).isEqualTo(HexFormat.of().formatHex(expected)).matches("[0-9a-f]{64}");
    }

    @Test
    void lengthPrefixesKeepValuesFromSpillingIntoTheNextField() {
        AuditContent one = new AuditContent(1, AuditContent.GENESIS_HASH, T0, "acme", "USER", "a\nactorRole:1:b",
                null, "CALL_ENDED", "CALL", "c", null, "{}");
        AuditContent other = new AuditContent(1, AuditContent.GENESIS_HASH, T0, "acme", "USER", "a", "b",
                "CALL_ENDED", "CALL", "c", null, "{}");

        assertThat(one.hash()).isNotEqualTo(other.hash());
    }

    @Test
    void everyStoredFieldIsCoveredByTheHash() {
        AuditContent original = new AuditContent(5, "ab".repeat(32), T0, "acme", "USER", "alice", "kaiwa-host",
                "CALL_ENDED", "CALL", "call-1", "192.0.2.10", "{}");
        List<AuditContent> changed = List.of(
                new AuditContent(6, "ab".repeat(32), T0, "acme", "USER", "alice", "kaiwa-host", "CALL_ENDED", "CALL",
                        "call-1", "192.0.2.10", "{}"),
                new AuditContent(5, "cd".repeat(32), T0, "acme", "USER", "alice", "kaiwa-host", "CALL_ENDED", "CALL",
                        "call-1", "192.0.2.10", "{}"),
                new AuditContent(5, "ab".repeat(32), T0.plusNanos(1000), "acme", "USER", "alice", "kaiwa-host",
                        "CALL_ENDED", "CALL", "call-1", "192.0.2.10", "{}"),
                new AuditContent(5, "ab".repeat(32), T0, "globex", "USER", "alice", "kaiwa-host", "CALL_ENDED", "CALL",
                        "call-1", "192.0.2.10", "{}"),
                new AuditContent(5, "ab".repeat(32), T0, "acme", "SYSTEM", "alice", "kaiwa-host", "CALL_ENDED", "CALL",
                        "call-1", "192.0.2.10", "{}"),
                new AuditContent(5, "ab".repeat(32), T0, "acme", "USER", "mallory", "kaiwa-host", "CALL_ENDED", "CALL",
                        "call-1", "192.0.2.10", "{}"),
                new AuditContent(5, "ab".repeat(32), T0, "acme", "USER", "alice", "kaiwa-admin", "CALL_ENDED", "CALL",
                        "call-1", "192.0.2.10", "{}"),
                new AuditContent(5, "ab".repeat(32), T0, "acme", "USER", "alice", "kaiwa-host", "CALL_CANCELLED",
                        "CALL", "call-1", "192.0.2.10", "{}"),
                new AuditContent(5, "ab".repeat(32), T0, "acme", "USER", "alice", "kaiwa-host", "CALL_ENDED",
                        "RECORDING", "call-1", "192.0.2.10", "{}"),
                new AuditContent(5, "ab".repeat(32), T0, "acme", "USER", "alice", "kaiwa-host", "CALL_ENDED", "CALL",
                        "call-2", "192.0.2.10", "{}"),
                new AuditContent(5, "ab".repeat(32), T0, "acme", "USER", "alice", "kaiwa-host", "CALL_ENDED", "CALL",
                        "call-1", "192.0.2.11", "{}"),
                new AuditContent(5, "ab".repeat(32), T0, "acme", "USER", "alice", "kaiwa-host", "CALL_ENDED", "CALL",
                        "call-1", "192.0.2.10", "{\"from\":\"PAUSED\"}"));

        assertThat(changed).extracting(AuditContent::hash).doesNotContain(original.hash()).doesNotHaveDuplicates();
    }

    @Test
    void entriesLinkToTheHashOfTheEntryBeforeThem() {
        List<AuditEntry> chain = chain(3);

        assertThat(chain.get(0).previousHash()).isEqualTo(AuditContent.GENESIS_HASH);
        assertThat(chain.get(1).previousHash()).isEqualTo(chain.get(0).entryHash());
        assertThat(chain.get(2).previousHash()).isEqualTo(chain.get(1).entryHash());
        assertThat(chain).allSatisfy(entry -> assertThat(entry.entryHash()).isEqualTo(entry.content().hash()));
        assertThat(chain).extracting(AuditEntry::sequence).containsExactly(1L, 2L, 3L);
    }

    @Test
    void entryTimeIsKeptToTheMicrosecondTheDatabasesStore() {
        AuditEntry entry = new AuditEntry(1, AuditContent.GENESIS_HASH, T0.plusNanos(999),
                AuditRecord.system("acme").did(AuditAction.PURGE_RUN_STARTED, AuditResourceType.PURGE_RUN, "1"), null);

        assertThat(entry.occurredAt()).isEqualTo(T0);
        assertThat(entry.entryHash()).isEqualTo(entry.content().hash());
    }

    @Test
    void intactChainIsValidAndReportsItsHead() {
        List<AuditEntry> chain = chain(5);

        ChainVerification verification = verify(contents(chain), hashes(chain), 5, chain.get(4).entryHash());

        assertThat(verification.valid()).isTrue();
        assertThat(verification.entries()).isEqualTo(5);
        assertThat(verification.headSequence()).isEqualTo(5);
        assertThat(verification.headHash()).isEqualTo(chain.get(4).entryHash());
        assertThat(verification.firstBrokenSequence()).isEmpty();
        assertThat(verification.reason()).isEmpty();
    }

    @Test
    void emptyChainIsValid() {
        ChainVerification verification = verify(List.of(), List.of(), 0, AuditContent.GENESIS_HASH);

        assertThat(verification.valid()).isTrue();
        assertThat(verification.entries()).isZero();
    }

    @Test
    void alteredEntryIsTheFirstBrokenOne() {
        List<AuditEntry> chain = chain(5);
        List<AuditContent> contents = contents(chain);
        AuditContent third = contents.get(2);
        contents.set(2, new AuditContent(third.sequence(), third.previousHash(), third.occurredAt(),
                third.organization(), third.actorType(), "mallory", third.actorRole(), third.action(),
                third.resourceType(), third.resourceId(), third.clientAddress(), third.details()));

        ChainVerification verification = verify(contents, hashes(chain), 5, chain.get(4).entryHash());

        assertBroken(verification, 3, ChainBreak.CONTENT_ALTERED);
    }

    @Test
    void alteredEntryWithARecomputedHashBreaksTheLinkOfTheNextOne() {
        List<AuditEntry> chain = chain(5);
        List<AuditContent> contents = contents(chain);
        List<String> hashes = hashes(chain);
        AuditContent third = contents.get(2);
        AuditContent forged = new AuditContent(third.sequence(), third.previousHash(), third.occurredAt(),
                third.organization(), third.actorType(), third.actorId(), third.actorRole(), "CALL_CANCELLED",
                third.resourceType(), third.resourceId(), third.clientAddress(), third.details());
        contents.set(2, forged);
        hashes.set(2, forged.hash());

        ChainVerification verification = verify(contents, hashes, 5, chain.get(4).entryHash());

        assertBroken(verification, 4, ChainBreak.LINK_BROKEN);
    }

    @Test
    void removedEntryIsReportedAsMissing() {
        List<AuditEntry> chain = chain(5);
        List<AuditContent> contents = contents(chain);
        List<String> hashes = hashes(chain);
        contents.remove(1);
        hashes.remove(1);

        ChainVerification verification = verify(contents, hashes, 5, chain.get(4).entryHash());

        assertBroken(verification, 2, ChainBreak.ENTRY_MISSING);
    }

    @Test
    void removedEntryRenumberedAwayStillBreaksTheLink() {
        List<AuditEntry> chain = chain(5);
        List<AuditContent> contents = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        for (AuditEntry entry : chain) {
            if (entry.sequence() == 2) {
                continue;
            }
            AuditContent content = entry.content();
            long renumbered = entry.sequence() > 2 ? entry.sequence() - 1 : entry.sequence();
            contents.add(new AuditContent(renumbered, content.previousHash(), content.occurredAt(),
                    content.organization(), content.actorType(), content.actorId(), content.actorRole(),
                    content.action(), content.resourceType(), content.resourceId(), content.clientAddress(),
                    content.details()));
            hashes.add(entry.entryHash());
        }

        ChainVerification verification = verify(contents, hashes, 4, chain.get(4).entryHash());

        assertBroken(verification, 2, ChainBreak.LINK_BROKEN);
    }

    @Test
    void swappedEntriesBreakTheChainWhereTheFirstOneWas() {
        List<AuditEntry> chain = chain(5);
        List<AuditContent> contents = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        for (int index : new int[] {0, 2, 1, 3, 4}) {
            AuditEntry entry = chain.get(index);
            AuditContent content = entry.content();
            // Swapped by their numbers, as an UPDATE of the seq column would.
            long sequence = index == 2 ? 2 : index == 1 ? 3 : entry.sequence();
            contents.add(new AuditContent(sequence, content.previousHash(), content.occurredAt(),
                    content.organization(), content.actorType(), content.actorId(), content.actorRole(),
                    content.action(), content.resourceType(), content.resourceId(), content.clientAddress(),
                    content.details()));
            hashes.add(entry.entryHash());
        }

        ChainVerification verification = verify(contents, hashes, 5, chain.get(4).entryHash());

        assertBroken(verification, 2, ChainBreak.LINK_BROKEN);
    }

    @Test
    void entriesReadOutOfOrderAreCaughtAtTheFirstMisplacedOne() {
        List<AuditEntry> chain = chain(4);
        List<AuditEntry> reordered = List.of(chain.get(0), chain.get(2), chain.get(1), chain.get(3));

        ChainVerification verification = verify(contents(reordered), hashes(reordered), 4, chain.get(3).entryHash());

        assertBroken(verification, 2, ChainBreak.ENTRY_MISSING);
    }

    @Test
    void entriesRemovedFromTheEndDisagreeWithTheHead() {
        List<AuditEntry> chain = chain(5);
        List<AuditEntry> shortened = chain.subList(0, 3);

        ChainVerification verification = verify(contents(shortened), hashes(shortened), 5, chain.get(4).entryHash());

        assertBroken(verification, 4, ChainBreak.HEAD_MISMATCH);
    }

    @Test
    void headMovedToAnotherHashIsAMismatch() {
        List<AuditEntry> chain = chain(3);

        ChainVerification verification = verify(contents(chain), hashes(chain), 3, "ef".repeat(32));

        assertBroken(verification, 3, ChainBreak.HEAD_MISMATCH);
    }

    @Test
    void entriesStoredBeyondTheHeadAreAMismatch() {
        List<AuditEntry> chain = chain(3);
        ChainWalk walk = new ChainWalk(Optional.empty());
        chain.forEach(entry -> walk.accept(entry.content(), entry.entryHash()));

        ChainVerification verification = walk.finish(3, chain.get(2).entryHash(), 3, OptionalLong.of(5));

        assertBroken(verification, 4, ChainBreak.HEAD_MISMATCH);
    }

    @Test
    void anchorMatchingItsEntryIsChecked() {
        List<AuditEntry> chain = chain(5);
        ChainAnchor anchor = new ChainAnchor(3, chain.get(2).entryHash().toUpperCase());

        ChainVerification verification = verify(contents(chain), hashes(chain), 5, chain.get(4).entryHash(), anchor);

        assertThat(verification.valid()).isTrue();
        assertThat(verification.anchorChecked()).isTrue();
    }

    @Test
    void chainRewrittenWithRecomputedHashesIsCaughtOnlyByTheAnchor() {
        List<AuditEntry> original = chain(5);
        ChainAnchor anchor = new ChainAnchor(4, original.get(3).entryHash());
        List<AuditEntry> rewritten = new ArrayList<>(original.subList(0, 1));
        AuditEntry previous = rewritten.get(0);
        for (int sequence = 2; sequence <= 5; sequence++) {
            AuditEntry forged = new AuditEntry(sequence, previous.entryHash(), T0.plusSeconds(sequence),
                    AuditRecord.by(new Actor.User(AUDITED)).did(AuditAction.CALL_CANCELLED, AuditResourceType.CALL,
                            "call-" + sequence), null);
            rewritten.add(forged);
            previous = forged;
        }

        ChainVerification withoutAnchor = verify(contents(rewritten), hashes(rewritten), 5, previous.entryHash());
        ChainVerification withAnchor = verify(contents(rewritten), hashes(rewritten), 5, previous.entryHash(), anchor);

        assertThat(withoutAnchor.valid()).isTrue();
        assertBroken(withAnchor, 4, ChainBreak.ANCHOR_MISMATCH);
    }

    @Test
    void anchorBeyondTheEndOfTheChainIsMissing() {
        List<AuditEntry> chain = chain(3);

        ChainVerification verification = verify(contents(chain), hashes(chain), 3, chain.get(2).entryHash(),
                new ChainAnchor(7, "ab".repeat(32)));

        assertBroken(verification, 4, ChainBreak.ANCHOR_MISSING);
        assertThat(verification.anchorChecked()).isFalse();
    }

    @Test
    void walkStopsReadingAtTheFirstBreak() {
        List<AuditEntry> chain = chain(3);
        ChainWalk walk = new ChainWalk(Optional.empty());

        assertThat(walk.accept(chain.get(0).content(), chain.get(0).entryHash())).isTrue();
        assertThat(walk.accept(chain.get(2).content(), chain.get(2).entryHash())).isFalse();
        assertThat(walk.accept(chain.get(1).content(), chain.get(1).entryHash())).isFalse();
    }

    private static void assertBroken(ChainVerification verification, long sequence, ChainBreak reason) {
        assertThat(verification.valid()).as("valid").isFalse();
        assertThat(verification.firstBrokenSequence()).as("first broken sequence").contains(sequence);
        assertThat(verification.reason()).contains(reason);
        assertThat(verification.detail()).isPresent();
    }

    private static ChainVerification verify(List<AuditContent> contents, List<String> hashes, long headSequence,
            String headHash, ChainAnchor... anchor) {
        ChainWalk walk = new ChainWalk(anchor.length == 0 ? Optional.empty() : Optional.of(anchor[0]));
        for (int i = 0; i < contents.size(); i++) {
            if (!walk.accept(contents.get(i), hashes.get(i))) {
                break;
            }
        }
        return walk.finish(headSequence, headHash, contents.size(), OptionalLong.empty());
    }

    /** A chain of {@code length} entries as the trail writes them. */
    private static List<AuditEntry> chain(int length) {
        List<AuditEntry> chain = new ArrayList<>();
        String previous = AuditContent.GENESIS_HASH;
        for (int sequence = 1; sequence <= length; sequence++) {
            AuditRecord record = AuditRecord.by(new Actor.User(AUDITED))
                    .did(AuditAction.CALL_ENDED, AuditResourceType.CALL, "call-" + sequence)
                    .with("from", "IN_PROGRESS");
            AuditEntry entry = new AuditEntry(sequence, previous, T0.plus(Duration.ofSeconds(sequence)), record,
                    "192.0.2.10");
            chain.add(entry);
            previous = entry.entryHash();
        }
        return chain;
    }

    private static List<AuditContent> contents(List<AuditEntry> entries) {
        return new ArrayList<>(entries.stream().map(AuditEntry::content).toList());
    }

    private static List<String> hashes(List<AuditEntry> entries) {
        return new ArrayList<>(entries.stream().map(AuditEntry::entryHash).toList());
    }

    private static AuditContent content(long sequence, String previousHash, String clientAddress) {
        return new AuditContent(sequence, previousHash, T0, "acme", "SYSTEM", null, null, "PURGE_RUN_STARTED",
                "PURGE_RUN", "run-1", clientAddress, "{}");
    }
}
