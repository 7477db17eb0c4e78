package dev.kaiwa.call;

import dev.kaiwa.shared.Caller;
import dev.kaiwa.shared.Cursor;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stored calls and their event log. */
public interface CallRepository {
    void add(Call call);

    Optional<Call> find(String id);

    /** The call, locked against concurrent joins and moves until the transaction ends. */
    Optional<Call> findForUpdate(String id);

    Optional<Call> findByIdempotencyKey(String createdBy, String idempotencyKey);

    /** Calls the caller may see, newest first, after the cursor. */
    List<Call> list(Caller caller, CallFilter filter, Optional<Cursor> after, int limit);

    /** Scheduled calls whose scheduled time is before {@code cutoff} and that nobody joined. */
    List<Call> findUnjoinedScheduledBefore(Instant cutoff, int limit);

    long countActive();

    void addEvent(CallEvent event);

    /** Events of a call in the order they happened, after the cursor. */
    List<CallEvent> events(String callId, Optional<Cursor> after, int limit);
}
