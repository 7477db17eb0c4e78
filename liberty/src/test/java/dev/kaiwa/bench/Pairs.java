package dev.kaiwa.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/** Connects many pairs of a target at once, and hangs them up again, each within a time limit. */
final class Pairs {
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
        ParallelSetup.run("connect-" + target.key(), first, count, concurrency, timeout, problems, index -> {
            SocketPair pair = target.connect(index);
            onConnected.accept(pair);
            connected.add(pair);
        });
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
