package dev.kaiwa.recording;

/** What a start asks for; null fields take the defaults (COMPOSITE, WEBM, MEDIUM, audio and video). */
public record RecordingRequest(RecordingKind kind, RecordingFormat format, RecordingQuality quality, Boolean audioOnly) {
    public RecordingKind kindOrDefault() {
        return kind == null ? RecordingKind.COMPOSITE : kind;
    }

    public RecordingFormat formatOrDefault() {
        return format == null ? RecordingFormat.WEBM : format;
    }

    public RecordingQuality qualityOrDefault() {
        return quality == null ? RecordingQuality.MEDIUM : quality;
    }

    public boolean audioOnlyOrDefault() {
        return audioOnly != null && audioOnly;
    }
}
