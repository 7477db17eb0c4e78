package dev.kaiwa.privacy;

import static java.util.Objects.requireNonNull;

/** One item of an erasure report: which item, and what the erasure did to it. */
public record ErasedItem(ErasedItemType type, String id, ErasureAction action) {
    public ErasedItem {
        requireNonNull(type, "type is null");
        requireNonNull(id, "id is null");
        requireNonNull(action, "action is null");
    }
}
