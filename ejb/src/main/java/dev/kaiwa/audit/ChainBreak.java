package dev.kaiwa.audit;

/** Why a verification of the audit trail failed, at the first entry that does not check out. */
public enum ChainBreak {
    /** The entry with the expected number is not there: removed, or renumbered. */
    ENTRY_MISSING,
    /** The entry's previous hash is not the hash of the entry before it: one of them was replaced or moved. */
    LINK_BROKEN,
    /** The entry's content does not hash to its stored hash: a column was changed. */
    CONTENT_ALTERED,
    /** The chain head does not name the last entry: entries were removed from the end, or the head was changed. */
    HEAD_MISMATCH,
    /** The entry at the anchor's number has another hash than the anchor kept outside: the chain was rewritten. */
    ANCHOR_MISMATCH,
    /** The chain ends before the anchor's number: entries the anchor saw were removed. */
    ANCHOR_MISSING
}
