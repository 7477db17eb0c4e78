package dev.kaiwa.consent;

import dev.kaiwa.shared.DomainException;
import dev.kaiwa.shared.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The consent notices participants are shown, per purpose and language (English and Japanese), and the
 * version they carry. Changing a text means raising {@code kaiwa.consent.notice-version}: a decision is
 * accepted only for the current version, so the ledger always says which text a person saw.
 */
@ApplicationScoped
public class ConsentNotices {
    public static final List<String> LANGUAGES = List.of("en", "ja");

    @Inject
    @ConfigProperty(name = "kaiwa.consent.notice-version", defaultValue = "2026-1")
    String version;

    @Inject
    @ConfigProperty(name = "kaiwa.consent.notice.recording.en", defaultValue = "This call may be recorded. The "
            + "recording contains your voice and video, is stored encrypted, and is deleted when the organization's "
            + "retention period ends. You may withdraw your consent at any time during the call; recording of you "
            + "stops at once.")
    String recordingEnglish;

    @Inject
    @ConfigProperty(name = "kaiwa.consent.notice.recording.ja", defaultValue = "この通話は録画される場合があります。"
            + "録画にはあなたの音声と映像が含まれ、暗号化して保存され、組織の定める保存期間が過ぎると削除されます。"
            + "通話中いつでも同意を撤回でき、撤回するとあなたの録画は直ちに停止します。")
    String recordingJapanese;

    @Inject
    @ConfigProperty(name = "kaiwa.consent.notice.transcription.en", defaultValue = "What you say in this call may "
            + "be transcribed to text. The transcript is deleted when the organization's retention period ends. You "
            + "may withdraw your consent at any time during the call; transcription of you stops at once.")
    String transcriptionEnglish;

    @Inject
    @ConfigProperty(name = "kaiwa.consent.notice.transcription.ja", defaultValue = "この通話でのあなたの発言は"
            + "文字に書き起こされる場合があります。書き起こしは組織の定める保存期間が過ぎると削除されます。"
            + "通話中いつでも同意を撤回でき、撤回するとあなたの書き起こしは直ちに停止します。")
    String transcriptionJapanese;

    public String version() {
        return version;
    }

    /** The current notice for a purpose in a language ({@code en} or {@code ja}; anything else is refused). */
    public ConsentNotice notice(ConsentPurpose purpose, String language) {
        String lang = language(language);
        String text = switch (purpose) {
            case RECORDING -> "ja".equals(lang) ? recordingJapanese : recordingEnglish;
            case TRANSCRIPTION -> "ja".equals(lang) ? transcriptionJapanese : transcriptionEnglish;
        };
        return new ConsentNotice(purpose, version, lang, text);
    }

    /** The language tag Kaiwa keeps: {@code ja} for any Japanese tag, {@code en} for any English one. */
    public static String language(String tag) {
        String lang = tag == null ? "" : tag.strip().toLowerCase(Locale.ROOT);
        if (lang.equals("ja") || lang.startsWith("ja-")) {
            return "ja";
        }
        if (lang.equals("en") || lang.startsWith("en-")) {
            return "en";
        }
        throw DomainException.invalidField("language", "must be en or ja");
    }

    public void requireCurrent(String noticeVersion) {
        if (!version.equals(noticeVersion)) {
            throw new DomainException(ErrorCode.CONSENT_NOTICE_OUTDATED, "The notice shown was version " + noticeVersion
                    + "; the current notice is version " + version + ". Show it and ask again.");
        }
    }
}
