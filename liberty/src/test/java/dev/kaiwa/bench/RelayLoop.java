package dev.kaiwa.bench;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * The traffic of one {@link SocketPair}: the initiator sends offers and candidates to the
 * responder (every fourth an offer, as a negotiation has far more candidates than descriptions),
 * the responder answers each one, and the initiator records the round trip. Either in a closed
 * loop ({@link #start}: a fixed number in flight, each answer sends the next) or one probe at a
 * time ({@link #probe}).
 *
 * <p>Answers must come back in order: each target relays one socket's messages in order, so an
 * answer out of order, or to nothing outstanding, means a lost or duplicated message and is counted
 * as a problem. A sequence number is taken and its message queued on the socket in one step, so
 * that messages leave in the order of their numbers even when a new round starts while answers of
 * the first messages already arrive.
 */
final class RelayLoop {
    /** Sequence numbers in flight are remembered in a ring of this many slots. */
    static final int MAXIMUM_IN_FLIGHT = 32;
    private static final int OFFER_EVERY = 4;
    private static final long FREE = -1;

    private final SocketPair pair;
    private final SignalingDialect dialect;
    private final RoundTrips roundTrips;
    private final long[] sentAt = new long[MAXIMUM_IN_FLIGHT];
    private final long[] sequenceInSlot = new long[MAXIMUM_IN_FLIGHT];
    private long nextSequence;
    private long expectedSequence;
    private int outstanding;
    private volatile boolean continuous;

    RelayLoop(SocketPair pair, SignalingDialect dialect, RoundTrips roundTrips) {
        this.pair = requireNonNull(pair, "pair is null");
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.roundTrips = requireNonNull(roundTrips, "roundTrips is null");
        Arrays.fill(sequenceInSlot, FREE);
        pair.initiator().handler(this::initiatorReceived);
        pair.responder().handler(this::responderReceived);
        pair.initiator().onUnexpectedClose(reason -> roundTrips.error("initiator socket lost", reason));
        pair.responder().onUnexpectedClose(reason -> roundTrips.error("responder socket lost", reason));
    }

    SocketPair pair() {
        return pair;
    }

    /** Starts the closed loop with {@code inFlight} messages in flight. */
    void start(int inFlight) {
        if (inFlight < 1 || inFlight > MAXIMUM_IN_FLIGHT) {
            throw new IllegalArgumentException("in flight must be 1 to " + MAXIMUM_IN_FLIGHT + ": " + inFlight);
        }
        continuous = true;
        for (int message = 0; message < inFlight; message++) {
            send();
        }
    }

    /** Ends the closed loop: answers still on their way are recorded, but send nothing more. */
    void stop() {
        continuous = false;
    }

    /** Sends one offer unless one is still unanswered; says whether it sent. */
    boolean probe() {
        synchronized (this) {
            if (outstanding > 0) {
                return false;
            }
        }
        send();
        return true;
    }

    synchronized int outstanding() {
        return outstanding;
    }

    /** Gives up on the messages still unanswered, counting each as a problem; returns how many. */
    int abandonOutstanding(String outcome) {
        int abandoned;
        synchronized (this) {
            abandoned = outstanding;
            outstanding = 0;
            expectedSequence = nextSequence;
            Arrays.fill(sequenceInSlot, FREE);
        }
        for (int message = 0; message < abandoned; message++) {
            roundTrips.error(outcome, "pair " + pair.initiatorId() + " → " + pair.responderId());
        }
        return abandoned;
    }

    private synchronized void send() {
        long sequence = nextSequence++;
        int slot = (int) (sequence % MAXIMUM_IN_FLIGHT);
        if (sequenceInSlot[slot] != FREE) {
            throw new IllegalStateException("more than " + MAXIMUM_IN_FLIGHT + " messages in flight");
        }
        String message = sequence % OFFER_EVERY == 0
                ? dialect.sessionDescription(pair.responderId(), true, SignalingPayloads.offer(sequence))
                : dialect.candidate(pair.responderId(), SignalingPayloads.candidate(sequence));
        sequenceInSlot[slot] = sequence;
        outstanding++;
        sentAt[slot] = System.nanoTime();
        pair.initiator().send(message);
    }

    private void initiatorReceived(String message) {
        long now = System.nanoTime();
        long sequence = SignalingPayloads.sequence(message);
        if (sequence < 0) {
            dialect.problem(message).ifPresent(problem -> roundTrips.error(problem, message));
            return;
        }
        long started;
        synchronized (this) {
            int slot = (int) (sequence % MAXIMUM_IN_FLIGHT);
            if (sequenceInSlot[slot] != sequence) {
                roundTrips.error("answer to no message in flight", "sequence " + sequence);
                return;
            }
            if (sequence != expectedSequence) {
                roundTrips.error("answer out of order", "expected " + expectedSequence + ", got " + sequence);
            }
            expectedSequence = Math.max(expectedSequence, sequence + 1);
            sequenceInSlot[slot] = FREE;
            outstanding--;
            started = sentAt[slot];
        }
        roundTrips.record(now - started);
        if (continuous) {
            send();
        }
    }

    private void responderReceived(String message) {
        switch (SignalingPayloads.kind(message)) {
            case SESSION_DESCRIPTION -> pair.responder().send(dialect.sessionDescription(pair.initiatorId(), false,
                    SignalingPayloads.answer(SignalingPayloads.sequence(message))));
            case CANDIDATE -> pair.responder().send(dialect.candidate(pair.initiatorId(),
                    SignalingPayloads.candidate(SignalingPayloads.sequence(message))));
            case OTHER -> dialect.problem(message).ifPresent(problem -> roundTrips.error(problem, message));
        }
    }
}
