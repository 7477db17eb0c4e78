package dev.kaiwa.signaling;

import static java.util.Objects.requireNonNull;

import dev.kaiwa.call.Call;
import dev.kaiwa.consent.ConsentPurpose;
import dev.kaiwa.participant.WaitingReason;
import dev.kaiwa.recording.RecordingState;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a signaling join: who joined which call, whether it waits for a moderator, and
 * a fresh participant token; for a join with a ticket, the address the ticket was requested from (else null).
 */
public record Admission(CallView call, PeerView participant, WaitingReason waitingReason, String participantToken,
        Instant participantTokenExpiresAt, Map<ConsentPurpose, Boolean> consents, List<RecordingState> recordings,
        String clientAddress) {
    public Admission {
        requireNonNull(call, "call is null");
        requireNonNull(participant, "participant is null");
        requireNonNull(participantToken, "participantToken is null");
        requireNonNull(participantTokenExpiresAt, "participantTokenExpiresAt is null");
        consents = Map.copyOf(consents);
        recordings = List.copyOf(recordings);
    }

    /** The same admission of a participant whose join ticket was requested from {@code address}. */
    public Admission from(String address) {
        return new Admission(call, participant, waitingReason, participantToken, participantTokenExpiresAt, consents,
                recordings, address);
    }

    /** Waits for a moderator or in the consent step, rather than taking part. */
    public boolean waiting() {
        return waitingReason != null;
    }

    /** What welcome tells about the call. */
    public record CallView(String id, String title, String type, String status, String recording, boolean transcription,
            String language, boolean screenShare, boolean waitingRoom) {
        public static CallView of(Call call) {
            return new CallView(call.id(), call.title(), call.type().name(), call.status().name(),
                    call.settings().recordingPolicy().name(), call.settings().transcriptionEnabled(),
                    call.settings().transcriptionLanguage().code(), call.settings().screenShare(),
                    call.settings().waitingRoom());
        }
    }
}
