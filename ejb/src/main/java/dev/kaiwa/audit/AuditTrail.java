package dev.kaiwa.audit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.kaiwa.shared.Caller;
import dev.kaiwa.shared.DomainException;
import dev.kaiwa.shared.ErrorCode;
import dev.kaiwa.shared.Page;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The audit trail: features record entries in the transaction of the change they record; the
 * organization's auditors and admins list them and verify the whole chain.
 *
 * <p>Writers take a lock on the one-row chain head, number their entry with the next sequence number, link
 * it to the head's hash and move the head, all in their own transaction: entries are numbered without gaps
 * in commit order, and an entry exists exactly when its change was committed.
 */
@Stateless
public class AuditTrail {
    /** Entries read per query while verifying. */
    static final int VERIFY_BATCH = 500;
    private static final String CURSOR_PREFIX = "audit.";

    @Inject
    AuditRepository entries;

    @Inject
    RequestOrigin origin;

    @Inject
    Clock clock;

    /**
     * Appends an entry for {@code record} to the chain, in the caller's transaction (there must be one, so
     * the entry commits or rolls back with the change it records). The client address is the current
     * request's, if a request started this.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public AuditEntry record(AuditRecord record) {
        requireNonNull(record, "record is null");
        record.action();
        String clientAddress = clientAddress();
        AuditHead head = entries.lockHead();
        AuditEntry entry = head.next(clock.instant(), record, clientAddress);
        entries.append(entry);
        head.advance(entry);
        return entry;
    }

    /** The caller's organization's entries, newest first; only its auditors and admins. */
    public Page<AuditEntry> list(Caller caller, AuditFilter filter, Optional<String> cursor, Integer limit) {
        requireAuditor(caller);
        int size = Page.checkLimit(limit);
        if (filter.from().isPresent() && filter.to().isPresent() && !filter.from().get().isBefore(filter.to().get())) {
            throw DomainException.invalidField("to", "must be after from");
        }
        List<AuditEntry> rows = entries.list(caller.organization(), filter, cursor.map(AuditTrail::decodeCursor),
                size + 1);
        List<AuditEntry> items = rows.size() > size ? rows.subList(0, size) : rows;
        Optional<String> next = rows.size() > size
                ? Optional.of(encodeCursor(items.get(size - 1).sequence()))
                : Optional.empty();
        return new Page<>(items, next);
    }

    /**
     * Walks the whole chain in order (every organization's entries: they form one chain) and checks each
     * entry's number, link and hash, the head, and the anchor if one is given. Only auditors and admins.
     */
    public ChainVerification verify(Caller caller, Optional<ChainAnchor> anchor) {
        requireAuditor(caller);
        ChainHead head = entries.head();
        ChainWalk walk = new ChainWalk(anchor);
        long after = 0;
        boolean intact = true;
        while (intact) {
            List<AuditEntry> batch = entries.chain(after, head.sequence(), VERIFY_BATCH);
            for (AuditEntry entry : batch) {
                intact = walk.accept(entry.content(), entry.entryHash());
                if (!intact) {
                    break;
                }
            }
            if (batch.size() < VERIFY_BATCH) {
                break;
            }
            after = batch.get(batch.size() - 1).sequence();
        }
        // Entries committed during the walk lie beyond the head read before it; a head read now covers them.
        // Entries beyond even that head were stored without moving the head, or the head was moved back.
        long highest = entries.highestSequence();
        OptionalLong stray = OptionalLong.empty();
        if (highest > head.sequence() && highest > entries.head().sequence()) {
            stray = OptionalLong.of(highest);
        }
        return walk.finish(head.sequence(), head.hash(), entries.count(head.sequence()), stray);
    }

    /** The REST request's client, else the signaling socket's (see {@link ConnectionOrigin}), else none. */
    private String clientAddress() {
        try {
            Optional<String> requested = origin.clientAddress();
            if (requested.isPresent()) {
                return requested.get();
            }
        }
        catch (ContextNotActiveException e) {
            // no request: a socket message, a timer or a batch job
        }
        return ConnectionOrigin.current().orElse(null);
    }

    private static void requireAuditor(Caller caller) {
        if (!caller.seesWholeOrganization()) {
            throw new DomainException(ErrorCode.FORBIDDEN, "The audit trail is for the organization's auditors and "
                    + "admins");
        }
    }

    static String encodeCursor(long sequence) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((CURSOR_PREFIX + sequence).getBytes(UTF_8));
    }

    static long decodeCursor(String cursor) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), UTF_8);
            if (plain.startsWith(CURSOR_PREFIX)) {
                long sequence = Long.parseLong(plain.substring(CURSOR_PREFIX.length()));
                if (sequence > 0) {
                    return sequence;
                }
            }
        }
        catch (IllegalArgumentException e) {
            // reported below
        }
        throw DomainException.invalidField("cursor", "is not a cursor returned by this list");
    }
}
