package dev.kaiwa.call;

/** What kind of media a call carries. */
public enum CallType {
    /** Audio only. */
    VOICE,
    /** Audio and camera video. */
    VIDEO,
    /** Audio, video and screen sharing as the main content. */
    SCREEN_SHARE,
    /** A few publishers, many viewers. */
    BROADCAST
}
