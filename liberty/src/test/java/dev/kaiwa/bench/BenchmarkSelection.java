package dev.kaiwa.bench;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which benchmarks of the bench profile run: {@code -Dkaiwa.bench.only=purge,upload} runs only those, no
 * value runs them all. The profile starts every benchmark through this class with its key and main class;
 * one that is not selected is skipped (the server still starts and stops once for the others). Run with no
 * arguments, before the server starts, it only checks the selection, so a misspelt key fails the build at
 * once instead of silently skipping everything.
 */
public final class BenchmarkSelection {
    static final String PROPERTY = "kaiwa.bench.only";
    /** The keys, in the order the profile runs them. */
    static final List<String> KEYS = List.of("call-lifecycle", "signaling-load", "call-setup", "purge", "upload",
            "socket-ramp");

    private BenchmarkSelection() {
    }

    /**
     * No arguments: checks {@value #PROPERTY}. Otherwise {@code <key> <main class> [arguments…]}: runs the
     * main class with the arguments if the key is selected.
     */
    public static void main(String[] args) throws ReflectiveOperationException {
        Set<String> selected = selected(System.getProperty(PROPERTY));
        if (args.length == 0) {
            System.out.println(selected.isEmpty() ? "Benchmarks: all of " + KEYS : "Benchmarks: only " + selected
                    + " (" + PROPERTY + ")");
            return;
        }
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: BenchmarkSelection [<key> <main class> [arguments…]]");
        }
        String key = args[0];
        if (!KEYS.contains(key)) {
            throw new IllegalArgumentException("unknown benchmark key " + key + "; known: " + KEYS);
        }
        if (!selected.isEmpty() && !selected.contains(key)) {
            System.out.println("Skipping the " + key + " benchmark (" + PROPERTY + "=" + String.join(",", selected) + ")");
            return;
        }
        Method main = Class.forName(args[1]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
        }
        catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("the " + key + " benchmark failed", e.getCause());
        }
    }

    /** The selected keys; empty means all. Unknown keys are refused. */
    static Set<String> selected(String value) {
        Set<String> keys = new LinkedHashSet<>();
        if (value == null || value.isBlank() || value.strip().equals("all")) {
            return keys;
        }
        for (String key : value.split(",")) {
            String name = key.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (!KEYS.contains(name)) {
                throw new IllegalArgumentException(PROPERTY + " names an unknown benchmark \"" + name + "\"; known: "
                        + String.join(", ", KEYS));
            }
            keys.add(name);
        }
        return keys;
    }
}
