package dev.kaiwa;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the dependency rules of STYLE.md true for every source file of this module: the core knows
 * nothing of JAX-RS or WebSocket (they belong to {@code web}), and media, speech and HTTP client
 * technology stay inside their adapters, so ports speak Kaiwa's types only. Imports and fully qualified names both
 * count; comments and string literals do not.
 */
class ArchitectureTest {
    private static final Path SOURCES = Path.of("src", "main", "java");

    /** Technologies of the web module, which the core must not use at all. */
    private static final List<String> WEB_ONLY = List.of("jakarta.ws.rs", "jakarta.websocket", "javax.ws.rs",
            "javax.websocket");

    /** Technology packages and the only package (with its subpackages) that may use each. */
    private static final Map<String, String> ADAPTER_ONLY = Map.of(
            "org.kurento", "dev.kaiwa.adapter.kurento",
            "org.vosk", "dev.kaiwa.adapter.vosk",
            "java.net.http", "dev.kaiwa.adapter.http");

    @Test
    void coreUsesNoRestOrWebSocketTypes() {
        List<String> violations = new ArrayList<>();
        for (SourceFile source : mainSources()) {
            for (String technology : WEB_ONLY) {
                violations.addAll(source.uses(technology));
            }
        }

        assertThat(violations).as("JAX-RS and WebSocket belong to the web module").isEmpty();
    }

    @Test
    void mediaAndSpeechLibrariesAreUsedOnlyByTheirAdapters() {
        List<String> violations = new ArrayList<>();
        for (SourceFile source : mainSources()) {
            violations.addAll(adapterViolations(source));
        }

        assertThat(violations).as("ports speak Kaiwa's types; only adapters touch the technology").isEmpty();
    }

    @Test
    void scanSeesTheWholeCore() {
        List<SourceFile> sources = mainSources();

        assertThat(sources).extracting(SourceFile::packageName)
                .contains("dev.kaiwa.call", "dev.kaiwa.call.jpa", "dev.kaiwa.participant", "dev.kaiwa.invite",
                        "dev.kaiwa.signaling", "dev.kaiwa.security", "dev.kaiwa.shared", "dev.kaiwa.analytics");
    }

    @Test
    void importOutsideTheAdapterIsReported() {
        SourceFile source = SourceFile.parse(Path.of("Rooms.java"), """
                package dev.kaiwa.signaling;

                import org.kurento.client.MediaPipeline;
                import static org.vosk.LibVosk.setLogLevel;
                """);

        assertThat(adapterViolations(source)).hasSize(2);
    }

    @Test
    void fullyQualifiedNameOutsideTheAdapterIsReported() {
        SourceFile source = SourceFile.parse(Path.of("Rooms.java"), """
                package dev.kaiwa.media;

                class Rooms {
                    org.kurento.client.MediaPipeline pipeline;
                }
                """);

        assertThat(adapterViolations(source)).containsExactly("Rooms.java:4 uses org.kurento");
    }

    @Test
    void useInsideItsOwnAdapterIsAllowed() {
        SourceFile source = SourceFile.parse(Path.of("KurentoMediaServer.java"), """
                package dev.kaiwa.adapter.kurento.pipeline;

                import org.kurento.client.KurentoClient;
                """);

        assertThat(adapterViolations(source)).isEmpty();
    }

    @Test
    void useInsideAnotherAdapterIsReported() {
        SourceFile source = SourceFile.parse(Path.of("VoskSpeechRecognizer.java"), """
                package dev.kaiwa.adapter.vosk;

                import org.kurento.client.KurentoClient;
                """);

        assertThat(adapterViolations(source)).hasSize(1);
    }

    @Test
    void commentsAndStringsAreNotUses() {
        SourceFile source = SourceFile.parse(Path.of("package-info.java"), """
                /** Must not import org.kurento or jakarta.ws.rs. */
                // nor org.vosk.Model
                package dev.kaiwa.media;

                class Names {
                    String a = "org.kurento.client";
                    char b = '"';
                    String c = \"""
                            org.vosk.Recognizer
                            \""";
                    String d = "escaped \\" org.kurento";
                }
                """);

        assertThat(adapterViolations(source)).isEmpty();
        assertThat(source.uses("jakarta.ws.rs")).isEmpty();
    }

