package dev.kaiwa.bench;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a setup task for many indexes with a fixed number under way at a time, within a time limit:
 * no task starts after it, and those under way may finish for a short grace. Tasks that fail are
 * counted in a {@link RoundTrips}' problems by their setup outcome.
 */
final class ParallelSetup {
    /** How long tasks already under way may finish after the time limit. */
    private static final Duration GRACE = Duration.ofSeconds(20);

    /** One index's work, e.g. connecting one pair. */
    @FunctionalInterface
    interface Task {
        void run(int index) throws SetupException, InterruptedException;
    }

    private ParallelSetup() {
    }

    /** Runs {@code task} for {@code first} to {@code first + count - 1}; says whether all were started in time. */
    static boolean run(String name, int first, int count, int concurrency, Duration timeout, RoundTrips problems, Task task)
            throws InterruptedException {
        if (count <= 0) {
            return true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        AtomicInteger next = new AtomicInteger(first);
        int last = first + count;
        int workers = Math.min(concurrency, count);
        AtomicInteger threadCount = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, runnable -> {
            Thread thread = new Thread(runnable, name + "-" + threadCount.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (int worker = 0; worker < workers; worker++) {
                pool.execute(() -> {
                    int index;
                    while (System.nanoTime() < deadline && (index = next.getAndIncrement()) < last) {
                        try {
                            task.run(index);
                        }
                        catch (SetupException e) {
                            problems.error(e.outcome(), e.getMessage());
                        }
                        catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                });
            }
            pool.shutdown();
            long remaining = deadline - System.nanoTime() + GRACE.toNanos();
            if (!pool.awaitTermination(Math.max(0, remaining), TimeUnit.NANOSECONDS)) {
                problems.error(name + ": still under way after the time limit", name);
            }
        }
        finally {
            pool.shutdownNow();
        }
        return next.get() >= last;
    }
}
