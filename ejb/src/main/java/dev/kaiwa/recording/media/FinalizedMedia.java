package dev.kaiwa.recording.media;

import static java.util.Objects.requireNonNull;

import dev.kaiwa.storage.Sha256;

/**
 * What finalization wrote: the seekable WebM's size in bytes, its duration in milliseconds (to the end of the
 * last frame), the SHA-256 of its bytes, the number of cue points (seek targets), whether it has video, and
 * whether the input ended inside an element (an incomplete last upload), in which case the frames up to the
 * last complete one were kept.
 */
public record FinalizedMedia(long size, long durationMillis, Sha256 sha256, int cuePoints, boolean hasVideo,
        boolean truncated) {
    public FinalizedMedia {
        requireNonNull(sha256, "sha256 is null");
        if (size < 0 || durationMillis < 0 || cuePoints < 0) {
            throw new IllegalArgumentException("size, duration and cue points must not be negative");
        }
    }
}
