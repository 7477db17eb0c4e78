package dev.kaiwa.recording.media;

import static java.util.Objects.requireNonNull;

import dev.kaiwa.storage.Sha256;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns a browser's MediaRecorder WebM (the uploaded chunks one after the other) into a seekable WebM,
 * without ffmpeg: Segment and Clusters get known sizes, Info gets the Duration, a SeekHead points at Info,
 * Tracks and Cues, and Cues (placed before the Clusters, so a player finds them in its first range request)
 * point at each Cluster that starts with a video keyframe, or at every Cluster when there is no video.
 * Frames are copied byte for byte.
 *
 * <p>Two passes over the input: the first reads element headers and block headers only and plans the
 * layout (memory: 8 bytes per Cluster plus 32 per cue point), the second copies. The output is written
 * front to back in one go, so it can go straight into an encrypting store.
 */
public final class WebmFinalizer {
    /** Most Clusters one stream may have (recorders start one every few seconds); bounds the plan's memory. */
    public static final int MAX_CLUSTERS = 1_000_000;

    private static final int INPUT_BUFFER = 64 * 1024;
    private static final long SKIPPED = -1;

    private WebmFinalizer() {
    }

    /**
     * Writes the seekable WebM of {@code source} to {@code target} (not closed) and reports its size,
     * duration, SHA-256 and cue points. An input that ends inside an element keeps the frames before it.
     *
     * @throws InvalidMediaException if the input is not a single WebM stream with frames
     * @throws IOException if reading or writing fails, or the input differs between the two passes
     */
    public static FinalizedMedia finalizeWebm(MediaSource source, OutputStream target) throws IOException {
        requireNonNull(source, "source is null");
        requireNonNull(target, "target is null");
        Plan plan;
        try (InputStream in = new BufferedInputStream(source.open(), INPUT_BUFFER)) {
            plan = scan(in, true);
        }
        if (plan.frames == 0) {
            throw new InvalidMediaException("the stream holds no frames");
        }
        CountingDigestOutput out = new CountingDigestOutput(target);
        writeHead(plan, out);
        try (InputStream in = new BufferedInputStream(source.open(), INPUT_BUFFER)) {
            copyClusters(in, plan, out);
        }
        catch (EOFException | InvalidMediaException e) {
            throw changedBetweenPasses(e);
        }
        out.flush();
        return new FinalizedMedia(out.count(), plan.durationMillis(), out.sha256(), plan.cueTimes.size(),
                plan.header.hasVideo(), plan.truncated);
    }

    /**
     * The duration of a WebM stream, up to the end of its last frame, computed from the frames' timestamps
     * (a Duration the stream declares is not trusted). Reads element and block headers only, in one pass
     * with constant memory; an input that ends inside an element counts the frames before it.
     *
     * @throws InvalidMediaException if the input is not a single WebM stream
     */
    public static Duration readDuration(InputStream webm) throws IOException {
        Plan plan = scan(new BufferedInputStream(requireNonNull(webm, "webm is null"), INPUT_BUFFER), false);
        return Duration.ofNanos(plan.durationNanos());
    }

    private static Plan scan(InputStream input, boolean planLayout) throws IOException {
        WebmReader reader = new WebmReader(input);
        WebmReader.Header header;
        try {
            header = reader.readHeader();
        }
        catch (EOFException e) {
            throw new InvalidMediaException("the stream ends before its first Cluster");
        }
        Plan plan = new Plan(header, planLayout);
        try {
            while (reader.nextCluster()) {
                ClusterScan cluster = new ClusterScan();
                try {
                    for (WebmReader.Child child = reader.nextChild(); child != null; child = reader.nextChild()) {
                        scanChild(reader, child, cluster, plan);
                    }
                }
                catch (EOFException e) {
                    plan.truncated = true;
                }
                plan.addCluster(cluster);
                if (plan.truncated) {
                    break;
                }
            }
        }
        catch (EOFException e) {
            plan.truncated = true;
        }
        return plan;
    }

