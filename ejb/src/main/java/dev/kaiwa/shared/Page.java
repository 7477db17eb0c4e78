package dev.kaiwa.shared;

import java.util.List;
import java.util.Optional;

/** One page of a list and the cursor of the next page, if there is one. */
public record Page<T>(List<T> items, Optional<String> nextCursor) {
    public Page {
        items = List.copyOf(items);
    }

    /** Limits between 1 and 100; {@code null} means 20. */
    public static int checkLimit(Integer limit) {
        if (limit == null) {
            return 20;
        }
        if (limit < 1 || limit > 100) {
            throw DomainException.invalidField("limit", "must be between 1 and 100");
        }
        return limit;
    }
}
