package dev.kaiwa.recording.media;

import java.io.IOException;
import java.io.InputStream;

/** Opens the same media from its start each time it is called; finalization reads it twice. */
@FunctionalInterface
public interface MediaSource {
    InputStream open() throws IOException;
}
