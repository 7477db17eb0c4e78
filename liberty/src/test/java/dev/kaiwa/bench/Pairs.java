package dev.kaiwa.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Connects many pairs of a target at once, and hangs them up again, each within a time limit. */
final class Pairs {
    /** How long connections already under way may finish after the time to connect is over. */
    private static final Duration CONNECT_GRACE = Duration.ofSeconds(20);

    private Pairs() {
    }

    /**
     * Connects pairs {@code first} to {@code first + count - 1} with {@code concurrency} pairs under way
     * at a time. No pair is started after {@code timeout}; those under way may finish for a short
     * grace. Pairs that fail are counted in {@code problems} by their setup outcome. Each pair is
     * handed to {@code connected} as soon as it is, on the connecting thread, so that it can be kept
     * alive while the others connect.
     *
     * @return the pairs connected, in no particular order
     */
    static List<SocketPair> connect(SignalingTarget target, int first, int count, int concurrency, Duration timeout,
            RoundTrips problems, Consumer<SocketPair> onConnected) throws InterruptedException {
        List<SocketPair> connected = Collections.synchronizedList(new ArrayList<>());
        if (count <= 0) {
            return connected;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        AtomicInteger next = new AtomicInteger(first);
        int last = first + count;
        int workers = Math.min(concurrency, count);
        AtomicInteger threadCount = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, task -> {
            Thread thread = new Thread(task, "connect-" + target.key() + "-" + threadCount.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (int worker = 0; worker < workers; worker++) {
                pool.execute(() -> {
                    int index;
                    while (System.nanoTime() < deadline && (index = next.getAndIncrement()) < last) {
                        try {
                            SocketPair pair = target.connect(index);
                            onConnected.accept(pair);
                            connected.add(pair);
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
            long remaining = deadline - System.nanoTime() + CONNECT_GRACE.toNanos();
            if (!pool.awaitTermination(Math.max(0, remaining), TimeUnit.NANOSECONDS)) {
                problems.error("connect: still connecting after the time limit", target.key() + ", " + connected.size()
                        + " of " + count + " pairs connected");
            }
        }
        finally {
            pool.shutdownNow();
        }
        return connected;
    }

    /**
     * Hangs every pair up as its clients would and waits for the sockets to close; those still open
     * after {@code timeout} are dropped.
     *
     * @return how many sockets had to be dropped
     */
    static int hangUp(SignalingTarget target, List<SocketPair> pairs, Duration timeout) throws InterruptedException {
        List<CompletableFuture<String>> closes = new ArrayList<>();
        for (SocketPair pair : pairs) {
            target.hangUp(pair);
            closes.add(pair.initiator().closed());
            closes.add(pair.responder().closed());
        }
        try {
            CompletableFuture.allOf(closes.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return 0;
        }
        catch (TimeoutException | ExecutionException e) {
            int dropped = 0;
            for (SocketPair pair : pairs) {
                for (BenchSocket socket : List.of(pair.initiator(), pair.responder())) {
                    if (socket.isOpen()) {
                        socket.abort();
                        dropped++;
                    }
                }
            }
            return dropped;
        }
    }
}
