package dev.kaiwa.recording;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stored recordings and their chunks. */
public interface RecordingRepository {
    void add(Recording recording);

    Optional<Recording> find(String recordingId);

    /** The recording with its row locked for the rest of the transaction. */
    Optional<Recording> findForUpdate(String recordingId);

    /** A call's recordings, oldest first. */
    List<Recording> ofCall(String callId);

    /** A call's recordings that are starting or recording. */
    List<Recording> capturing(String callId);

    /** Recordings still STARTING that were requested before the instant (their recorder never answered). */
    List<Recording> startingBefore(Instant requestedBefore, int limit);

    /** STARTING, RECORDING or PROCESSING recordings requested before the instant (never became READY). */
    List<Recording> unfinishedBefore(Instant requestedBefore, int limit);

    /** Recordings of or containing these participants (INDIVIDUAL of them, COMPOSITE of their calls). */
    List<Recording> involving(List<String> participantIds, List<String> callIds);

    /** Ids of READY recordings without legal hold that expire at or before {@code asOf}, after {@code afterId}, by id. */
    List<String> dueForExpiry(Instant asOf, String afterId, int limit);

    /**
     * Ids of recordings whose media is to be deleted, after {@code afterId}, by id: EXPIRED ones without legal
     * hold, and DELETED ones whose blob removal was never confirmed.
     */
    List<String> awaitingMediaRemoval(String afterId, int limit);

    Optional<RecordingChunk> findChunk(String recordingId, int seq);

    void addChunk(RecordingChunk chunk);

    /** The chunks of a recording in sequence order. */
    List<RecordingChunk> chunks(String recordingId);

    void removeChunks(String recordingId);

    /** Counts and bytes per status and format of the organization's (or one call's) recordings. */
    List<RecordingTally> tally(String organization, String callId);
}
