package dev.kaiwa.recording.media;

import java.util.List;

/** A recording cannot be finalized: some of its upload chunks are not stored. */
public class MissingChunksException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<Integer> missing;

    public MissingChunksException(List<Integer> missing) {
        super("upload chunks missing: " + summary(missing));
        this.missing = List.copyOf(missing);
    }

    /** The missing sequence numbers, ascending. */
    public List<Integer> missing() {
        return missing;
    }

    private static String summary(List<Integer> missing) {
        return missing.size() <= 10 ? missing.toString()
                : missing.subList(0, 10) + " and " + (missing.size() - 10) + " more";
    }
}
