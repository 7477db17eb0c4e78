package dev.kaiwa.recording;

import dev.kaiwa.storage.StorageKey;

/** A READY recording's media, as a download sees it: where it is stored, its size, type and file name. */
public record RecordingContent(String recordingId, StorageKey key, long size, String contentType, String fileName,
        String sha256) {
}
