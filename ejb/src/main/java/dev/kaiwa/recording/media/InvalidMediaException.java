package dev.kaiwa.recording.media;

/**
 * The bytes are not a WebM stream this package can finalize or measure: not WebM at all, a second stream
 * after the first (the recorder was restarted), frames before the cluster's timestamp or of undeclared
 * tracks, elements larger than allowed, or no frames at all. The detail names the rule and a byte offset,
 * never content.
 */
public class InvalidMediaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidMediaException(String detail) {
        super(detail);
    }
}
