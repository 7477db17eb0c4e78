package dev.kaiwa.bench;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.ByteArrayOutputStream;
import java.util.Random;

/**
 * A WebM stream of a given size laid out the way a browser's MediaRecorder writes one: the EBML header, a
 * Segment of unknown size, Info, Tracks with one VP8 video track, then Clusters of unknown size, each a
 * Timestamp and SimpleBlocks (the first a keyframe). The frames are random bytes: the server reads element
 * and block headers, copies frames byte for byte and never decodes them, so they cost it what real frames of
 * the same size would, and random bytes are as incompressible as encoded video. A Void element (padding) at
 * the end makes the stream exactly as long as asked.
 *
 * <p>The frames' timestamps span {@link #DURATION_MILLIS} ms whatever the size, so the media is never longer
 * than the recording's start-to-stop interval (the server refuses longer media as MEDIA_TOO_LONG).
 */
final class SyntheticWebm {
    /** How long the media lasts, from its frames' timestamps. */
    static final int DURATION_MILLIS = 1000;
    /** Bytes of one frame; a 720p VP8 frame at a few Mbit/s is of this order. */
    static final int FRAME_BYTES = 16 * 1024;
    static final int FRAMES_PER_CLUSTER = 64;
    static final int MINIMUM_BYTES = 64 * 1024;
    /** A Cluster's id, unknown size and Timestamp (of at most two bytes: times stay under a second). */
    private static final int CLUSTER_HEADER_MAXIMUM = 4 + 8 + 4;
    private static final int VOID_MINIMUM = 2;

    private static final int EBML_HEADER = 0x1A45DFA3;
    private static final int EBML_VERSION = 0x4286;
    private static final int EBML_READ_VERSION = 0x42F7;
    private static final int EBML_MAX_ID_LENGTH = 0x42F2;
    private static final int EBML_MAX_SIZE_LENGTH = 0x42F3;
    private static final int DOC_TYPE = 0x4282;
    private static final int DOC_TYPE_VERSION = 0x4287;
    private static final int DOC_TYPE_READ_VERSION = 0x4285;
    private static final int SEGMENT = 0x18538067;
    private static final int INFO = 0x1549A966;
    private static final int TIMESTAMP_SCALE = 0x2AD7B1;
    private static final int MUXING_APP = 0x4D80;
    private static final int WRITING_APP = 0x5741;
    private static final int TRACKS = 0x1654AE6B;
    private static final int TRACK_ENTRY = 0xAE;
    private static final int TRACK_NUMBER = 0xD7;
    private static final int TRACK_UID = 0x73C5;
    private static final int TRACK_TYPE = 0x83;
    private static final int CODEC_ID = 0x86;
    private static final int VIDEO = 0xE0;
    private static final int PIXEL_WIDTH = 0xB0;
    private static final int PIXEL_HEIGHT = 0xBA;
    private static final int CLUSTER = 0x1F43B675;
    private static final int TIMESTAMP = 0xE7;
    private static final int SIMPLE_BLOCK = 0xA3;
    private static final int VOID = 0xEC;
    /** An 8-byte size with all value bits set: "unknown", as MediaRecorder writes the Segment and Clusters. */
    private static final byte[] UNKNOWN_SIZE = {0x01, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
            (byte) 0xFF, (byte) 0xFF};

    private SyntheticWebm() {
    }

