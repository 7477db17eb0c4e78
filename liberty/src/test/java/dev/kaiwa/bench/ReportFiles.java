package dev.kaiwa.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where every benchmark leaves its figures: {@code <name>.md} and {@code <name>.json} in the output directory. */
final class ReportFiles {
    private ReportFiles() {
    }

    /** Writes both reports and prints where they are. */
    static void write(Path output, String name, String markdown, String json) throws IOException {
        Path markdownFile = output.resolve(name + ".md");
        Path jsonFile = output.resolve(name + ".json");
        Files.writeString(markdownFile, markdown, UTF_8);
        Files.writeString(jsonFile, json, UTF_8);
        System.out.println("Reports: " + markdownFile + ", " + jsonFile);
    }
}
