package dev.kaiwa.recording.media;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A second opinion on the finalized files from ffprobe (Debian package {@code ffmpeg}, installed by
 * {@code .ci/run}): it must read them as WebM with the duration the finalizer reports, without errors.
 */
class FfprobeTest {
    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {Recordings.VIDEO, Recordings.AUDIO})
    void ffprobeReadsTheFinalizedFileAsWebmWithItsDuration(String name) throws Exception {
        Path ffprobe = ffprobe();
        WebmFinalizerTest.Finalized finalized = WebmFinalizerTest.finalize(Recordings.whole(name));
        Path file = Files.write(directory.resolve(name + ".webm"), finalized.bytes());

        Probe probe = probe(ffprobe, file);

        assertThat(probe.errors()).as("ffprobe's complaints").isEmpty();
        assertThat(probe.format().get("format_name")).contains("webm");
        assertThat(Double.parseDouble(probe.format().get("duration")))
                .isCloseTo(finalized.media().durationMillis() / 1000.0, within(0.2));
    }

    @ParameterizedTest
    @ValueSource(strings = {Recordings.VIDEO, Recordings.AUDIO})
    void ffprobeFindsNoDurationInTheRecorderOutput(String name) throws Exception {
        Path ffprobe = ffprobe();
        Path file = Files.write(directory.resolve(name + "-upload.webm"), Recordings.whole(name));

        Probe probe = probe(ffprobe, file);

        assertThat(probe.format().get("format_name")).contains("webm");
        assertThat(probe.format().get("duration")).as("what finalization fixes").isEqualTo("N/A");
    }

    private record Probe(Map<String, String> format, String errors) {
    }

    private static Probe probe(Path ffprobe, Path file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(ffprobe.toString(), "-v", "error", "-show_entries",
                "format=format_name,duration", "-of", "default=noprint_wrappers=1", file.toString()).start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        String errors = new String(process.getErrorStream().readAllBytes(), UTF_8).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("ffprobe finishes").isTrue();
        assertThat(process.exitValue()).as("ffprobe exit status; it said: %s", errors).isZero();
        Map<String, String> format = new HashMap<>();
        output.lines().map(line -> line.split("=", 2)).filter(pair -> pair.length == 2)
                .forEach(pair -> format.put(pair[0], pair[1]));
        return new Probe(format, errors);
    }

    private static Path ffprobe() {
        Optional<Path> found = Stream.of(Optional.ofNullable(System.getenv("PATH")).orElse("").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(entry -> Path.of(entry, "ffprobe"))
                .filter(Files::isExecutable)
                .findFirst();
        assertThat(found).as("ffprobe is not on the PATH; install it with the Debian package ffmpeg "
                + "(apt-get install ffmpeg), as .ci/run does").isPresent();
        return found.orElseThrow();
    }
}
