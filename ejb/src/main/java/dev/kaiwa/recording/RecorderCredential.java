package dev.kaiwa.recording;

import dev.kaiwa.shared.DomainException;
import dev.kaiwa.shared.ErrorCode;

/**
 * Who uploads: the recorder token handed to the recorder with the start (it names the recording), or the
 * recorder's participant token (it names the participant).
 */
public sealed interface RecorderCredential {
    /** FORBIDDEN unless this credential may upload to the recording. */
    void require(Recording recording);

    /** A recorder token for one recording. */
    record ForRecording(String callId, String recordingId) implements RecorderCredential {
        @Override
        public void require(Recording recording) {
            if (!recording.id().equals(recordingId) || !recording.callId().equals(callId)) {
                throw forbidden();
            }
        }
    }

    /** A participant token: its participant must be the recording's recorder. */
    record Participant(String callId, String participantId) implements RecorderCredential {
        @Override
        public void require(Recording recording) {
            if (!recording.callId().equals(callId) || !recording.recorderId().equals(participantId)) {
                throw forbidden();
            }
        }
    }

    private static DomainException forbidden() {
        return new DomainException(ErrorCode.FORBIDDEN, "Only the recording's recorder uploads its media");
    }
}
