package dev.kaiwa.retention;

import jakarta.batch.api.chunk.AbstractItemReader;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Reads ids in ascending order, a page at a time, resuming after the last id of the last committed chunk
 * (its checkpoint). Rows a chunk changed drop out of the query, rows it rolled back are read again.
 */
abstract class IdPageReader extends AbstractItemReader {
    static final int PAGE = 200;

    private final Deque<String> page = new ArrayDeque<>();
    private String last;
    private boolean exhausted;

    /** The next ids after {@code afterId} (null: from the start), ascending, at most {@code limit}. */
    protected abstract List<String> next(String afterId, int limit);

    @Override
    public void open(Serializable checkpoint) {
        last = (String) checkpoint;
    }

    @Override
    public Object readItem() {
        if (page.isEmpty() && !exhausted) {
            List<String> ids = next(last, PAGE);
            page.addAll(ids);
            exhausted = ids.size() < PAGE;
        }
        String id = page.poll();
        if (id != null) {
            last = id;
        }
        return id;
    }

    @Override
    public Serializable checkpointInfo() {
        return last;
    }
}
