package dev.kaiwa.recording.media;

import java.io.ByteArrayOutputStream;

/**
 * The EBML element ids of the WebM subset this package reads and writes, and the encoders of ids, sizes
 * and unsigned integers (RFC 8794, Matroska RFC 9559).
 */
final class Ebml {
    static final int EBML_HEADER = 0x1A45DFA3;
    static final int DOC_TYPE = 0x4282;
    static final int SEGMENT = 0x18538067;

    static final int SEEK_HEAD = 0x114D9B74;
    static final int SEEK = 0x4DBB;
    static final int SEEK_ID = 0x53AB;
    static final int SEEK_POSITION = 0x53AC;

    static final int INFO = 0x1549A966;
    static final int TIMESTAMP_SCALE = 0x2AD7B1;
    static final int DURATION = 0x4489;

    static final int TRACKS = 0x1654AE6B;
    static final int TRACK_ENTRY = 0xAE;
    static final int TRACK_NUMBER = 0xD7;
    static final int TRACK_TYPE = 0x83;
    static final int DEFAULT_DURATION = 0x23E383;

    static final int CLUSTER = 0x1F43B675;
    static final int TIMESTAMP = 0xE7;
    static final int SIMPLE_BLOCK = 0xA3;
    static final int BLOCK_GROUP = 0xA0;
    static final int BLOCK = 0xA1;
    static final int BLOCK_DURATION = 0x9B;
    static final int REFERENCE_BLOCK = 0xFB;
    static final int POSITION = 0xA7;
    static final int PREV_SIZE = 0xAB;

    static final int CUES = 0x1C53BB6B;
    static final int CUE_POINT = 0xBB;
    static final int CUE_TIME = 0xB3;
    static final int CUE_TRACK_POSITIONS = 0xB7;
    static final int CUE_TRACK = 0xF7;
    static final int CUE_CLUSTER_POSITION = 0xF1;
    static final int CUE_RELATIVE_POSITION = 0xF0;

    static final int TAGS = 0x1254C367;
    static final int CHAPTERS = 0x1043A770;
    static final int ATTACHMENTS = 0x1941A469;

    static final int VOID = 0xEC;
    static final int CRC_32 = 0xBF;

    static final int TRACK_TYPE_VIDEO = 1;
    static final int TRACK_TYPE_AUDIO = 2;

    /** The size value that marks an element of unknown size (all value bits set). */
    static final long UNKNOWN_SIZE = -1;
    /** Width of sizes and positions written fixed, so a layout can be computed before the values are known. */
    static final int FIXED_WIDTH = 8;

    private Ebml() {
    }

    /** Elements that end a Cluster of unknown size: the Segment's children and a new EBML stream. */
    static boolean isTopLevel(int id) {
        return id == CLUSTER || id == CUES || id == SEEK_HEAD || id == INFO || id == TRACKS || id == TAGS
                || id == CHAPTERS || id == ATTACHMENTS || id == EBML_HEADER || id == SEGMENT;
    }

    static byte[] id(int id) {
        int length = id >= 0x1000000 ? 4 : id >= 0x10000 ? 3 : id >= 0x100 ? 2 : 1;
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (id >>> (8 * (length - 1 - i)));
        }
        return bytes;
    }

    /** A size in as few bytes as it takes (values with all bits set are reserved for "unknown"). */
    static byte[] size(long size) {
        int length = 1;
        while (length < FIXED_WIDTH && size >= (1L << (7 * length)) - 1) {
            length++;
        }
        return size(size, length);
    }

    /** A size in exactly {@code length} bytes. */
    static byte[] size(long size, int length) {
        if (size < 0 || size >= (1L << (7 * length)) - 1) {
            throw new IllegalArgumentException("size " + size + " does not fit " + length + " bytes");
        }
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (size >>> (8 * (length - 1 - i)));
        }
        bytes[0] |= (byte) (0x80 >>> (length - 1));
        return bytes;
    }

    /** An unsigned integer in as few bytes as it takes (at least one). */
    static byte[] unsigned(long value) {
        int length = 1;
        while (length < 8 && (value >>> (8 * length)) != 0) {
            length++;
        }
        return unsigned(value, length);
    }

    static byte[] unsigned(long value, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (value >>> (8 * (length - 1 - i)));
        }
        return bytes;
    }

    /** A whole element: id, size, payload. */
    static byte[] element(int id, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 12);
        out.writeBytes(id(id));
        out.writeBytes(size(payload.length));
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** Element header (id and size) length for a payload of {@code size} bytes written with a minimal size. */
    static int headerLength(int id, long size) {
        return id(id).length + size(size).length;
    }
}