    private static void scanChild(WebmReader reader, WebmReader.Child child, ClusterScan cluster, Plan plan)
            throws IOException {
        EbmlInput in = reader.input();
        switch (child.id()) {
            case Ebml.TIMESTAMP -> {
                cluster.timestamp = in.readUnsigned(child.size());
                reader.payloadConsumed();
                cluster.kept += child.length();
            }
            case Ebml.SIMPLE_BLOCK -> {
                BlockHeader block = readBlockHeader(in, child);
                in.skip(reader.payloadRemaining());
                reader.payloadConsumed();
                plan.frame(cluster, child, block.track(), block.relative(), (block.flags() & 0x80) != 0, -1);
            }
            case Ebml.BLOCK_GROUP -> {
                long end = in.position() + child.size();
                BlockHeader block = null;
                long duration = -1;
                boolean referencesOthers = false;
                while (in.position() < end) {
                    long start = in.position();
                    int id = in.readIdOrEnd();
                    if (id < 0) {
                        throw new EOFException("end of input in a BlockGroup");
                    }
                    long size = in.readSize();
                    if (size == Ebml.UNKNOWN_SIZE || in.position() + size > end) {
                        throw new InvalidMediaException("BlockGroup child at byte " + start + " overruns its group");
                    }
                    long childEnd = in.position() + size;
                    if (id == Ebml.BLOCK) {
                        block = readBlockHeader(in, new WebmReader.Child(id, start, (int) (in.position() - start), size));
                    }
                    else if (id == Ebml.BLOCK_DURATION) {
                        duration = in.readUnsigned(size);
                    }
                    else if (id == Ebml.REFERENCE_BLOCK) {
                        referencesOthers = true;
                    }
                    in.skip(childEnd - in.position());
                }
                reader.payloadConsumed();
                if (block == null) {
                    throw new InvalidMediaException("BlockGroup at byte " + child.start() + " holds no Block");
                }
                plan.frame(cluster, child, block.track(), block.relative(), !referencesOthers, duration);
            }
            case Ebml.VOID, Ebml.CRC_32, Ebml.POSITION, Ebml.PREV_SIZE -> {
                // dropped: padding, checksums over the old layout, and positions in the old layout
            }
            default -> {
                in.skip(reader.payloadRemaining());
                reader.payloadConsumed();
                cluster.kept += child.length();
            }
        }
    }

    /** Whether a Cluster child is copied to the output; the same rule in both passes. */
    private static boolean isKept(int id) {
        return id != Ebml.VOID && id != Ebml.CRC_32 && id != Ebml.POSITION && id != Ebml.PREV_SIZE;
    }

    private record BlockHeader(long track, int relative, int flags) {
    }

    private static BlockHeader readBlockHeader(EbmlInput in, WebmReader.Child child) throws IOException {
        long start = in.position();
        long track = in.readTrackNumber();
        int relative = (short) ((in.readByte() << 8) | in.readByte());
        int flags = in.readByte();
        if (in.position() - start > child.size()) {
            throw new InvalidMediaException("block at byte " + child.start() + " is shorter than its header");
        }
        return new BlockHeader(track, relative, flags);
    }

    private static void writeHead(Plan plan, OutputStream out) throws IOException {
        WebmReader.Header header = plan.header;
        ByteArrayOutputStream infoPayload = new ByteArrayOutputStream();
        infoPayload.writeBytes(header.infoChildren());
        infoPayload.writeBytes(Ebml.element(Ebml.DURATION,
                ByteBuffer.allocate(8).putDouble((double) plan.endTicks()).array()));
        byte[] info = Ebml.element(Ebml.INFO, infoPayload.toByteArray());
        byte[] tracks = header.tracks();
        boolean hasCues = plan.cueTimes.size() > 0;

        long infoPosition = seekHead(0, 0, 0, hasCues).length;
        long tracksPosition = infoPosition + info.length;
        long cuesPosition = tracksPosition + tracks.length;
        long clustersPosition = cuesPosition + (hasCues ? cues(plan, 0).length : 0);
        long segmentSize = clustersPosition + plan.clusterBytes;

        out.write(header.ebmlHeader());
        out.write(Ebml.id(Ebml.SEGMENT));
        out.write(Ebml.size(segmentSize, Ebml.FIXED_WIDTH));
        out.write(seekHead(infoPosition, tracksPosition, cuesPosition, hasCues));
        out.write(info);
        out.write(tracks);
        if (hasCues) {
            out.write(cues(plan, clustersPosition));
        }
    }

