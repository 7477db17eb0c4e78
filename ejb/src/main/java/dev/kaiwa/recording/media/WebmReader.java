package dev.kaiwa.recording.media;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Walks a WebM stream the way a recorder writes it: the EBML header, the Segment, its Info and Tracks, then
 * Cluster after Cluster and their children, whether sizes are known or not. Other Segment children (SeekHead,
 * Cues, Tags, Void, ...) are skipped. One pass, forward only; memory holds only the header elements.
 */
final class WebmReader {
    /** Limits for the elements held in memory; recorders write a few hundred bytes. */
    static final int MAX_EBML_HEADER = 4 * 1024;
    static final int MAX_INFO = 64 * 1024;
    static final int MAX_TRACKS = 1024 * 1024;
    static final long DEFAULT_TIMESTAMP_SCALE = 1_000_000;

    /** The parts of the stream before the first Cluster. */
    record Header(byte[] ebmlHeader, String docType, byte[] infoChildren, long timestampScale,
            Optional<Double> declaredDuration, byte[] tracks, List<Track> trackList) {
        boolean hasVideo() {
            return trackList.stream().anyMatch(track -> track.type() == Ebml.TRACK_TYPE_VIDEO);
        }
    }

    record Track(long number, int type, long defaultDurationNanos) {
    }

    /** A child element of the current Cluster, its header read and its payload not yet. */
    record Child(int id, long start, int headerLength, long size) {
        long length() {
            return headerLength + size;
        }
    }

    private final EbmlInput in;
    private int pendingId = -1;
    private long pendingStart;
    private long segmentEnd = Long.MAX_VALUE;
    private boolean inCluster;
    private long clusterEnd;
    private Child openChild;
    private long openChildEnd;

    WebmReader(InputStream in) {
        this.in = new EbmlInput(in);
    }

    EbmlInput input() {
        return in;
    }

    Header readHeader() throws IOException {
        int id = in.readIdOrEnd();
        if (id != Ebml.EBML_HEADER) {
            throw new InvalidMediaException("not a WebM stream: no EBML header at byte 0");
        }
        long size = in.readSize();
        byte[] payload = in.readBytes(size, MAX_EBML_HEADER, "the EBML header");
        String docType = docType(payload);
        if (!docType.equals("webm") && !docType.equals("matroska")) {
            throw new InvalidMediaException("not a WebM stream: document type is not webm");
        }
        ByteArrayOutputStream ebmlHeader = new ByteArrayOutputStream();
        ebmlHeader.writeBytes(Ebml.element(Ebml.EBML_HEADER, payload));

        if (in.readIdOrEnd() != Ebml.SEGMENT) {
            throw new InvalidMediaException("no Segment after the EBML header at byte " + in.position());
        }
        long segmentSize = in.readSize();
        if (segmentSize != Ebml.UNKNOWN_SIZE) {
            segmentEnd = in.position() + segmentSize;
        }

        byte[] infoChildren = null;
        long timestampScale = DEFAULT_TIMESTAMP_SCALE;
        Optional<Double> declaredDuration = Optional.empty();
        byte[] tracks = null;
        List<Track> trackList = List.of();
        while (in.position() < segmentEnd) {
            long start = in.position();
            int elementId = in.readIdOrEnd();
            if (elementId < 0) {
                break;
            }
            if (elementId == Ebml.CLUSTER) {
                pendingId = elementId;
                pendingStart = start;
                break;
            }
            if (elementId == Ebml.EBML_HEADER) {
                throw secondStream(start);
            }
            long elementSize = in.readSize();
            if (elementSize == Ebml.UNKNOWN_SIZE) {
                throw new InvalidMediaException("element of unknown size at byte " + start + " outside a Cluster");
            }
            if (elementId == Ebml.INFO) {
                ByteArrayOutputStream kept = new ByteArrayOutputStream();
                EbmlInput info = new EbmlInput(new ByteArrayInputStream(in.readBytes(elementSize, MAX_INFO, "Info")));
                for (int child = info.readIdOrEnd(); child >= 0; child = info.readIdOrEnd()) {
                    long childSize = info.readSize();
                    if (child == Ebml.TIMESTAMP_SCALE) {
                        timestampScale = info.readUnsigned(childSize);
                        if (timestampScale <= 0) {
                            throw new InvalidMediaException("timestamp scale must be positive");
                        }
                        kept.writeBytes(Ebml.element(child, Ebml.unsigned(timestampScale)));
                    }
                    else if (child == Ebml.DURATION) {
                        declaredDuration = Optional.of(info.readFloat(childSize));
                    }
                    else if (child == Ebml.VOID || child == Ebml.CRC_32) {
                        info.skip(childSize);
                    }
                    else {
                        kept.writeBytes(Ebml.element(child, info.readBytes(childSize, MAX_INFO, "an Info field")));
                    }
                }
                infoChildren = kept.toByteArray();
            }
            else if (elementId == Ebml.TRACKS) {
                byte[] payload2 = in.readBytes(elementSize, MAX_TRACKS, "Tracks");
                tracks = Ebml.element(Ebml.TRACKS, payload2);
                trackList = tracks(payload2);
            }
            else {
                in.skip(elementSize);
            }
        }
        if (infoChildren == null || tracks == null) {
            throw new InvalidMediaException("no Info and Tracks before the first Cluster");
        }
        if (trackList.isEmpty()) {
            throw new InvalidMediaException("Tracks declares no track");
        }
        return new Header(ebmlHeader.toByteArray(), docType, infoChildren, timestampScale, declaredDuration, tracks,
                trackList);
    }

