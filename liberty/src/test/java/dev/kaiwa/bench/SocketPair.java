package dev.kaiwa.bench;

import static java.util.Objects.requireNonNull;

/**
 * Two connected signaling clients that can address each other: the initiator sends offers and
 * candidates to the responder, which answers each one.
 *
 * @param initiatorId the id the target knows the initiator by (participant id, PeerJS id…)
 * @param responderId the id the target knows the responder by
 */
record SocketPair(BenchSocket initiator, String initiatorId, BenchSocket responder, String responderId) {
    SocketPair {
        requireNonNull(initiator, "initiator is null");
        requireNonNull(initiatorId, "initiatorId is null");
        requireNonNull(responder, "responder is null");
        requireNonNull(responderId, "responderId is null");
    }

    boolean isOpen() {
        return initiator.isOpen() && responder.isOpen();
    }
}
