package dev.kaiwa.it.signaling;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/** The client's messages of the signaling protocol, as the browser client would send them. */
public final class Messages {
    private Messages() {
    }

    public static JsonObject join(String ticket) {
        return type("join").add("ticket", ticket).build();
    }

    public static JsonObject resume(String resumeToken) {
        return type("join").add("resumeToken", resumeToken).build();
    }

    public static JsonObject offer(String to, String sdp) {
        return type("offer").add("to", to).add("sdp", sdp).build();
    }

    public static JsonObject answer(String to, String sdp) {
        return type("answer").add("to", to).add("sdp", sdp).build();
    }

    /** An ICE candidate for {@code to}; {@code candidate} null says end-of-candidates. */
    public static JsonObject ice(String to, JsonObject candidate) {
        return type("ice").add("to", to).add("candidate", candidate == null ? JsonValue.NULL : candidate).build();
    }

    /** An RTCIceCandidateInit as a browser produces it. */
    public static JsonObject candidate(String line) {
        return Json.createObjectBuilder()
                .add("candidate", line)
                .add("sdpMid", "0")
                .add("sdpMLineIndex", 0)
                .add("usernameFragment", "f7Qe")
                .build();
    }

    /** A media change; null flags are left out. */
    public static JsonObject media(Boolean audio, Boolean video, Boolean screen) {
        JsonObjectBuilder message = type("media");
        if (audio != null) {
            message.add("audio", audio);
        }
        if (video != null) {
            message.add("video", video);
        }
        if (screen != null) {
            message.add("screen", screen);
        }
        return message.build();
    }

    public static JsonObject hand(boolean raised) {
        return type("hand").add("raised", raised).build();
    }

    public static JsonObject chat(String text) {
        return type("chat").add("text", text).build();
    }

    public static JsonObject mute(String participantId) {
        return type("mute").add("participantId", participantId).build();
    }

    public static JsonObject remove(String participantId) {
        return type("remove").add("participantId", participantId).build();
    }

    public static JsonObject admit(String participantId) {
        return type("admit").add("participantId", participantId).build();
    }

    public static JsonObject deny(String participantId) {
        return type("deny").add("participantId", participantId).build();
    }

    public static JsonObject end() {
        return type("end").build();
    }

    public static JsonObject leave() {
        return type("leave").build();
    }

    public static JsonObject ping() {
        return type("ping").build();
    }

    /** A network quality report: round-trip time and jitter in ms, packet loss 0..1, bitrate in bit/s. */
    public static JsonObject stats(double rtt, double jitter, double packetLoss, long bitrate) {
        return type("stats").add("rtt", rtt).add("jitter", jitter).add("packetLoss", packetLoss).add("bitrate", bitrate)
                .build();
    }

    /** A session description that looks like a browser's, for relay tests; the server never parses it. */
    public static String sdp(String sessionName) {
        return "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=" + sessionName + "\r\nt=0 0\r\n"
                + "a=group:BUNDLE 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\n";
    }

    private static JsonObjectBuilder type(String type) {
        return Json.createObjectBuilder().add("type", type);
    }

    /** A consent decision on the notice of {@code noticeVersion}, shown in English. */
    public static JsonObject consent(String purpose, boolean granted, String noticeVersion) {
        return type("consent").add("purpose", purpose).add("granted", granted).add("noticeVersion", noticeVersion)
                .add("language", "en").add("client", "signaling test client").build();
    }

    /** The recorder's answer to a recording start. */
    public static JsonObject recorder(String recordingId, String state) {
        return type("recorder").add("recordingId", recordingId).add("state", state).build();
    }
}