    /**
     * Moves to the next Cluster, skipping what is left of the current one and any other elements; false at
     * the end of the Segment or the input.
     */
    boolean nextCluster() throws IOException {
        if (inCluster) {
            for (Child child = nextChild(); child != null; child = nextChild()) {
                // skipped by nextChild
            }
        }
        while (in.position() < segmentEnd) {
            long start = pendingId >= 0 ? pendingStart : in.position();
            int id = pendingId >= 0 ? pendingId : in.readIdOrEnd();
            pendingId = -1;
            if (id < 0) {
                return false;
            }
            if (id == Ebml.EBML_HEADER) {
                throw secondStream(start);
            }
            long size = in.readSize();
            if (id == Ebml.CLUSTER) {
                inCluster = true;
                clusterEnd = size == Ebml.UNKNOWN_SIZE ? Long.MAX_VALUE : in.position() + size;
                return true;
            }
            if (size == Ebml.UNKNOWN_SIZE) {
                throw new InvalidMediaException("element of unknown size at byte " + start + " outside a Cluster");
            }
            in.skip(size);
        }
        return false;
    }

    /**
     * The next child of the current Cluster, or null at its end. The payload of the previous child is
     * skipped if it was not read.
     */
    Child nextChild() throws IOException {
        if (openChild != null) {
            in.skip(openChildEnd - in.position());
            openChild = null;
        }
        if (!inCluster || in.position() >= Math.min(clusterEnd, segmentEnd)) {
            inCluster = false;
            return null;
        }
        long start = in.position();
        int id = in.readIdOrEnd();
        if (id < 0) {
            inCluster = false;
            return null;
        }
        if (clusterEnd == Long.MAX_VALUE && Ebml.isTopLevel(id)) {
            pendingId = id;
            pendingStart = start;
            inCluster = false;
            return null;
        }
        long size = in.readSize();
        if (size == Ebml.UNKNOWN_SIZE) {
            throw new InvalidMediaException("Cluster child of unknown size at byte " + start);
        }
        openChild = new Child(id, start, (int) (in.position() - start), size);
        openChildEnd = in.position() + size;
        return openChild;
    }

    /** Marks the current child's payload as read up to where the input is now. */
    void payloadConsumed() {
        openChild = null;
    }

    /** The payload bytes of the current child not read yet. */
    long payloadRemaining() {
        return openChild == null ? 0 : openChildEnd - in.position();
    }

    private static InvalidMediaException secondStream(long start) {
        return new InvalidMediaException("a second WebM stream starts at byte " + start
                + " (the recorder was restarted); only one stream per recording can be finalized");
    }

    private static String docType(byte[] payload) throws IOException {
        EbmlInput header = new EbmlInput(new ByteArrayInputStream(payload));
        String docType = "matroska";
        for (int id = header.readIdOrEnd(); id >= 0; id = header.readIdOrEnd()) {
            long size = header.readSize();
            if (id == Ebml.DOC_TYPE) {
                docType = new String(header.readBytes(size, MAX_EBML_HEADER, "DocType"), US_ASCII).replace("\0", "");
            }
            else {
                header.skip(size);
            }
        }
        return docType;
    }

    private static List<Track> tracks(byte[] payload) throws IOException {
        List<Track> tracks = new ArrayList<>();
        EbmlInput in = new EbmlInput(new ByteArrayInputStream(payload));
        for (int id = in.readIdOrEnd(); id >= 0; id = in.readIdOrEnd()) {
            long size = in.readSize();
            if (id != Ebml.TRACK_ENTRY) {
                in.skip(size);
                continue;
            }
            EbmlInput entry = new EbmlInput(new ByteArrayInputStream(in.readBytes(size, MAX_TRACKS, "TrackEntry")));
            long number = 0;
            int type = 0;
            long defaultDuration = 0;
            for (int field = entry.readIdOrEnd(); field >= 0; field = entry.readIdOrEnd()) {
                long fieldSize = entry.readSize();
                if (field == Ebml.TRACK_NUMBER) {
                    number = entry.readUnsigned(fieldSize);
                }
                else if (field == Ebml.TRACK_TYPE) {
                    type = (int) entry.readUnsigned(fieldSize);
                }
                else if (field == Ebml.DEFAULT_DURATION) {
                    defaultDuration = entry.readUnsigned(fieldSize);
                }
                else {
                    entry.skip(fieldSize);
                }
            }
            if (number == 0) {
                throw new InvalidMediaException("a TrackEntry has no track number");
            }
            tracks.add(new Track(number, type, defaultDuration));
        }
        return List.copyOf(tracks);
    }
}
