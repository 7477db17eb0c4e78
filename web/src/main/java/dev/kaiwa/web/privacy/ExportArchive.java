package dev.kaiwa.web.privacy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import jakarta.json.bind.Jsonb;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes an export as a ZIP: {@code export.json} (the whole export, as the JSON format sends it) and one
 * JSON array per section ({@code participations.json}, {@code calls.json}, …), so each part opens on its own.
 */
public final class ExportArchive {
    /** The whole export. */
    public static final String EXPORT_ENTRY = "export.json";

    private final Jsonb jsonb;

    public ExportArchive(Jsonb jsonb) {
        this.jsonb = requireNonNull(jsonb, "jsonb is null");
    }

    /** Section file names, in the order they are written, with their contents. */
    public static Map<String, List<?>> sections(PersonalDataExport export) {
        Map<String, List<?>> sections = new LinkedHashMap<>();
        sections.put("participations.json", export.participations());
        sections.put("calls.json", export.calls());
        sections.put("invites.json", export.invites());
        sections.put("consents.json", export.consents());
        sections.put("chat-messages.json", export.chatMessages());
        sections.put("chat-templates.json", export.chatTemplates());
        sections.put("events.json", export.events());
        sections.put("recordings.json", export.recordings());
        return sections;
    }

    /** Writes the ZIP to {@code out} and finishes it; {@code out} stays open. */
    public void write(PersonalDataExport export, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out, UTF_8);
        entry(zip, EXPORT_ENTRY, jsonb.toJson(export));
        for (Map.Entry<String, List<?>> section : sections(export).entrySet()) {
            entry(zip, section.getKey(), jsonb.toJson(section.getValue()));
        }
        zip.finish();
    }

    private static void entry(ZipOutputStream zip, String name, String json) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        zip.putNextEntry(entry);
        zip.write(json.getBytes(UTF_8));
        zip.closeEntry();
    }
}
