package dev.kaiwa.security;

/** What a Kaiwa-signed token is for; its audience, so one kind can never pass as another. */
public enum TokenPurpose {
    /** Behind a join link; accepted only by {@code /join}. */
    INVITE("kaiwa-invite"),
    /** The Bearer of one participant in one call. */
    PARTICIPANT("kaiwa-participant"),
    /** Given to the recorder of one recording (subject: the recording id); uploads its chunks, also after the call. */
    RECORDER("kaiwa-recorder");

    private final String audience;

    TokenPurpose(String audience) {
        this.audience = audience;
    }

    public String audience() {
        return audience;
    }
}
