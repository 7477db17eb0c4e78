package dev.kaiwa.consent;

import static java.util.Objects.requireNonNull;

/** The notice a participant is shown before deciding: its version, language and exact text. */
public record ConsentNotice(ConsentPurpose purpose, String version, String language, String text) {
    public ConsentNotice {
        requireNonNull(purpose, "purpose is null");
        requireNonNull(version, "version is null");
        requireNonNull(language, "language is null");
        requireNonNull(text, "text is null");
    }
}
