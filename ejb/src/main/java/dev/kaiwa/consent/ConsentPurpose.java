package dev.kaiwa.consent;

/** What a participant consents to. */
public enum ConsentPurpose {
    /** Being recorded (audio and video). */
    RECORDING,
    /** Having one's speech transcribed. */
    TRANSCRIPTION
}
