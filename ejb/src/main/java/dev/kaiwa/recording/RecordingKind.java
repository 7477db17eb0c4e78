package dev.kaiwa.recording;

/** What a recording holds. */
public enum RecordingKind {
    /** Everyone in one file: every participant's video on one canvas, all audio mixed (made by a host's browser). */
    COMPOSITE,
    /** One participant's own audio and video (made by that participant's browser). */
    INDIVIDUAL
}
