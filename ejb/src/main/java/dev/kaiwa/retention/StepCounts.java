package dev.kaiwa.retention;

import jakarta.batch.runtime.context.StepContext;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts a step keeps in its persistent user data, which the batch runtime checkpoints with every chunk: a
 * restarted step goes on counting from what its committed chunks did. A plain map of JDK types, so that
 * anyone reading the job repository can deserialize it.
 */
final class StepCounts {
    private StepCounts() {
    }

    @SuppressWarnings("unchecked")
    static void add(StepContext step, String key, long amount) {
        HashMap<String, Long> counts = step.getPersistentUserData() instanceof HashMap<?, ?> map
                ? (HashMap<String, Long>) map : new HashMap<>();
        counts.merge(key, amount, Long::sum);
        step.setPersistentUserData(counts);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Long> of(Object persistentUserData) {
        return persistentUserData instanceof Map<?, ?> map ? Map.copyOf((Map<String, Long>) map) : Map.of();
    }
}
