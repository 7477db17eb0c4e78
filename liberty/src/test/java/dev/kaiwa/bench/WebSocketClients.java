package dev.kaiwa.bench;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK HTTP clients that a benchmark opens its WebSockets on, handed out in turn, with one small
 * fixed pool of daemon threads for their listeners. Each client has its own selector thread, so a
 * few of them spread the sockets' input over more than one thread.
 */
final class WebSocketClients implements AutoCloseable {
    private final List<HttpClient> clients = new ArrayList<>();
    private final ExecutorService listeners;
    private final AtomicInteger next = new AtomicInteger();

    WebSocketClients(int clientCount, int listenerThreads, String name) {
        if (clientCount < 1 || listenerThreads < 1) {
            throw new IllegalArgumentException("needs at least one client and one thread");
        }
        AtomicInteger threadCount = new AtomicInteger();
        listeners = Executors.newFixedThreadPool(listenerThreads, task -> {
            Thread thread = new Thread(task, name + "-socket-" + threadCount.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        });
        for (int client = 0; client < clientCount; client++) {
            clients.add(HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .executor(listeners)
                    .build());
        }
    }

    HttpClient next() {
        return clients.get(Math.floorMod(next.getAndIncrement(), clients.size()));
    }

    int clientCount() {
        return clients.size();
    }

    @Override
    public void close() {
        listeners.shutdownNow();
    }
}
