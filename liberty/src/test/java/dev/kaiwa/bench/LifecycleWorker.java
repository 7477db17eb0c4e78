package dev.kaiwa.bench;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One simulated host: waits for the level's start signal, then takes lifecycles from the shared
 * budget until none is left, each one create, start, join and end of a new call. A lifecycle stops
 * at its first failed step, since the later ones need the earlier ones' effect.
 */
final class LifecycleWorker implements Callable<LevelRecorder> {
    private final KaiwaClient client;
    private final String subject;
    private final String token;
    private final AtomicInteger remaining;
    private final CountDownLatch start;

    LifecycleWorker(KaiwaClient client, String subject, String token, AtomicInteger remaining, CountDownLatch start) {
        this.client = requireNonNull(client, "client is null");
        this.subject = requireNonNull(subject, "subject is null");
        this.token = requireNonNull(token, "token is null");
        this.remaining = requireNonNull(remaining, "remaining is null");
        this.start = requireNonNull(start, "start is null");
    }

    @Override
    public LevelRecorder call() throws InterruptedException {
        LevelRecorder recorder = new LevelRecorder();
        start.await();
        int lifecycle;
        while ((lifecycle = remaining.getAndDecrement()) > 0) {
            runLifecycle(recorder, lifecycle);
        }
        return recorder;
    }

    private void runLifecycle(LevelRecorder recorder, int lifecycle) {
        long started = System.nanoTime();
        Exchange created = client.createCall(token, "Benchmark " + subject + " " + lifecycle);
        if (!recorded(recorder, Step.CREATE, created)) {
            return;
        }
        Optional<String> callId = created.field("id");
        if (callId.isEmpty()) {
            String outcome = created.status() + " without call id";
            String detail = created.detail();
            recorder.recordMalformedAnswer(Step.CREATE, outcome, detail);
            recorder.recordLifecycleFailure(Step.CREATE, outcome, detail);
            return;
        }
        if (!recorded(recorder, Step.START, client.startCall(token, callId.get()))
                || !recorded(recorder, Step.JOIN, client.joinCall(token, callId.get()))
                || !recorded(recorder, Step.END, client.endCall(token, callId.get()))) {
            return;
        }
        recorder.recordLifecycle(System.nanoTime() - started);
    }

    private static boolean recorded(LevelRecorder recorder, Step step, Exchange exchange) {
        recorder.recordStep(step, exchange);
        if (!exchange.succeeded()) {
            recorder.recordLifecycleFailure(step, exchange.outcome(), exchange.detail());
        }
        return exchange.succeeded();
    }
}
