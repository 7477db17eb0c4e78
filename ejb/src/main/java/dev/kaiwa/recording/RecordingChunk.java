package dev.kaiwa.recording;

import static java.util.Objects.requireNonNull;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** One uploaded chunk of a recording: its position, size and SHA-256 (hex) as received. */
@Entity
@Table(name = "kw_recording_chunk")
@IdClass(RecordingChunk.Key.class)
public class RecordingChunk {
    @Id
    @Column(name = "recording_id")
    private String recordingId;

    @Id
    @Column(name = "seq")
    private int seq;

    @Column(name = "size_bytes", nullable = false)
    private long sizeBytes;

    @Column(nullable = false)
    private String sha256;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    protected RecordingChunk() {
    }

    public RecordingChunk(String recordingId, int seq, long sizeBytes, String sha256, Instant receivedAt) {
        this.recordingId = requireNonNull(recordingId, "recordingId is null");
        this.seq = seq;
        this.sizeBytes = sizeBytes;
        this.sha256 = requireNonNull(sha256, "sha256 is null");
        this.receivedAt = requireNonNull(receivedAt, "receivedAt is null");
    }

    /** Where a chunk's blob is stored: ids only. */
    public static String blobKey(String recordingId, int seq) {
        return "recordings/" + recordingId + "/chunks/" + seq;
    }

    public String recordingId() {
        return recordingId;
    }

    public int seq() {
        return seq;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    public String sha256() {
        return sha256;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    /** The composite primary key. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        private String recordingId;
        private int seq;

        public Key() {
        }

        public Key(String recordingId, int seq) {
            this.recordingId = recordingId;
            this.seq = seq;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.seq == seq && Objects.equals(key.recordingId, recordingId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(recordingId, seq);
        }
    }
}
