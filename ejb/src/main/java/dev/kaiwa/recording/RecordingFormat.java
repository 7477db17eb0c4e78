package dev.kaiwa.recording;

/** Container format of a recording. */
public enum RecordingFormat {
    /** WebM with VP8 or VP9 video and Opus audio, as MediaRecorder writes it. */
    WEBM("video/webm", "audio/webm", "webm");

    private final String videoType;
    private final String audioType;
    private final String extension;

    RecordingFormat(String videoType, String audioType, String extension) {
        this.videoType = videoType;
        this.audioType = audioType;
        this.extension = extension;
    }

    /** The Content-Type of a file in this format. */
    public String contentType(boolean audioOnly) {
        return audioOnly ? audioType : videoType;
    }

    public String extension() {
        return extension;
    }
}
