package dev.kaiwa.audit;

import static java.util.Objects.requireNonNull;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The head of the chain: the number and hash of the latest entry, in the one row of {@code kw_audit_head}
 * (created by the migration with number 0 and {@link AuditContent#GENESIS_HASH}). Every writer locks this
 * row first, so entries are numbered and linked one transaction at a time, without gaps.
 */
@Entity
@Table(name = "kw_audit_head")
public class AuditHead {
    /** The id of the one row. */
    public static final int ID = 1;

    @Id
    private int id;

    @Column(name = "seq", nullable = false)
    private long sequence;

    @Column(name = "entry_hash", nullable = false)
    private String entryHash;

    protected AuditHead() {
    }

    /** The number and hash of the latest entry; 0 and the genesis hash while the trail is empty. */
    public long sequence() {
        return sequence;
    }

    public String entryHash() {
        return entryHash;
    }

    /** The entry that follows the head, with the hash of the head as its previous hash. */
    AuditEntry next(Instant now, AuditRecord record, String clientAddress) {
        return new AuditEntry(sequence + 1, entryHash, now, record, clientAddress);
    }

    /** {@code entry}, which must follow the head, is the head now. */
    void advance(AuditEntry entry) {
        requireNonNull(entry, "entry is null");
        if (entry.sequence() != sequence + 1 || !entry.previousHash().equals(entryHash)) {
            throw new IllegalStateException("entry " + entry.sequence() + " does not follow the head at " + sequence);
        }
        sequence = entry.sequence();
        entryHash = entry.entryHash();
    }
}
