package dev.kaiwa.audit;

import java.util.List;
import java.util.Optional;

/** The audit trail's entries and its chain head. Entries are added, never changed or removed. */
public interface AuditRepository {
    /**
     * The chain head, locked for the rest of the transaction: the caller appends the next entry and moves
     * the head. Pending writes of the transaction go to the database first, so they take their row locks
     * before the head's, and the head, which every writer waits for, stays locked only for the entry itself.
     */
    AuditHead lockHead();

    /** The chain head as the database holds it now, without a lock. */
    ChainHead head();

    void append(AuditEntry entry);

    /** The organization's entries matching the filter, newest first, below {@code beforeSequence} if given. */
    List<AuditEntry> list(String organization, AuditFilter filter, Optional<Long> beforeSequence, int limit);

    /**
     * Entries numbered above {@code afterSequence} and at most {@code upToSequence}, oldest first, detached
     * from the persistence context (a walk of the whole trail keeps no more than one batch in memory).
     */
    List<AuditEntry> chain(long afterSequence, long upToSequence, int limit);

    /** How many entries are numbered at most {@code upToSequence}. */
    long count(long upToSequence);

    /** The highest number stored, 0 when there is none. */
    long highestSequence();
}
