package dev.kaiwa.retention;

/** Names shared by the purge job's XML, its artifacts and the code that starts and reads it. */
public final class PurgeJob {
    /** The job (META-INF/batch-jobs/purge-expired-recordings.xml). */
    public static final String NAME = "purge-expired-recordings";
    /** Job parameter: the instant (ISO-8601) the run treats as now, fixed at its start so a restart agrees. */
    public static final String AS_OF = "asOf";
    /** Job parameter: who started the run ("system" for the schedule, else the admin's reference). */
    public static final String STARTED_BY = "startedBy";

    public static final String STEP_EXPIRE = "expire-due-recordings";
    public static final String STEP_DELETE = "delete-expired-media";
    public static final String STEP_CHAT = "purge-chat";
    public static final String STEP_ANNOUNCE = "announce-completion";

    /** Keys of the counts the steps keep in their persistent user data (checkpointed with each chunk). */
    public static final String EXPIRED = "recordingsExpired";
    public static final String DELETED = "recordingsDeleted";
    public static final String MISSING_BLOBS = "missingBlobs";
    public static final String BYTES_FREED = "bytesFreed";
    public static final String CALLS_CHAT_PURGED = "callsChatPurged";
    public static final String CHAT_MESSAGES_DELETED = "chatMessagesDeleted";
    /** Organizations told that the run deleted recordings of theirs ({@link PurgeCompleted}). */
    public static final String ORGANIZATIONS_ANNOUNCED = "organizationsAnnounced";

    private PurgeJob() {
    }
}
