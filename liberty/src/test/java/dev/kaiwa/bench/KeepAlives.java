package dev.kaiwa.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Sends each socket its target's keep-alive message at a fixed interval, as the target's own
 * clients do (Kaiwa's {@code ping} every 5 s, PeerJS's {@code HEARTBEAT}), starting at a random
 * point of the first interval so the messages of many sockets spread out.
 */
final class KeepAlives implements AutoCloseable {
    static final Duration INTERVAL = Duration.ofSeconds(5);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "keep-alive");
        thread.setDaemon(true);
        return thread;
    });
    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();

    /** Keeps the pair's sockets alive if the dialect has a keep-alive message. */
    synchronized void add(SignalingDialect dialect, SocketPair pair) {
        if (dialect.keepAlive().isEmpty() || scheduler.isShutdown()) {
            return;
        }
        String message = dialect.keepAlive().get();
        long interval = INTERVAL.toMillis();
        for (BenchSocket socket : List.of(pair.initiator(), pair.responder())) {
            tasks.add(scheduler.scheduleAtFixedRate(() -> {
                if (socket.isOpen()) {
                    socket.send(message);
                }
            }, ThreadLocalRandom.current().nextLong(interval), interval, TimeUnit.MILLISECONDS));
        }
    }

    @Override
    public synchronized void close() {
        tasks.forEach(task -> task.cancel(false));
        tasks.clear();
        scheduler.shutdownNow();
    }
}
