package dev.kaiwa.bench;

import java.util.Optional;

/**
 * How each target says "relay this offer, answer or candidate to that peer", how its clients keep
 * their sockets alive, and how it reports a problem. The payloads are the same for all targets.
 */
enum SignalingDialect {
    /** Kaiwa's signaling protocol: {@code offer}, {@code answer}, {@code ice} with {@code to}; {@code ping} keeps alive. */
    KAIWA {
        @Override
        String sessionDescription(String to, boolean offer, String sdp) {
            return "{\"type\":\"" + (offer ? "offer" : "answer") + "\",\"to\":\"" + to + "\",\"sdp\":\"" + sdp + "\"}";
        }

        @Override
        String candidate(String to, String candidate) {
            return "{\"type\":\"ice\",\"to\":\"" + to + "\",\"candidate\":" + candidate + "}";
        }

        @Override
        Optional<String> keepAlive() {
            return Optional.of("{\"type\":\"ping\"}");
        }

        @Override
        Optional<String> problem(String message) {
            return lowerCaseError(message);
        }
    },
    /**
     * The PeerJS server's protocol, as the PeerJS client speaks it: {@code OFFER}, {@code ANSWER},
     * {@code CANDIDATE} with {@code dst} and a {@code payload} the server passes on untouched;
     * {@code HEARTBEAT} keeps alive (relayed messages do not).
     */
    PEERJS {
        @Override
        String sessionDescription(String to, boolean offer, String sdp) {
            String type = offer ? "offer" : "answer";
            return "{\"type\":\"" + (offer ? "OFFER" : "ANSWER") + "\",\"dst\":\"" + to + "\",\"payload\":{\"sdp\":{\"type\":\""
                    + type + "\",\"sdp\":\"" + sdp + "\"},\"type\":\"media\",\"connectionId\":\"" + CONNECTION_ID
                    + "\",\"browser\":\"chrome\"}}";
        }

        @Override
        String candidate(String to, String candidate) {
            return "{\"type\":\"CANDIDATE\",\"dst\":\"" + to + "\",\"payload\":{\"candidate\":" + candidate
                    + ",\"type\":\"media\",\"connectionId\":\"" + CONNECTION_ID + "\"}}";
        }

        @Override
        Optional<String> keepAlive() {
            return Optional.of("{\"type\":\"HEARTBEAT\"}");
        }

        @Override
        Optional<String> problem(String message) {
            for (String type : PEERJS_PROBLEMS) {
                if (message.contains("\"type\":\"" + type + "\"")) {
                    return Optional.of(type);
                }
            }
            return Optional.empty();
        }
    },
    /** The bare relay: Kaiwa's message shapes, forwarded as they are; nothing to keep alive. */
    BARE_RELAY {
        @Override
        String sessionDescription(String to, boolean offer, String sdp) {
            return KAIWA.sessionDescription(to, offer, sdp);
        }

        @Override
        String candidate(String to, String candidate) {
            return KAIWA.candidate(to, candidate);
        }

        @Override
        Optional<String> keepAlive() {
            return Optional.empty();
        }

        @Override
        Optional<String> problem(String message) {
            return lowerCaseError(message);
        }
    };

    private static final String CONNECTION_ID = "mc_kaiwabench";
    /** What the PeerJS server sends when it cannot deliver or does not accept a client. */
    private static final String[] PEERJS_PROBLEMS = {"ERROR", "ID-TAKEN", "EXPIRE", "LEAVE"};
    private static final String ERROR = "\"type\":\"error\"";
    private static final String CODE = "\"code\":\"";

    /** An offer ({@code offer} true) or an answer to {@code to}; {@code sdp} is JSON-escaped. */
    abstract String sessionDescription(String to, boolean offer, String sdp);

    /** A candidate to {@code to}; {@code candidate} is a JSON object. */
    abstract String candidate(String to, String candidate);

    /** What a client sends every few seconds to stay connected, if the target needs it. */
    abstract Optional<String> keepAlive();

    /** The problem a message reports, as a short outcome ({@code error PEER_NOT_FOUND}); empty for other messages. */
    abstract Optional<String> problem(String message);

    private static Optional<String> lowerCaseError(String message) {
        if (!message.contains(ERROR)) {
            return Optional.empty();
        }
        int at = message.indexOf(CODE);
        if (at < 0) {
            return Optional.of("error");
        }
        int start = at + CODE.length();
        int end = message.indexOf('"', start);
        return Optional.of("error " + (end < 0 ? message.substring(start) : message.substring(start, end)));
    }
}
