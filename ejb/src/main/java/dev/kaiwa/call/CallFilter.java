package dev.kaiwa.call;

import java.time.Instant;
import java.util.Optional;

/** Optional conditions on a call list: status, the portal's reference, and a window on the scheduled time. */
public record CallFilter(Optional<CallStatus> status, Optional<String> externalRef, Optional<Instant> from,
        Optional<Instant> to) {
    public static CallFilter none() {
        return new CallFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
