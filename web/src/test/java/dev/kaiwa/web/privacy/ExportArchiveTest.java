package dev.kaiwa.web.privacy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kaiwa.web.StrictJson;
import dev.kaiwa.web.privacy.PersonalDataExport.CallEntry;
import dev.kaiwa.web.privacy.PersonalDataExport.ChatMessageEntry;
import dev.kaiwa.web.privacy.PersonalDataExport.Person;
import dev.kaiwa.web.privacy.PersonalDataExport.RecordingEntry;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

class ExportArchiveTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private final PersonalDataExport export = new PersonalDataExport(new Person(null, "hanako@example.com"), "acme",
            T0, List.of(),
            List.of(new CallEntry("call-1", "面接: バックエンド", "VIDEO", "ENDED", T0, T0, T0.plusSeconds(600), T0,
                    false, List.of("participant-1"))),
            List.of(), List.of(),
            List.of(new ChatMessageEntry("message-1", "call-1", "participant-1", "Hanako", "よろしくお願いします",
                    T0.plusSeconds(60))),
            List.of(), List.of(),
            List.of(new RecordingEntry("recording-1", "call-1", "COMPOSITE", "APPEARS_IN", null, "READY", "WEBM", false,
                    T0, T0, T0.plusSeconds(300), "REQUESTED", T0.plusSeconds(310), null, 300_000L, 4096L,
                    T0.plusSeconds(86_400), true, null, null)));

    @Test
    void archiveHoldsTheWholeExportAndOneFilePerSection() throws IOException {
        Map<String, String> entries = unzip(zip(export));

        assertThat(entries.keySet()).containsExactly("export.json", "participations.json", "calls.json",
                "invites.json", "consents.json", "chat-messages.json", "chat-templates.json", "events.json",
                "recordings.json");
        JsonObject whole = object(entries.get("export.json"));
        assertThat(whole.getJsonObject("person").getString("email")).isEqualTo("hanako@example.com");
        assertThat(whole.getString("organization")).isEqualTo("acme");
        assertThat(whole.getJsonArray("calls")).isEqualTo(array(entries.get("calls.json")));
        assertThat(whole.getJsonArray("recordings")).isEqualTo(array(entries.get("recordings.json")));
        assertThat(array(entries.get("participations.json"))).isEmpty();
    }

    @Test
    void sectionsAreJsonInUtf8() throws IOException {
        Map<String, String> entries = unzip(zip(export));

        JsonObject message = array(entries.get("chat-messages.json")).getJsonObject(0);
        assertThat(message.getString("text")).isEqualTo("よろしくお願いします");
        assertThat(message.getString("sentAt")).isEqualTo("2026-03-02T09:01:00Z");
        JsonObject call = array(entries.get("calls.json")).getJsonObject(0);
        assertThat(call.getString("title")).isEqualTo("面接: バックエンド");
        JsonObject recording = array(entries.get("recordings.json")).getJsonObject(0);
        assertThat(recording.getString("relation")).isEqualTo("APPEARS_IN");
        assertThat(recording.getBoolean("legalHold")).isTrue();
    }

    @Test
    void sectionNamesFollowTheExportsLists() {
        assertThat(ExportArchive.sections(export).get("chat-messages.json")).isSameAs(export.chatMessages());
        assertThat(ExportArchive.sections(export)).hasSize(8);
    }

    private static byte[] zip(PersonalDataExport export) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ExportArchive(StrictJson.jsonb()).write(export, out);
        return out.toByteArray();
    }

    private static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), new String(in.readAllBytes(), UTF_8));
            }
        }
        return entries;
    }

    private static JsonObject object(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    private static JsonArray array(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readArray();
        }
    }
}
