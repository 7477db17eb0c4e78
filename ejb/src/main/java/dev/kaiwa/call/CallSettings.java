package dev.kaiwa.call;

import static java.util.Objects.requireNonNull;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** How a call behaves: recording policy, transcription, screen share and waiting room. */
@Embeddable
public class CallSettings {
    @Enumerated(EnumType.STRING)
    @Column(name = "recording_policy", nullable = false)
    private RecordingPolicy recordingPolicy;

    @Column(name = "transcription_enabled", nullable = false)
    private boolean transcriptionEnabled;

    @Enumerated(EnumType.STRING)
    @Column(name = "transcription_language", nullable = false)
    private TranscriptionLanguage transcriptionLanguage;

    @Column(name = "screen_share", nullable = false)
    private boolean screenShare;

    @Column(name = "waiting_room", nullable = false)
    private boolean waitingRoom;

    protected CallSettings() {
    }

    public CallSettings(RecordingPolicy recordingPolicy, boolean transcriptionEnabled,
            TranscriptionLanguage transcriptionLanguage, boolean screenShare, boolean waitingRoom) {
        this.recordingPolicy = requireNonNull(recordingPolicy, "recordingPolicy is null");
        this.transcriptionEnabled = transcriptionEnabled;
        this.transcriptionLanguage = requireNonNull(transcriptionLanguage, "transcriptionLanguage is null");
        this.screenShare = screenShare;
        this.waitingRoom = waitingRoom;
    }

    public static CallSettings defaults() {
        return new CallSettings(RecordingPolicy.OFF, false, TranscriptionLanguage.EN, true, false);
    }

    public RecordingPolicy recordingPolicy() {
        return recordingPolicy;
    }

    public boolean transcriptionEnabled() {
        return transcriptionEnabled;
    }

    public TranscriptionLanguage transcriptionLanguage() {
        return transcriptionLanguage;
    }

    public boolean screenShare() {
        return screenShare;
    }

    public boolean waitingRoom() {
        return waitingRoom;
    }
}
