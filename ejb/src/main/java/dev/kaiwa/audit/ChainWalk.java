package dev.kaiwa.audit;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Checks the audit trail entry by entry in sequence order, as {@link AuditTrail#verify} reads it: each
 * entry must carry the next number, link to the hash of the one before it, and hash to its stored hash;
 * the entry at the anchor's number must have the anchor's hash. Stops at the first entry that does not
 * check out; {@link #finish} then compares the last entry with the chain head.
 */
public final class ChainWalk {
    private final Optional<ChainAnchor> anchor;
    private long expectedSequence = 1;
    private String previousHash = AuditContent.GENESIS_HASH;
    private boolean anchorChecked;
    private Found broken;

    public ChainWalk(Optional<ChainAnchor> anchor) {
        this.anchor = anchor;
    }

    /** The next entry in sequence order; false once the chain is broken (later entries need not be read). */
    public boolean accept(AuditContent content, String storedHash) {
        if (broken != null) {
            return false;
        }
        long sequence = content.sequence();
        if (sequence != expectedSequence) {
            return fail(expectedSequence, ChainBreak.ENTRY_MISSING, "expected entry " + expectedSequence + ", found "
                    + sequence);
        }
        if (!previousHash.equals(content.previousHash())) {
            return fail(sequence, ChainBreak.LINK_BROKEN, "entry " + sequence + " links to " + content.previousHash()
                    + ", but entry " + (sequence - 1) + " hashes to " + previousHash);
        }
        String computed = content.hash();
        if (!computed.equals(storedHash)) {
            return fail(sequence, ChainBreak.CONTENT_ALTERED, "entry " + sequence + " hashes to " + computed
                    + ", but " + storedHash + " is stored");
        }
        if (anchor.isPresent() && anchor.get().sequence() == sequence) {
            anchorChecked = true;
            if (!anchor.get().hash().equals(storedHash)) {
                return fail(sequence, ChainBreak.ANCHOR_MISMATCH, "entry " + sequence + " hashes to " + storedHash
                        + ", but the anchor says " + anchor.get().hash());
            }
        }
        expectedSequence = sequence + 1;
        previousHash = storedHash;
        return true;
    }

    /**
     * The outcome, given the chain head read before the walk, the number of entries up to it, and the highest
     * number stored beyond every head written since (none when the head accounts for every entry).
     */
    public ChainVerification finish(long headSequence, String headHash, long entries, OptionalLong strayBeyondHead) {
        long last = expectedSequence - 1;
        if (broken == null && strayBeyondHead.isPresent()) {
            fail(headSequence + 1, ChainBreak.HEAD_MISMATCH, "entries up to " + strayBeyondHead.getAsLong()
                    + " are stored beyond the head at " + headSequence);
        }
        if (broken == null && (headSequence != last || !previousHash.equals(headHash))) {
            fail(Math.min(headSequence, last) + (headSequence == last ? 0 : 1), ChainBreak.HEAD_MISMATCH,
                    "the head names entry " + headSequence + " with hash " + headHash + ", but the last entry is "
                            + last + " with hash " + previousHash);
        }
        if (broken == null && anchor.isPresent() && !anchorChecked) {
            fail(last + 1, ChainBreak.ANCHOR_MISSING, "the anchor names entry " + anchor.get().sequence()
                    + ", but the chain ends at " + last);
        }
        if (broken == null) {
            return new ChainVerification(true, entries, headSequence, headHash, Optional.empty(), Optional.empty(),
                    Optional.empty(), anchorChecked);
        }
        return new ChainVerification(false, entries, headSequence, headHash, Optional.of(broken.sequence()),
                Optional.of(broken.reason()), Optional.of(broken.detail()), anchorChecked);
    }

    private boolean fail(long sequence, ChainBreak reason, String detail) {
        broken = new Found(sequence, reason, detail);
        return false;
    }

    private record Found(long sequence, ChainBreak reason, String detail) {
    }
}
