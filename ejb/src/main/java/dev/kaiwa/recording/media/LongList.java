package dev.kaiwa.recording.media;

import java.util.Arrays;

/** A growable list of primitive longs: one entry per Cluster or cue point costs 8 bytes, not an object. */
final class LongList {
    private long[] values = new long[64];
    private int size;

    void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    long get(int index) {
        if (index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return values[index];
    }

    int size() {
        return size;
    }
}
