package dev.kaiwa.recording;

/** Target quality; the recorder picks resolution and bit rates from it. */
public enum RecordingQuality {
    LOW(640, 360, 500_000, 48_000),
    MEDIUM(1280, 720, 1_500_000, 96_000),
    HIGH(1920, 1080, 3_000_000, 128_000);

    private final int width;
    private final int height;
    private final int videoBitsPerSecond;
    private final int audioBitsPerSecond;

    RecordingQuality(int width, int height, int videoBitsPerSecond, int audioBitsPerSecond) {
        this.width = width;
        this.height = height;
        this.videoBitsPerSecond = videoBitsPerSecond;
        this.audioBitsPerSecond = audioBitsPerSecond;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int videoBitsPerSecond() {
        return videoBitsPerSecond;
    }

    public int audioBitsPerSecond() {
        return audioBitsPerSecond;
    }
}