    @Test
    void similarlyNamedPackagesAreNotUses() {
        SourceFile source = SourceFile.parse(Path.of("Api.java"), """
                package dev.kaiwa.shared;

                import com.example.org.kurento.Mirror;
                import org.kurentography.Thing;
                import jakarta.ws.rsx.Other;
                """);

        assertThat(adapterViolations(source)).isEmpty();
        assertThat(source.uses("jakarta.ws.rs")).isEmpty();
    }

    private static List<String> adapterViolations(SourceFile source) {
        List<String> violations = new ArrayList<>();
        ADAPTER_ONLY.forEach((technology, adapter) -> {
            if (!source.isIn(adapter)) {
                violations.addAll(source.uses(technology));
            }
        });
        return violations;
    }

    private static List<SourceFile> mainSources() {
        assertThat(SOURCES).as("the ejb module's sources, relative to the module directory surefire runs in; "
                + "working directory is " + Path.of("").toAbsolutePath()).isDirectory();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(file -> file.toString().endsWith(".java")).map(SourceFile::read).toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One Java source file reduced to its code: comments and literals blanked, line breaks kept. */
    private record SourceFile(Path path, String packageName, String code) {
        private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

        SourceFile {
            requireNonNull(path, "path is null");
            requireNonNull(packageName, "packageName is null");
            requireNonNull(code, "code is null");
        }

        static SourceFile read(Path path) {
            try {
                return parse(path, Files.readString(path));
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static SourceFile parse(Path path, String text) {
            String code = withoutCommentsAndLiterals(text);
            Matcher matcher = PACKAGE.matcher(code);
            return new SourceFile(path, matcher.find() ? matcher.group(1) : "", code);
        }

        boolean isIn(String packagePrefix) {
            return packageName.equals(packagePrefix) || packageName.startsWith(packagePrefix + ".");
        }

        /** Each line that names {@code packagePrefix} or something in it, as "file:line uses prefix". */
        List<String> uses(String packagePrefix) {
            Pattern use = Pattern.compile("(?<![\\w.])" + Pattern.quote(packagePrefix) + "(?![\\w])");
            List<String> found = new ArrayList<>();
            String[] lines = code.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (use.matcher(lines[i]).find()) {
                    found.add(path + ":" + (i + 1) + " uses " + packagePrefix);
                }
            }
            return found;
        }

        private static String withoutCommentsAndLiterals(String text) {
            StringBuilder code = new StringBuilder(text.length());
            int i = 0;
            while (i < text.length()) {
                int end;
                if (text.startsWith("//", i)) {
                    end = text.indexOf('\n', i);
                    end = end < 0 ? text.length() : end;
                }
                else if (text.startsWith("/*", i)) {
                    end = text.indexOf("*/", i + 2);
                    end = end < 0 ? text.length() : end + 2;
                }
                else if (text.startsWith("\"\"\"", i)) {
                    end = closing(text, i + 3, "\"\"\"");
                }
                else if (text.charAt(i) == '"' || text.charAt(i) == '\'') {
                    end = closing(text, i + 1, String.valueOf(text.charAt(i)));
                }
                else {
                    code.append(text.charAt(i));
                    i++;
                    continue;
                }
                for (int j = i; j < end; j++) {
                    code.append(text.charAt(j) == '\n' ? '\n' : ' ');
                }
                i = end;
            }
            return code.toString();
        }

        /** The index just after the unescaped {@code delimiter} that closes a literal opened before {@code from}. */
        private static int closing(String text, int from, String delimiter) {
            int i = from;
            while (i < text.length()) {
                if (text.charAt(i) == '\\') {
                    i += 2;
                }
                else if (text.startsWith(delimiter, i)) {
                    return i + delimiter.length();
                }
                else {
                    i++;
                }
            }
            return text.length();
        }
    }
}
