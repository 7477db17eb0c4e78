/**
 * A bare WebSocket relay on the same Liberty and WebSocket stack as Kaiwa's signaling endpoint, the
 * baseline the signaling benchmark compares Kaiwa with: it forwards each text frame to the peer it
 * names and does nothing else (no JSON parsing, no tickets, no rooms, no rate limit).
 *
 * <p>Benchmark-only: the {@code bench} profile of the server module builds it and drops it into the
 * benchmark server; it is never part of the EAR. It imports only the Jakarta WebSocket and
 * MicroProfile Config APIs, nothing of Kaiwa.
 */
package dev.kaiwa.bench.relay;
