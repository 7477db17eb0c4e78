package dev.kaiwa.retention;

import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.util.List;

/** Step 3's reader: ended calls that still have chat and may be past their retention. */
@Named
@Dependent
public class ChatCallReader extends IdPageReader {
    @Inject
    ChatRetention chats;

    @Inject
    @BatchProperty(name = PurgeJob.AS_OF)
    String asOf;

    @Override
    protected List<String> next(String afterId, int limit) {
        return chats.candidates(Instant.parse(asOf), afterId, limit);
    }
}
