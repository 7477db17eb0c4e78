package dev.kaiwa.recording.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.kaiwa.recording.media.WebmStructure.CuePoint;
import dev.kaiwa.recording.media.WebmStructure.Element;
import dev.kaiwa.recording.media.WebmStructure.Frame;
import dev.kaiwa.storage.Sha256;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class WebmFinalizerTest {

    @ParameterizedTest
    @ValueSource(strings = {Recordings.VIDEO, Recordings.AUDIO})
    void recorderOutputBecomesOneSegmentOfKnownSizesWithDurationSeekHeadAndCues(String name) throws IOException {
        byte[] upload = Recordings.whole(name);

        Finalized finalized = finalize(upload);

        WebmStructure output = WebmStructure.parse(finalized.bytes());
        assertThat(output.topLevel()).extracting(Element::id).containsExactly(WebmStructure.EBML, WebmStructure.SEGMENT);
        assertThat(output.segment().end()).as("the Segment ends where the file ends").isEqualTo(finalized.bytes().length);
        assertThat(output.everyElement()).as("every element has a known size").allMatch(element -> element.size() >= 0);
        assertThat(output.segment().children()).extracting(Element::id).startsWith(WebmStructure.SEEK_HEAD,
                WebmStructure.INFO, WebmStructure.TRACKS, WebmStructure.CUES);
        assertThat(output.segment().children().subList(4, output.segment().children().size()))
                .extracting(Element::id).containsOnly(WebmStructure.CLUSTER);
    }

    @ParameterizedTest
    @ValueSource(strings = {Recordings.VIDEO, Recordings.AUDIO})
    void everyFrameIsCopiedUnchanged(String name) throws IOException {
        byte[] upload = Recordings.whole(name);

        Finalized finalized = finalize(upload);

        List<Frame> before = WebmStructure.parse(upload).frames();
        List<Frame> after = WebmStructure.parse(finalized.bytes()).frames();
        assertThat(before).hasSizeGreaterThan(40);
        assertThat(after).hasSameSizeAs(before);
        for (int i = 0; i < before.size(); i++) {
            assertThat(after.get(i).track()).isEqualTo(before.get(i).track());
            assertThat(after.get(i).timestamp()).isEqualTo(before.get(i).timestamp());
            assertThat(after.get(i).keyframe()).isEqualTo(before.get(i).keyframe());
            assertThat(after.get(i).block()).as("frame %d", i).isEqualTo(before.get(i).block());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Recordings.VIDEO, Recordings.AUDIO})
    void durationEndsWithTheLastFrame(String name) throws IOException {
        Finalized finalized = finalize(Recordings.whole(name));

        WebmStructure output = WebmStructure.parse(finalized.bytes());
        long lastFrame = output.frames().stream().mapToLong(Frame::timestamp).max().orElseThrow();
        assertThat(output.timestampScale()).as("milliseconds").isEqualTo(1_000_000L);
        assertThat(output.duration()).hasValueSatisfying(duration -> {
            assertThat(duration).isCloseTo((double) lastFrame, within(100.0));
            assertThat(duration).isGreaterThanOrEqualTo((double) lastFrame);
        });
        assertThat(finalized.media().durationMillis()).isEqualTo(Math.round(output.duration().orElseThrow()));
        assertThat(finalized.media().durationMillis()).as("the recordings last about 4 s").isBetween(3_500L, 4_500L);
    }

    @ParameterizedTest
    @ValueSource(strings = {Recordings.VIDEO, Recordings.AUDIO})
    void seekHeadPointsAtInfoTracksAndCues(String name) throws IOException {
        WebmStructure output = WebmStructure.parse(finalize(Recordings.whole(name)).bytes());

        long segmentData = output.segment().dataOffset();
        assertThat(output.seeks()).hasSize(3).allSatisfy(seek -> assertThat(output.elementAt(segmentData + seek[1]))
                .as("SeekHead entry for %x", seek[0])
                .hasValueSatisfying(element -> assertThat((long) element.id()).isEqualTo(seek[0])));
        assertThat(output.seeks()).extracting(seek -> (int) seek[0])
                .containsExactly(WebmStructure.INFO, WebmStructure.TRACKS, WebmStructure.CUES);
    }

    @Test
    void videoCuesPointAtClustersAndTheirFirstKeyframe() throws IOException {
        Finalized finalized = finalize(Recordings.whole(Recordings.VIDEO));

        WebmStructure output = WebmStructure.parse(finalized.bytes());
        List<CuePoint> cues = output.cues();
        long videoTrack = output.videoTracks().get(0);
        long clustersWithKeyframes = output.clusters().stream()
                .filter(cluster -> output.frames().stream().anyMatch(frame -> frame.keyframe()
                        && frame.track() == videoTrack && cluster.children().contains(frame.element())))
                .count();
        assertThat(clustersWithKeyframes).as("the recording has a keyframe a second").isGreaterThanOrEqualTo(4);
        assertThat(cues).hasSize((int) clustersWithKeyframes).hasSize(finalized.media().cuePoints());
        assertThat(finalized.media().hasVideo()).isTrue();
        for (CuePoint cue : cues) {
            Element cluster = clusterAt(output, cue);
            Frame keyframe = frameAt(output, cluster, cue);
            assertThat(cue.track()).isEqualTo(videoTrack);
            assertThat(keyframe.track()).isEqualTo(videoTrack);
            assertThat(keyframe.keyframe()).isTrue();
            assertThat(keyframe.timestamp()).isEqualTo(cue.time());
        }
        assertThat(cues).extracting(CuePoint::time).isSorted();
        assertThat(cues.get(0).time()).as("the first cue is the first video frame").isEqualTo(output.frames().stream()
                .filter(frame -> frame.track() == videoTrack).findFirst().orElseThrow().timestamp());
    }

    @Test
    void audioCuesPointAtEveryCluster() throws IOException {
        Finalized finalized = finalize(Recordings.whole(Recordings.AUDIO));

        WebmStructure output = WebmStructure.parse(finalized.bytes());
        List<CuePoint> cues = output.cues();
        assertThat(finalized.media().hasVideo()).isFalse();
        assertThat(cues).hasSize(output.clusters().size()).hasSize(finalized.media().cuePoints());
        for (CuePoint cue : cues) {
            Frame frame = frameAt(output, clusterAt(output, cue), cue);
            assertThat(frame.track()).isEqualTo(cue.track());
            assertThat(frame.timestamp()).isEqualTo(cue.time());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Recordings.VIDEO, Recordings.AUDIO})
    void reportsTheSizeAndSha256OfWhatItWrote(String name) throws IOException {
        Finalized finalized = finalize(Recordings.whole(name));

        assertThat(finalized.media().size()).isEqualTo(finalized.bytes().length);
        assertThat(finalized.media().sha256()).isEqualTo(Sha256.digest(finalized.bytes()));
        assertThat(finalized.media().truncated()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {Recordings.VIDEO, Recordings.AUDIO})
    void finalizingAgainChangesNothing(String name) throws IOException {
        Finalized once = finalize(Recordings.whole(name));

        Finalized twice = finalize(once.bytes());

        assertThat(twice.bytes()).isEqualTo(once.bytes());
        assertThat(finalize(Recordings.whole(name)).bytes()).as("deterministic").isEqualTo(once.bytes());
    }

    @ParameterizedTest
    @ValueSource(strings = {Recordings.VIDEO, Recordings.AUDIO})
    void durationOfAnUploadIsReadFromItsFrames(String name) throws IOException {
        byte[] upload = Recordings.whole(name);

        Duration duration = WebmFinalizer.readDuration(new ByteArrayInputStream(upload));

        assertThat(duration.toMillis()).isEqualTo(finalize(upload).media().durationMillis());
    }

    @Test
    void durationIgnoresWhatTheFileDeclares() throws IOException {
        Finalized finalized = finalize(Recordings.whole(Recordings.VIDEO));
        byte[] lying = finalized.bytes().clone();
        Element declared = WebmStructure.parse(lying).segmentChild(WebmStructure.INFO).first(WebmStructure.DURATION)
                .orElseThrow();
        ByteBuffer.wrap(lying, (int) declared.dataOffset(), 8).putDouble(1.0);

        Duration duration = WebmFinalizer.readDuration(new ByteArrayInputStream(lying));

        assertThat(WebmStructure.parse(lying).duration()).contains(1.0);
        assertThat(duration.toMillis()).isEqualTo(finalized.media().durationMillis());
    }

    @ParameterizedTest
    @ValueSource(strings = {Recordings.VIDEO, Recordings.AUDIO})
    void uploadEndingInsideAFrameKeepsTheFramesBeforeIt(String name) throws IOException {
        byte[] upload = Recordings.whole(name);
        List<Frame> frames = WebmStructure.parse(upload).frames();
        Frame cut = frames.get(frames.size() - 3);
        byte[] truncated = Arrays.copyOf(upload, (int) (cut.element().offset() + cut.element().headerLength() + 5));

        Finalized finalized = finalize(truncated);

        WebmStructure output = WebmStructure.parse(finalized.bytes());
        assertThat(finalized.media().truncated()).isTrue();
        assertThat(output.segment().end()).isEqualTo(finalized.bytes().length);
        assertThat(output.frames()).hasSize(frames.size() - 3);
        assertThat(output.duration().orElseThrow()).isLessThan(finalize(upload).media().durationMillis());
    }

    @Test
    void uploadWithoutItsLastChunkIsFinalizedUpToItsLastCompleteFrame() throws IOException {
        List<byte[]> chunks = Recordings.chunks(Recordings.VIDEO);
        ByteArrayOutputStream allButLast = new ByteArrayOutputStream();
        chunks.subList(0, chunks.size() - 1).forEach(allButLast::writeBytes);

        Finalized finalized = finalize(allButLast.toByteArray());

        WebmStructure output = WebmStructure.parse(finalized.bytes());
        assertThat(output.frames()).isNotEmpty();
        assertThat(output.segment().end()).isEqualTo(finalized.bytes().length);
        assertThat(finalized.media().durationMillis()).isBetween(2_000L, 3_600L);
    }

    @Test
    void aRestartedRecorderIsRefused() {
        byte[] upload = Recordings.whole(Recordings.AUDIO);
        byte[] twice = new byte[upload.length * 2];
        System.arraycopy(upload, 0, twice, 0, upload.length);
        System.arraycopy(upload, 0, twice, upload.length, upload.length);

        assertThatThrownBy(() -> finalize(twice))
                .isInstanceOf(InvalidMediaException.class)
                .hasMessageContaining("second WebM stream starts at byte " + upload.length);
    }

    @Test
    void bytesThatAreNotWebmAreRefused() {
        assertThatThrownBy(() -> finalize("RIFF....WAVEfmt not a webm file".getBytes()))
                .isInstanceOf(InvalidMediaException.class)
                .hasMessageContaining("not a WebM stream");
        assertThatThrownBy(() -> finalize(new byte[0]))
                .isInstanceOf(InvalidMediaException.class)
                .hasMessageContaining("not a WebM stream");
        assertThatThrownBy(() -> WebmFinalizer.readDuration(new ByteArrayInputStream(new byte[] {0, 1, 2})))
                .isInstanceOf(InvalidMediaException.class);
    }

    @Test
    void streamWithoutFramesIsRefused() {
        byte[] upload = Recordings.whole(Recordings.VIDEO);
        Element firstCluster = WebmStructure.parse(upload).clusters().get(0);
        byte[] headerOnly = Arrays.copyOf(upload, (int) firstCluster.offset());
        byte[] clusterWithoutFrames = Arrays.copyOf(upload, (int) firstCluster.dataOffset() + 3);

        assertThatThrownBy(() -> finalize(headerOnly))
                .isInstanceOf(InvalidMediaException.class)
                .hasMessageContaining("no frames");
        assertThatThrownBy(() -> finalize(clusterWithoutFrames))
                .isInstanceOf(InvalidMediaException.class)
                .hasMessageContaining("no frames");
        assertThatThrownBy(() -> finalize(Arrays.copyOf(upload, 20)))
                .isInstanceOf(InvalidMediaException.class)
                .hasMessageContaining("ends before its first Cluster");
    }

    @Test
    void inputThatChangesBetweenThePassesFailsInsteadOfWritingAWrongFile() {
        byte[] upload = Recordings.whole(Recordings.AUDIO);
        byte[] shorter = Arrays.copyOf(upload, upload.length / 2);
        int[] opened = {0};

        assertThatThrownBy(() -> WebmFinalizer.finalizeWebm(
                () -> new ByteArrayInputStream(opened[0]++ == 0 ? upload : shorter), java.io.OutputStream.nullOutputStream()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("changed between the two passes");
    }

    private static Element clusterAt(WebmStructure output, CuePoint cue) {
        long offset = output.segment().dataOffset() + cue.clusterPosition();
        Element cluster = output.elementAt(offset).orElseThrow(() -> new AssertionError("no element at " + offset));
        assertThat(cluster.id()).as("cue position lands on a Cluster").isEqualTo(WebmStructure.CLUSTER);
        return cluster;
    }

    private static Frame frameAt(WebmStructure output, Element cluster, CuePoint cue) {
        long offset = cluster.dataOffset() + cue.relativePosition();
        return output.frames().stream()
                .filter(frame -> frame.element().offset() == offset)
                .min(Comparator.comparingLong(Frame::timestamp))
                .orElseThrow(() -> new AssertionError("the cue's relative position lands on no block"));
    }

    static Finalized finalize(byte[] input) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FinalizedMedia media = WebmFinalizer.finalizeWebm(() -> new ByteArrayInputStream(input), out);
        return new Finalized(media, out.toByteArray());
    }

    record Finalized(FinalizedMedia media, byte[] bytes) {
    }
}
