package dev.kaiwa.retention;

import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;
import java.util.List;

/** Step 3's writer: deletes the chat of the chunk's calls. */
@Named
@Dependent
public class ChatPurgeWriter extends AbstractItemWriter {
    @Inject
    ChatRetention chats;

    @Inject
    StepContext step;

    @Inject
    Clock clock;

    @Override
    public void writeItems(List<Object> items) {
        long messages = 0;
        for (Object item : items) {
            messages += chats.purge((String) item, clock.instant());
        }
        StepCounts.add(step, PurgeJob.CALLS_CHAT_PURGED, items.size());
        StepCounts.add(step, PurgeJob.CHAT_MESSAGES_DELETED, messages);
    }
}