    /** The SeekHead; positions are written 8 bytes wide, so its length does not depend on them. */
    private static byte[] seekHead(long info, long tracks, long cues, boolean hasCues) {
        ByteArrayOutputStream seeks = new ByteArrayOutputStream();
        seeks.writeBytes(seek(Ebml.INFO, info));
        seeks.writeBytes(seek(Ebml.TRACKS, tracks));
        if (hasCues) {
            seeks.writeBytes(seek(Ebml.CUES, cues));
        }
        return Ebml.element(Ebml.SEEK_HEAD, seeks.toByteArray());
    }

    private static byte[] seek(int id, long position) {
        ByteArrayOutputStream seek = new ByteArrayOutputStream();
        seek.writeBytes(Ebml.element(Ebml.SEEK_ID, Ebml.id(id)));
        seek.writeBytes(Ebml.element(Ebml.SEEK_POSITION, Ebml.unsigned(position, Ebml.FIXED_WIDTH)));
        return Ebml.element(Ebml.SEEK, seek.toByteArray());
    }

    /** The Cues; cluster positions are written 8 bytes wide, so their length does not depend on where Clusters start. */
    private static byte[] cues(Plan plan, long clustersPosition) {
        ByteArrayOutputStream points = new ByteArrayOutputStream();
        for (int i = 0; i < plan.cueTimes.size(); i++) {
            ByteArrayOutputStream positions = new ByteArrayOutputStream();
            positions.writeBytes(Ebml.element(Ebml.CUE_TRACK, Ebml.unsigned(plan.cueTracks.get(i))));
            positions.writeBytes(Ebml.element(Ebml.CUE_CLUSTER_POSITION,
                    Ebml.unsigned(clustersPosition + plan.cueClusters.get(i), Ebml.FIXED_WIDTH)));
            positions.writeBytes(Ebml.element(Ebml.CUE_RELATIVE_POSITION, Ebml.unsigned(plan.cueRelatives.get(i))));
            ByteArrayOutputStream point = new ByteArrayOutputStream();
            point.writeBytes(Ebml.element(Ebml.CUE_TIME, Ebml.unsigned(plan.cueTimes.get(i))));
            point.writeBytes(Ebml.element(Ebml.CUE_TRACK_POSITIONS, positions.toByteArray()));
            points.writeBytes(Ebml.element(Ebml.CUE_POINT, point.toByteArray()));
        }
        return Ebml.element(Ebml.CUES, points.toByteArray());
    }

    private static void copyClusters(InputStream input, Plan plan, OutputStream out) throws IOException {
        WebmReader reader = new WebmReader(input);
        reader.readHeader();
        EbmlInput in = reader.input();
        for (int i = 0; i < plan.clusterSizes.size(); i++) {
            if (!reader.nextCluster()) {
                throw changedBetweenPasses();
            }
            long kept = plan.clusterSizes.get(i);
            if (kept == SKIPPED) {
                continue;
            }
            out.write(Ebml.id(Ebml.CLUSTER));
            out.write(Ebml.size(kept, Ebml.FIXED_WIDTH));
            long copied = 0;
            while (copied < kept) {
                WebmReader.Child child = reader.nextChild();
                if (child == null) {
                    throw changedBetweenPasses();
                }
                if (!isKept(child.id())) {
                    continue;
                }
                byte[] id = Ebml.id(child.id());
                out.write(id);
                out.write(Ebml.size(child.size(), child.headerLength() - id.length));
                in.copy(child.size(), out);
                reader.payloadConsumed();
                copied += child.length();
            }
            if (copied != kept) {
                throw changedBetweenPasses();
            }
        }
    }

    private static IOException changedBetweenPasses() {
        return changedBetweenPasses(null);
    }

    private static IOException changedBetweenPasses(Exception cause) {
        return new IOException("the media changed between the two passes of finalization", cause);
    }

    /** One Cluster as the first pass sees it. */
    private static final class ClusterScan {
        long timestamp = -1;
        long kept;
        int frames;
        boolean cued;
        long cueTime;
        long cueTrack;
        long cueRelative;
    }

    /** What the first pass learned: the header, each Cluster's output size, the cue points, the timeline. */
    private static final class Plan {
        final WebmReader.Header header;
        final boolean planLayout;
        final Map<Long, WebmReader.Track> tracks = new HashMap<>();
        final Map<Long, TrackTimeline> timelines = new HashMap<>();
        final LongList clusterSizes = new LongList();
        final LongList cueTimes = new LongList();
        final LongList cueTracks = new LongList();
        final LongList cueClusters = new LongList();
        final LongList cueRelatives = new LongList();
        long clusterBytes;
        long frames;
        boolean truncated;

