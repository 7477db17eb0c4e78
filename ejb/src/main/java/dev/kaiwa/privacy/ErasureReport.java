package dev.kaiwa.privacy;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * What an erasure did, item by item: recordings first, then participants, invites, chat messages and chat
 * templates. Empty when nothing of the person is stored in the organization (or nothing is left).
 */
public record ErasureReport(Instant erasedAt, List<ErasedItem> items) {
    public ErasureReport {
        requireNonNull(erasedAt, "erasedAt is null");
        items = List.copyOf(items);
    }

    /** Whether something was deleted or anonymized now (not only kept or found erased before). */
    public boolean changedAnything() {
        return items.stream().anyMatch(item -> item.action() == ErasureAction.DELETED
                || item.action() == ErasureAction.ANONYMIZED);
    }
}
