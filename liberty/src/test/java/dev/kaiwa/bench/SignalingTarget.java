package dev.kaiwa.bench;

/**
 * A server the signaling benchmarks relay through: it connects pairs of clients that can address
 * each other, and hangs them up again. Closing the target stops whatever it started.
 */
interface SignalingTarget extends AutoCloseable {
    /** The short name of the target in reports and settings: kaiwa, peerjs, relay. */
    String key();

    /** What it is, for the report: product, version, endpoint. */
    String description();

    SignalingDialect dialect();

    /** Connects the {@code index}th pair; both clients can be addressed when this returns. */
    SocketPair connect(int index) throws SetupException, InterruptedException;

    /** Ends the pair's session as its clients would, e.g. by ending the call; the sockets then close. */
    void hangUp(SocketPair pair);

    @Override
    void close();
}
