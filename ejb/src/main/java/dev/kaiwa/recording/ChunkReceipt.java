package dev.kaiwa.recording;

/** What a chunk upload stored: its number, size, SHA-256 (hex) and whether this request stored it. */
public record ChunkReceipt(String recordingId, int seq, long sizeBytes, String sha256, boolean created,
        int chunkCount, long uploadedBytes) {
}
