package dev.kaiwa.privacy;

import static java.util.Objects.requireNonNull;

import dev.kaiwa.call.Call;
import java.util.List;

/** A call the person was in (with the ids of their participants in it) or created. */
public record ExportedCall(Call call, List<String> participantIds, boolean createdByThem) {
    public ExportedCall {
        requireNonNull(call, "call is null");
        participantIds = List.copyOf(participantIds);
    }
}
