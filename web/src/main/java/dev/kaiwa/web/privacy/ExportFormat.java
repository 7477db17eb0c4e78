package dev.kaiwa.web.privacy;

import dev.kaiwa.shared.DomainException;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;

/** How an export is delivered: one JSON document, or a ZIP of it and one JSON file per section. */
public enum ExportFormat {
    /** {@code application/json}: the whole export as one document. */
    JSON(MediaType.APPLICATION_JSON_TYPE),
    /** {@code application/zip}: {@code export.json} and one JSON array per section. */
    ZIP(new MediaType("application", "zip"));

    private final MediaType mediaType;

    ExportFormat(MediaType mediaType) {
        this.mediaType = mediaType;
    }

    public MediaType mediaType() {
        return mediaType;
    }

    /**
     * The format the request's {@code format} field names; without it the first of the acceptable media types
     * (highest preference first) that JSON or ZIP satisfies, JSON winning wildcards; JSON when none does.
     */
    public static ExportFormat choose(String field, List<MediaType> acceptable) {
        if (field != null) {
            return Arrays.stream(values()).filter(format -> format.name().equals(field)).findFirst()
                    .orElseThrow(() -> DomainException.invalidField("format", "must be JSON or ZIP"));
        }
        for (MediaType type : acceptable) {
            if (JSON.mediaType.isCompatible(type)) {
                return JSON;
            }
            if (ZIP.mediaType.isCompatible(type)) {
                return ZIP;
            }
        }
        return JSON;
    }
}