    /**
     * A stream of exactly {@code bytes} (at least 64 KiB): frames while they fit, then an EBML Void element
     * (padding, which readers skip) fills what is left.
     */
    static byte[] generate(long bytes, Random random) {
        if (bytes < MINIMUM_BYTES || bytes > Integer.MAX_VALUE - 1024) {
            throw new IllegalArgumentException("size must be " + MINIMUM_BYTES + " bytes to 2 GiB: " + bytes);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) bytes);
        out.writeBytes(element(EBML_HEADER, concat(
                element(EBML_VERSION, unsigned(1)),
                element(EBML_READ_VERSION, unsigned(1)),
                element(EBML_MAX_ID_LENGTH, unsigned(4)),
                element(EBML_MAX_SIZE_LENGTH, unsigned(8)),
                element(DOC_TYPE, "webm".getBytes(US_ASCII)),
                element(DOC_TYPE_VERSION, unsigned(4)),
                element(DOC_TYPE_READ_VERSION, unsigned(2)))));
        out.writeBytes(id(SEGMENT));
        out.writeBytes(UNKNOWN_SIZE);
        out.writeBytes(element(INFO, concat(
                element(TIMESTAMP_SCALE, unsigned(1_000_000)),
                element(MUXING_APP, "kaiwa-bench".getBytes(US_ASCII)),
                element(WRITING_APP, "kaiwa-bench".getBytes(US_ASCII)))));
        out.writeBytes(element(TRACKS, element(TRACK_ENTRY, concat(
                element(TRACK_NUMBER, unsigned(1)),
                element(TRACK_UID, unsigned(1)),
                element(TRACK_TYPE, unsigned(1)),
                element(CODEC_ID, "V_VP8".getBytes(US_ASCII)),
                element(VIDEO, concat(element(PIXEL_WIDTH, unsigned(1280)), element(PIXEL_HEIGHT, unsigned(720))))))));
        long frames = framesFitting(bytes - out.size());
        byte[] frame = new byte[FRAME_BYTES];
        long clusterStart = 0;
        for (long index = 0; index < frames; index++) {
            long time = index * DURATION_MILLIS / frames;
            boolean firstOfCluster = index % FRAMES_PER_CLUSTER == 0;
            if (firstOfCluster) {
                clusterStart = time;
                out.writeBytes(id(CLUSTER));
                out.writeBytes(UNKNOWN_SIZE);
                out.writeBytes(element(TIMESTAMP, unsigned(time)));
            }
            random.nextBytes(frame);
            int relative = (int) (time - clusterStart);
            byte[] blockHeader = {(byte) 0x81, (byte) (relative >> 8), (byte) relative, (byte) (firstOfCluster ? 0x80 : 0)};
            out.writeBytes(id(SIMPLE_BLOCK));
            out.writeBytes(size(blockHeader.length + FRAME_BYTES));
            out.writeBytes(blockHeader);
            out.writeBytes(frame);
        }
        out.writeBytes(voidElement(bytes - out.size()));
        return out.toByteArray();
    }

    /** How many frames, with their Clusters' headers, fit in {@code available} bytes and leave room for a Void. */
    private static long framesFitting(long available) {
        long frameLength = id(SIMPLE_BLOCK).length + size(4 + FRAME_BYTES).length + 4 + FRAME_BYTES;
        long used = 0;
        long frames = 0;
        while (true) {
            long next = frameLength + (frames % FRAMES_PER_CLUSTER == 0 ? CLUSTER_HEADER_MAXIMUM : 0);
            if (used + next > available - VOID_MINIMUM) {
                return frames;
            }
            used += next;
            frames++;
        }
    }

    /** A Void element of exactly {@code length} bytes (at least {@value #VOID_MINIMUM}). */
    private static byte[] voidElement(long length) {
        for (int sizeLength = 1; sizeLength <= 8; sizeLength++) {
            long payload = length - 1 - sizeLength;
            if (payload >= 0 && payload < (1L << (7 * sizeLength)) - 1) {
                byte[] bytes = new byte[(int) length];
                bytes[0] = (byte) VOID;
                for (int index = 0; index < sizeLength; index++) {
                    bytes[1 + index] = (byte) (payload >>> (8 * (sizeLength - 1 - index)));
                }
                bytes[1] |= (byte) (0x80 >>> (sizeLength - 1));
                return bytes;
            }
        }
        throw new IllegalArgumentException("no Void element is " + length + " bytes long");
    }

    private static byte[] element(int id, byte[] payload) {
        return concat(id(id), size(payload.length), payload);
    }

    /** An element id as written: its bytes, marker bits included, without leading zero bytes. */
    private static byte[] id(int id) {
        int length = id >= 0x1000000 ? 4 : id >= 0x10000 ? 3 : id >= 0x100 ? 2 : 1;
        byte[] bytes = new byte[length];
        for (int index = 0; index < length; index++) {
            bytes[index] = (byte) (id >>> (8 * (length - 1 - index)));
        }
        return bytes;
    }

    /** A size as an EBML variable-length integer of the fewest bytes (all ones would mean "unknown"). */
    private static byte[] size(long value) {
        int length = 1;
        while (value >= (1L << (7 * length)) - 1) {
            length++;
        }
        byte[] bytes = new byte[length];
        for (int index = 0; index < length; index++) {
            bytes[index] = (byte) (value >>> (8 * (length - 1 - index)));
        }
        bytes[0] |= (byte) (0x80 >>> (length - 1));
        return bytes;
    }

    private static byte[] unsigned(long value) {
        int length = 1;
        while (length < 8 && value >>> (8 * length) != 0) {
            length++;
        }
        byte[] bytes = new byte[length];
        for (int index = 0; index < length; index++) {
            bytes[index] = (byte) (value >>> (8 * (length - 1 - index)));
        }
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
