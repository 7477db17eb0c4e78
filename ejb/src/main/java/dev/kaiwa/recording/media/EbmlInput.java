package dev.kaiwa.recording.media;

import static java.util.Objects.requireNonNull;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Reads EBML ids, sizes and values from a stream, counting the position. The end of the input inside an
 * element is an {@link EOFException} (a truncated upload); a malformed id or size is an {@link
 * InvalidMediaException}.
 */
final class EbmlInput {
    private static final int COPY_BUFFER = 64 * 1024;

    private final InputStream in;
    private long position;

    EbmlInput(InputStream in) {
        this.in = requireNonNull(in, "in is null");
    }

    long position() {
        return position;
    }

    /** The next element id, or -1 at the end of the input. */
    int readIdOrEnd() throws IOException {
        int first = in.read();
        if (first < 0) {
            return -1;
        }
        position++;
        int length = Integer.numberOfLeadingZeros(first) - 23;
        if (first == 0 || length > 4) {
            throw new InvalidMediaException("invalid element id at byte " + (position - 1));
        }
        int id = first;
        for (int i = 1; i < length; i++) {
            id = (id << 8) | readByte();
        }
        return id;
    }

    /** An element size, or {@link Ebml#UNKNOWN_SIZE}. */
    long readSize() throws IOException {
        long start = position;
        int first = readByte();
        int length = Integer.numberOfLeadingZeros(first) - 23;
        if (first == 0) {
            throw new InvalidMediaException("invalid element size at byte " + start);
        }
        long mask = 0xFF >>> length;
        long size = first & mask;
        boolean allOnes = size == mask;
        for (int i = 1; i < length; i++) {
            int next = readByte();
            size = (size << 8) | next;
            allOnes &= next == 0xFF;
        }
        return allOnes ? Ebml.UNKNOWN_SIZE : size;
    }

    /** A track number in a block header: a variable-length integer like a size. */
    long readTrackNumber() throws IOException {
        long start = position;
        long value = readSize();
        if (value == Ebml.UNKNOWN_SIZE || value == 0) {
            throw new InvalidMediaException("invalid track number in the block at byte " + start);
        }
        return value;
    }

    int readByte() throws IOException {
        int value = in.read();
        if (value < 0) {
            throw new EOFException("end of input at byte " + position);
        }
        position++;
        return value;
    }

    byte[] readBytes(long size, long limit, String what) throws IOException {
        if (size < 0 || size > limit) {
            throw new InvalidMediaException(what + " at byte " + position + " is larger than " + limit + " bytes");
        }
        byte[] bytes = in.readNBytes((int) size);
        position += bytes.length;
        if (bytes.length < size) {
            throw new EOFException("end of input at byte " + position);
        }
        return bytes;
    }

    long readUnsigned(long size) throws IOException {
        if (size < 0 || size > 8) {
            throw new InvalidMediaException("unsigned integer of " + size + " bytes at byte " + position);
        }
        long value = 0;
        for (int i = 0; i < size; i++) {
            value = (value << 8) | readByte();
        }
        return value;
    }

    double readFloat(long size) throws IOException {
        if (size == 0) {
            return 0;
        }
        if (size == 4) {
            return Float.intBitsToFloat((int) readUnsigned(4));
        }
        if (size == 8) {
            return Double.longBitsToDouble(readUnsigned(8));
        }
        throw new InvalidMediaException("float of " + size + " bytes at byte " + position);
    }

    void skip(long size) throws IOException {
        long remaining = size;
        while (remaining > 0) {
            long skipped = in.skip(remaining);
            if (skipped <= 0) {
                readByte();
                skipped = 1;
            }
            else {
                position += skipped;
            }
            remaining -= skipped;
        }
    }

    void copy(long size, OutputStream out) throws IOException {
        byte[] buffer = new byte[(int) Math.min(COPY_BUFFER, Math.max(size, 1))];
        long remaining = size;
        while (remaining > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (n < 0) {
                throw new EOFException("end of input at byte " + position);
            }
            out.write(buffer, 0, n);
            position += n;
            remaining -= n;
        }
    }
}