        Plan(WebmReader.Header header, boolean planLayout) {
            this.header = header;
            this.planLayout = planLayout;
            header.trackList().forEach(track -> tracks.put(track.number(), track));
        }

        void frame(ClusterScan cluster, WebmReader.Child child, long trackNumber, int relative, boolean keyframe,
                long durationTicks) {
            if (cluster.timestamp < 0) {
                throw new InvalidMediaException("a frame at byte " + child.start() + " comes before its Cluster's timestamp");
            }
            WebmReader.Track track = tracks.get(trackNumber);
            if (track == null) {
                throw new InvalidMediaException("a frame at byte " + child.start() + " belongs to track " + trackNumber
                        + ", which Tracks does not declare");
            }
            long time = Math.max(0, cluster.timestamp + relative);
            timelines.computeIfAbsent(trackNumber, number -> new TrackTimeline()).add(time, durationTicks);
            frames++;
            cluster.frames++;
            boolean cueHere = header.hasVideo() ? track.type() == Ebml.TRACK_TYPE_VIDEO && keyframe : true;
            if (!cluster.cued && cueHere) {
                cluster.cued = true;
                cluster.cueTime = time;
                cluster.cueTrack = trackNumber;
                cluster.cueRelative = cluster.kept;
            }
            cluster.kept += child.length();
        }

        void addCluster(ClusterScan cluster) {
            if (!planLayout) {
                return;
            }
            if (clusterSizes.size() >= MAX_CLUSTERS) {
                throw new InvalidMediaException("the stream has more than " + MAX_CLUSTERS + " Clusters");
            }
            if (cluster.frames == 0) {
                clusterSizes.add(SKIPPED);
                return;
            }
            clusterSizes.add(cluster.kept);
            if (cluster.cued) {
                cueTimes.add(cluster.cueTime);
                cueTracks.add(cluster.cueTrack);
                cueClusters.add(clusterBytes);
                cueRelatives.add(cluster.cueRelative);
            }
            clusterBytes += Ebml.id(Ebml.CLUSTER).length + Ebml.FIXED_WIDTH + cluster.kept;
        }

        /** The end of the last frame, in timestamp ticks. */
        long endTicks() {
            long end = 0;
            for (Map.Entry<Long, TrackTimeline> entry : timelines.entrySet()) {
                long defaultDuration = Math.round(tracks.get(entry.getKey()).defaultDurationNanos()
                        / (double) header.timestampScale());
                end = Math.max(end, entry.getValue().end(defaultDuration));
            }
            return end;
        }

        long durationNanos() {
            try {
                return Math.multiplyExact(endTicks(), header.timestampScale());
            }
            catch (ArithmeticException e) {
                throw new InvalidMediaException("frame timestamps are out of range");
            }
        }

        long durationMillis() {
            return Math.round(endTicks() * (header.timestampScale() / 1_000_000.0));
        }
    }

    /** The last frames of one track, enough to tell where the track ends. */
    private static final class TrackTimeline {
        private long last = -1;
        private long previous = -1;
        private long lastDuration = -1;

        void add(long time, long duration) {
            if (time >= last) {
                previous = last;
                last = time;
                lastDuration = duration;
            }
        }

        /** The last frame's end: its own duration, else the track's default, else the gap before it. */
        long end(long defaultDuration) {
            long frame = lastDuration >= 0 ? lastDuration
                    : defaultDuration > 0 ? defaultDuration
                    : previous >= 0 ? last - previous : 0;
            return last + frame;
        }
    }

    /** Counts and hashes what goes to the target. */
    private static final class CountingDigestOutput extends FilterOutputStream {
        private final MessageDigest digest = Sha256.newDigest();
        private long count;

        CountingDigestOutput(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            digest.update((byte) b);
            count++;
        }

        @Override
        public void write(byte[] buffer, int offset, int length) throws IOException {
            out.write(buffer, offset, length);
            digest.update(buffer, offset, length);
            count += length;
        }

        @Override
        public void close() throws IOException {
            flush();
        }

        long count() {
            return count;
        }

        Sha256 sha256() {
            return Sha256.of(digest.digest());
        }
    }
}
