package dev.kaiwa.privacy;

/** How a recording concerns the person of a data-subject request. */
public enum RecordingRelation {
    /** An INDIVIDUAL recording of one of the person's participants: it shows them alone. */
    OF_THEM,
    /** A COMPOSITE recording of a call, made while one of the person's participants was in it. */
    APPEARS_IN
}
