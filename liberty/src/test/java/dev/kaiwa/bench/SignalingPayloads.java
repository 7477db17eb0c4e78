package dev.kaiwa.bench;

/**
 * What the signaling benchmarks relay: a session description of a browser's audio and video offer
 * (or answer), trimmed to one codec of each kind, and an ICE candidate, the same for every target.
 * Each carries a sequence number where a browser has a number of its own: the session version of
 * the SDP origin line ({@code o=- <session id> <version> …}) and the foundation of the candidate
 * ({@code candidate:<foundation> …}). Both are found again with a text search, so reading an
 * answer costs the client no JSON parsing, whatever the target adds around it.
 */
final class SignalingPayloads {
    private static final String SESSION_ID = "4611731400430051336";
    private static final String ORIGIN = "o=- " + SESSION_ID + " ";
    private static final String FOUNDATION = "\"candidate:";
    private static final String FINGERPRINT = "sha-256 4F:1A:9C:2E:7B:D3:05:6A:E1:88:3F:C2:47:90:BB:1D:"
            + "62:0E:A5:F9:34:7C:D8:13:59:AE:C0:2B:76:E4:9D:81";
    private static final String MEDIA_COMMON = "c=IN IP4 0.0.0.0\r\n"
            + "a=rtcp:9 IN IP4 0.0.0.0\r\n"
            + "a=ice-ufrag:Kd3x\r\n"
            + "a=ice-pwd:7pQz1lYc0eX9w2b8mR4tN6vH\r\n"
            + "a=ice-options:trickle\r\n"
            + "a=fingerprint:" + FINGERPRINT + "\r\n";
    /** Everything after the origin line's version; {@code %s} is the DTLS role, actpass or active. */
    private static final String SDP_REST = " IN IP4 127.0.0.1\r\n"
            + "s=-\r\n"
            + "t=0 0\r\n"
            + "a=group:BUNDLE 0 1\r\n"
            + "a=extmap-allow-mixed\r\n"
            + "a=msid-semantic: WMS kaiwa-bench\r\n"
            + "m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126\r\n"
            + MEDIA_COMMON
            + "a=setup:%s\r\n"
            + "a=mid:0\r\n"
            + "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level\r\n"
            + "a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01\r\n"
            + "a=sendrecv\r\n"
            + "a=msid:kaiwa-bench audio0\r\n"
            + "a=rtcp-mux\r\n"
            + "a=rtpmap:111 opus/48000/2\r\n"
            + "a=rtcp-fb:111 transport-cc\r\n"
            + "a=fmtp:111 minptime=10;useinbandfec=1\r\n"
            + "a=ssrc:1001 cname:kaiwa-bench\r\n"
            + "m=video 9 UDP/TLS/RTP/SAVPF 96 97\r\n"
            + MEDIA_COMMON
            + "a=setup:%s\r\n"
            + "a=mid:1\r\n"
            + "a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01\r\n"
            + "a=sendrecv\r\n"
            + "a=msid:kaiwa-bench video0\r\n"
            + "a=rtcp-mux\r\n"
            + "a=rtcp-rsize\r\n"
            + "a=rtpmap:96 VP8/90000\r\n"
            + "a=rtcp-fb:96 goog-remb\r\n"
            + "a=rtcp-fb:96 transport-cc\r\n"
            + "a=rtcp-fb:96 ccm fir\r\n"
            + "a=rtcp-fb:96 nack\r\n"
            + "a=rtcp-fb:96 nack pli\r\n"
            + "a=rtpmap:97 rtx/90000\r\n"
            + "a=fmtp:97 apt=96\r\n"
            + "a=ssrc-group:FID 2001 2002\r\n"
            + "a=ssrc:2001 cname:kaiwa-bench\r\n"
            + "a=ssrc:2002 cname:kaiwa-bench\r\n";
    private static final String OFFER_PREFIX = jsonEscaped("v=0\r\n" + ORIGIN);
    private static final String OFFER_SUFFIX = jsonEscaped(SDP_REST.formatted("actpass", "actpass"));
    private static final String ANSWER_SUFFIX = jsonEscaped(SDP_REST.formatted("active", "active"));
    private static final String CANDIDATE_SUFFIX = " 1 udp 2122260223 192.0.2.10 54400 typ host generation 0 ufrag Kd3x "
            + "network-id 1\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0,\"usernameFragment\":\"Kd3x\"}";

    /** What a relayed message carries. */
    enum Kind {
        /** An offer or an answer. */
        SESSION_DESCRIPTION,
        /** An ICE candidate. */
        CANDIDATE,
        /** Neither: presence, a pong, an error… */
        OTHER
    }

    private SignalingPayloads() {
    }

    /** The SDP of an offer as the contents of a JSON string (escaped, without quotes). */
    static String offer(long sequence) {
        return OFFER_PREFIX + sequence + OFFER_SUFFIX;
    }

    /** The SDP of an answer as the contents of a JSON string. */
    static String answer(long sequence) {
        return OFFER_PREFIX + sequence + ANSWER_SUFFIX;
    }

    /** An RTCIceCandidateInit as a JSON object. */
    static String candidate(long sequence) {
        return "{\"candidate\":\"candidate:" + sequence + CANDIDATE_SUFFIX;
    }

    static Kind kind(String message) {
        if (message.contains(ORIGIN)) {
            return Kind.SESSION_DESCRIPTION;
        }
        return message.contains(FOUNDATION) ? Kind.CANDIDATE : Kind.OTHER;
    }

    /** The sequence number of a message that carries a payload, or -1. */
    static long sequence(String message) {
        int at = message.indexOf(ORIGIN);
        if (at >= 0) {
            return digits(message, at + ORIGIN.length());
        }
        at = message.indexOf(FOUNDATION);
        return at < 0 ? -1 : digits(message, at + FOUNDATION.length());
    }

    /** Sizes for the report: the SDP of an offer and a candidate as they appear in JSON. */
    static int offerLength() {
        return offer(0).length();
    }

    static int candidateLength() {
        return candidate(0).length();
    }

    private static long digits(String text, int from) {
        long value = 0;
        int at = from;
        while (at < text.length() && Character.isDigit(text.charAt(at))) {
            value = value * 10 + (text.charAt(at) - '0');
            at++;
        }
        return at == from ? -1 : value;
    }

    private static String jsonEscaped(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "\\r").replace("\n", "\\n");
    }
}
