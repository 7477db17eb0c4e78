package dev.kaiwa.browser;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What ffprobe (Debian package ffmpeg) reads from a media file: its streams and the container's duration.
 * A file ffprobe cannot read fails the test with ffprobe's own words.
 */
record MediaProbe(List<String> streamTypes, List<String> codecs, double durationSeconds, String formatName) {
    private static final long TIMEOUT_SECONDS = 60;

    static MediaProbe of(Path media) {
        Path ffprobe = BrowserTestSettings.ffprobe();
        Process process;
        try {
            process = new ProcessBuilder(ffprobe.toString(), "-v", "error", "-print_format", "json", "-show_format",
                    "-show_streams", media.toString())
                    .redirectErrorStream(false)
                    .start();
        }
        catch (IOException e) {
            throw new AssertionError("cannot run " + ffprobe + ": " + e, e);
        }
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("ffprobe did not finish within " + TIMEOUT_SECONDS + " s on " + media);
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("ffprobe could not read " + media + " (exit " + process.exitValue() + "): " + errors);
            }
            return parse(output);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read ffprobe's answer on " + media, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while ffprobe read " + media, e);
        }
    }

    private static MediaProbe parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            JsonObject answer = reader.readObject();
            List<JsonObject> streams = answer.getJsonArray("streams").getValuesAs(JsonObject.class);
            JsonObject format = answer.getJsonObject("format");
            JsonValue duration = format.get("duration");
            return new MediaProbe(
                    streams.stream().map(stream -> stream.getString("codec_type", "")).toList(),
                    streams.stream().map(stream -> stream.getString("codec_name", "")).toList(),
                    duration instanceof JsonString text ? Double.parseDouble(text.getString()) : Double.NaN,
                    format.getString("format_name", ""));
        }
    }
}
