package dev.kaiwa.it.signaling;

/**
 * How a signaling socket ended: the close code and reason the server sent, or {@link #ABNORMAL}
 * (1006, never sent on the wire) when the connection broke without a close frame.
 */
public record CloseStatus(int code, String reason) {
    public static final int NORMAL = 1000;
    public static final int ABNORMAL = 1006;
    public static final int POLICY_VIOLATION = 1008;
    public static final int TOO_BIG = 1009;
    /** Kaiwa's own code: another connection of the same participant took over. */
    public static final int REPLACED = 4000;
    /** Kaiwa's own code: a moderator removed the participant. */
    public static final int REMOVED = 4003;

    public CloseStatus {
        reason = reason == null ? "" : reason;
    }

    static CloseStatus abnormal(Throwable cause) {
        return new CloseStatus(ABNORMAL, "connection broke: " + cause);
    }
}
