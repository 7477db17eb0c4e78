package dev.kaiwa.recording.media;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A whole WebM file parsed into its elements, for assertions about layout and frames. Written apart from the
 * production reader so that a bug there cannot hide itself here; holds the file in memory (test files are
 * small). Elements of unknown size (a recorder's Segment and Clusters) end where the next top-level element
 * or the file begins or ends.
 */
final class WebmStructure {
    static final int EBML = 0x1A45DFA3;
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
    static final int CLUSTER = 0x1F43B675;
    static final int TIMESTAMP = 0xE7;
    static final int SIMPLE_BLOCK = 0xA3;
    static final int BLOCK_GROUP = 0xA0;
    static final int BLOCK = 0xA1;
    static final int REFERENCE_BLOCK = 0xFB;
    static final int CUES = 0x1C53BB6B;
    static final int CUE_POINT = 0xBB;
    static final int CUE_TIME = 0xB3;
    static final int CUE_TRACK_POSITIONS = 0xB7;
    static final int CUE_TRACK = 0xF7;
    static final int CUE_CLUSTER_POSITION = 0xF1;
    static final int CUE_RELATIVE_POSITION = 0xF0;

    private static final Set<Integer> MASTERS = Set.of(EBML, SEGMENT, SEEK_HEAD, SEEK, INFO, TRACKS, TRACK_ENTRY,
            CLUSTER, BLOCK_GROUP, CUES, CUE_POINT, CUE_TRACK_POSITIONS);
    private static final Set<Integer> TOP_LEVEL = Set.of(EBML, SEGMENT, SEEK_HEAD, INFO, TRACKS, CLUSTER, CUES,
            0x1254C367, 0x1043A770, 0x1941A469);

    /** One element: where it starts, its header length, its size (-1 when unknown), its end, its children. */
    record Element(int id, long offset, int headerLength, long size, long end, List<Element> children) {
        long dataOffset() {
            return offset + headerLength;
        }

        List<Element> all(int childId) {
            return children.stream().filter(child -> child.id() == childId).toList();
        }

        Optional<Element> first(int childId) {
            return children.stream().filter(child -> child.id() == childId).findFirst();
        }
    }

    /** A frame: its track, absolute timestamp in ticks, whether it is a keyframe, and the block's bytes. */
    record Frame(long track, long timestamp, boolean keyframe, byte[] block, Element element) {
    }

    record CuePoint(long time, long track, long clusterPosition, long relativePosition) {
    }

    private final byte[] bytes;
    private final List<Element> topLevel;

    private WebmStructure(byte[] bytes) {
        this.bytes = bytes;
        this.topLevel = parse(0, bytes.length, false);
    }

    static WebmStructure parse(byte[] bytes) {
        return new WebmStructure(requireNonNull(bytes, "bytes is null"));
    }

    List<Element> topLevel() {
        return topLevel;
    }

    Element segment() {
        return topLevel.stream().filter(element -> element.id() == SEGMENT).findFirst()
                .orElseThrow(() -> new AssertionError("no Segment"));
    }

    Element segmentChild(int id) {
        return segment().first(id).orElseThrow(() -> new AssertionError("no element " + Integer.toHexString(id)));
    }

    List<Element> clusters() {
        return segment().all(CLUSTER);
    }

    /** Every element in the file, depth first. */
    List<Element> everyElement() {
        List<Element> all = new ArrayList<>();
        collect(topLevel, all);
        return all;
    }

    long timestampScale() {
        return segmentChild(INFO).first(TIMESTAMP_SCALE).map(this::unsigned).orElse(1_000_000L);
    }

    Optional<Double> duration() {
        return segmentChild(INFO).first(DURATION).map(this::floatValue);
    }

    /** Track numbers of video tracks. */
    List<Long> videoTracks() {
        return segmentChild(TRACKS).all(TRACK_ENTRY).stream()
                .filter(entry -> entry.first(TRACK_TYPE).map(this::unsigned).orElse(0L) == 1)
                .map(entry -> unsigned(entry.first(TRACK_NUMBER).orElseThrow()))
                .toList();
    }

    List<Frame> frames() {
        List<Frame> frames = new ArrayList<>();
        for (Element cluster : clusters()) {
            long clusterTime = unsigned(cluster.first(TIMESTAMP).orElseThrow());
            for (Element child : cluster.children()) {
                if (child.id() == SIMPLE_BLOCK) {
                    frames.add(frame(clusterTime, child, child, (bytes[blockFlagsOffset(child)] & 0x80) != 0));
                }
                else if (child.id() == BLOCK_GROUP) {
                    Element block = child.first(BLOCK).orElseThrow();
                    frames.add(frame(clusterTime, block, child, child.first(REFERENCE_BLOCK).isEmpty()));
                }
            }
        }
        return frames;
    }

    List<CuePoint> cues() {
        List<CuePoint> cues = new ArrayList<>();
        for (Element point : segmentChild(CUES).all(CUE_POINT)) {
            Element positions = point.first(CUE_TRACK_POSITIONS).orElseThrow();
            cues.add(new CuePoint(unsigned(point.first(CUE_TIME).orElseThrow()),
                    unsigned(positions.first(CUE_TRACK).orElseThrow()),
                    unsigned(positions.first(CUE_CLUSTER_POSITION).orElseThrow()),
                    positions.first(CUE_RELATIVE_POSITION).map(this::unsigned).orElse(-1L)));
        }
        return cues;
    }

    /** SeekHead entries as (element id, position relative to the Segment's data). */
    List<long[]> seeks() {
        List<long[]> seeks = new ArrayList<>();
        for (Element seek : segmentChild(SEEK_HEAD).all(SEEK)) {
            seeks.add(new long[] {unsigned(seek.first(SEEK_ID).orElseThrow()),
                    unsigned(seek.first(SEEK_POSITION).orElseThrow())});
        }
        return seeks;
    }

    /** The element that starts at an absolute offset, if any. */
    Optional<Element> elementAt(long offset) {
        return everyElement().stream().filter(element -> element.offset() == offset).findFirst();
    }

    long unsigned(Element element) {
        long value = 0;
        for (long i = element.dataOffset(); i < element.end(); i++) {
            value = (value << 8) | (bytes[(int) i] & 0xFF);
        }
        return value;
    }

    double floatValue(Element element) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, (int) element.dataOffset(), (int) element.size());
        return element.size() == 4 ? buffer.getFloat() : buffer.getDouble();
    }

    private Frame frame(long clusterTime, Element block, Element element, boolean keyframe) {
        int offset = (int) block.dataOffset();
        int trackLength = Integer.numberOfLeadingZeros(bytes[offset] & 0xFF) - 23;
        long track = bytes[offset] & (0xFF >>> trackLength);
        for (int i = 1; i < trackLength; i++) {
            track = (track << 8) | (bytes[offset + i] & 0xFF);
        }
        short relative = (short) (((bytes[offset + trackLength] & 0xFF) << 8) | (bytes[offset + trackLength + 1] & 0xFF));
        byte[] content = Arrays.copyOfRange(bytes, offset, (int) block.end());
        return new Frame(track, clusterTime + relative, keyframe, content, element);
    }

    private int blockFlagsOffset(Element block) {
        int offset = (int) block.dataOffset();
        int trackLength = Integer.numberOfLeadingZeros(bytes[offset] & 0xFF) - 23;
        return offset + trackLength + 2;
    }

    private List<Element> parse(long start, long end, boolean stopAtTopLevel) {
        List<Element> elements = new ArrayList<>();
        long position = start;
        while (position < end) {
            int first = bytes[(int) position] & 0xFF;
            int idLength = Integer.numberOfLeadingZeros(first) - 23;
            if (first == 0 || idLength > 4) {
                throw new AssertionError("invalid id at " + position);
            }
            int id = 0;
            for (int i = 0; i < idLength; i++) {
                id = (id << 8) | (bytes[(int) position + i] & 0xFF);
            }
            if (stopAtTopLevel && TOP_LEVEL.contains(id)) {
                break;
            }
            int sizeFirst = bytes[(int) position + idLength] & 0xFF;
            int sizeLength = Integer.numberOfLeadingZeros(sizeFirst) - 23;
            long mask = 0xFF >>> sizeLength;
            long size = sizeFirst & mask;
            boolean unknown = size == mask;
            for (int i = 1; i < sizeLength; i++) {
                int next = bytes[(int) position + idLength + i] & 0xFF;
                size = (size << 8) | next;
                unknown &= next == 0xFF;
            }
            int headerLength = idLength + sizeLength;
            long dataStart = position + headerLength;
            if (unknown) {
                List<Element> children = parse(dataStart, end, id == CLUSTER);
                long elementEnd = children.isEmpty() ? dataStart : children.get(children.size() - 1).end();
                elements.add(new Element(id, position, headerLength, -1, elementEnd, children));
                position = elementEnd;
            }
            else {
                long elementEnd = dataStart + size;
                if (elementEnd > end) {
                    throw new AssertionError("element " + Integer.toHexString(id) + " at " + position
                            + " ends at " + elementEnd + ", after its parent's end " + end);
                }
                List<Element> children = MASTERS.contains(id) ? parse(dataStart, elementEnd, false) : List.of();
                elements.add(new Element(id, position, headerLength, size, elementEnd, children));
                position = elementEnd;
            }
        }
        return elements;
    }

    private static void collect(List<Element> elements, List<Element> all) {
        for (Element element : elements) {
            all.add(element);
            collect(element.children(), all);
        }
    }
}
