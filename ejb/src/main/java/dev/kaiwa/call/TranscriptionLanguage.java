package dev.kaiwa.call;

import java.util.Locale;

/** Languages Kaiwa transcribes; JSON and the API use the lower-case ISO 639-1 code. */
public enum TranscriptionLanguage {
    /** Japanese. */
    JA,
    /** English. */
    EN;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TranscriptionLanguage fromCode(String code) {
        for (TranscriptionLanguage language : values()) {
            if (language.code().equals(code)) {
                return language;
            }
        }
        throw new IllegalArgumentException("unknown language: " + code);
    }
}
