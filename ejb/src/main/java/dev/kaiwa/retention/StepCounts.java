package dev.kaiwa.retention;

import jakarta.batch.runtime.context.StepContext;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts a step keeps in its persistent user data, which the batch runtime checkpoints with every chunk: a
 * restarted step goes on counting from what its committed chunks did. A plain map of JDK types, so that
 * anyone reading the job repository can deserialize it. Counts of one organization are kept beside the run's
 * under keys of their own ({@code organization.<count>.<organization>}), which {@link #of} leaves out: an
 * organization's figures are for its own announcement, not for the run's readers.
 */
final class StepCounts {
    private static final String ORGANIZATION_PREFIX = "organization.";

    private StepCounts() {
    }

    /** Adds to the run's count and to the organization's. */
    static void add(StepContext step, String key, String organization, long amount) {
        add(step, key, amount);
        add(step, ORGANIZATION_PREFIX + key + "." + organization, amount);
    }

    @SuppressWarnings("unchecked")
    static void add(StepContext step, String key, long amount) {
        HashMap<String, Long> counts = step.getPersistentUserData() instanceof HashMap<?, ?> map
                ? (HashMap<String, Long>) map : new HashMap<>();
        counts.merge(key, amount, Long::sum);
        step.setPersistentUserData(counts);
    }

    /** The run's counts in a step's persistent user data. */
    static Map<String, Long> of(Object persistentUserData) {
        Map<String, Long> counts = new HashMap<>();
        entries(persistentUserData).forEach((key, value) -> {
            if (!key.startsWith(ORGANIZATION_PREFIX)) {
                counts.put(key, value);
            }
        });
        return Map.copyOf(counts);
    }

    /** The organizations' counts in a step's persistent user data: organization → count name → value. */
    static Map<String, Map<String, Long>> byOrganization(Object persistentUserData) {
        Map<String, Map<String, Long>> organizations = new TreeMap<>();
        entries(persistentUserData).forEach((key, value) -> {
            if (key.startsWith(ORGANIZATION_PREFIX)) {
                String rest = key.substring(ORGANIZATION_PREFIX.length());
                int dot = rest.indexOf('.');
                organizations.computeIfAbsent(rest.substring(dot + 1), organization -> new TreeMap<>())
                        .put(rest.substring(0, dot), value);
            }
        });
        return organizations;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> entries(Object persistentUserData) {
        return persistentUserData instanceof Map<?, ?> map ? (Map<String, Long>) map : Map.of();
    }
}
