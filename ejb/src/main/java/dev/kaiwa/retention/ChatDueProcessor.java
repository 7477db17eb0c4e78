package dev.kaiwa.retention;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;

/** Step 3's processor: passes on the calls whose own retention has passed; the others are filtered out. */
@Named
@Dependent
public class ChatDueProcessor implements ItemProcessor {
    @Inject
    ChatRetention chats;

    @Inject
    @BatchProperty(name = PurgeJob.AS_OF)
    String asOf;

    @Override
    public Object processItem(Object item) {
        return chats.due((String) item, Instant.parse(asOf)) ? item : null;
    }
}
