package dev.kaiwa.recording.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Real MediaRecorder output kept as test resources: the chunks headless Chromium uploaded with a one-second
 * timeslice, as {@code <name>/<sequence>.webm}. See NOTES.md next to them for how they were recorded.
 */
final class Recordings {
    /** VP8 video (fake camera) and Opus audio (fake microphone), about 4 s. */
    static final String VIDEO = "video-vp8-opus";
    /** Opus audio only, about 4 s. */
    static final String AUDIO = "audio-opus";

    private Recordings() {
    }

    static List<byte[]> chunks(String name) {
        List<byte[]> chunks = new ArrayList<>();
        for (int sequence = 0; ; sequence++) {
            try (InputStream in = Recordings.class.getResourceAsStream(name + "/" + sequence + ".webm")) {
                if (in == null) {
                    break;
                }
                chunks.add(in.readAllBytes());
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (chunks.isEmpty()) {
            throw new IllegalArgumentException("no recording " + name + " among the test resources");
        }
        return chunks;
    }

    /** The chunks one after the other: the whole recorder output. */
    static byte[] whole(String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        chunks(name).forEach(out::writeBytes);
        return out.toByteArray();
    }
}
