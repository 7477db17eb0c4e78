package dev.kaiwa.webhook;

import dev.kaiwa.shared.DomainException;
import dev.kaiwa.shared.ErrorCode;
import dev.kaiwa.shared.FieldError;
import dev.kaiwa.shared.RandomIds;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a subscription may say: an absolute https URL (http only where {@code kaiwa.webhook.allow-http} allows
 * it) without credentials or fragment, known event names, a short description and a secret of printable
 * characters. Refusals are field errors under the request's field names.
 */
public final class WebhookRules {
    public static final int MAX_URL = 2000;
    public static final int MAX_DESCRIPTION = 500;
    public static final int MIN_SECRET = 24;
    public static final int MAX_SECRET = 200;
    /** Generated secrets start with this, so they are recognizable in a configuration file. */
    public static final String SECRET_PREFIX = "whsec_";

    private WebhookRules() {
    }

    /** The endpoint to send to, or a WEBHOOK_URL_INVALID problem naming the field {@code url}. */
    public static URI url(String value, boolean allowHttp) {
        if (value == null || value.isBlank()) {
            throw invalidUrl("is required");
        }
        String text = value.strip();
        if (text.length() > MAX_URL) {
            throw invalidUrl("must be at most " + MAX_URL + " characters");
        }
        URI url;
        try {
            url = new URI(text);
        }
        catch (URISyntaxException e) {
            throw invalidUrl("is not a valid URL");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw invalidUrl("must be an absolute https URL");
        }
        if (scheme.equals("http") && !allowHttp) {
            throw invalidUrl("must use https (this server accepts http only with kaiwa.webhook.allow-http=true)");
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            throw invalidUrl("must name a host");
        }
        if (url.getRawUserInfo() != null) {
            throw invalidUrl("must not carry credentials; verify deliveries by their signature instead");
        }
        if (url.getRawFragment() != null) {
            throw invalidUrl("must not have a fragment");
        }
        return url;
    }

    /** The named event types, or a WEBHOOK_EVENT_UNKNOWN problem naming each unknown entry as {@code events[i]}. */
    public static Set<WebhookEventType> events(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw DomainException.invalidField("events", "must name at least one event of " + WebhookEventType.wireNames());
        }
        Set<WebhookEventType> types = EnumSet.noneOf(WebhookEventType.class);
        List<FieldError> unknown = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Optional<WebhookEventType> type = name == null ? Optional.empty()
                    : WebhookEventType.fromWireName(name.strip());
            if (type.isPresent()) {
                types.add(type.get());
            }
            else {
                unknown.add(new FieldError("events[" + i + "]", "is not one of " + WebhookEventType.wireNames()));
            }
        }
        if (!unknown.isEmpty()) {
            throw new DomainException(ErrorCode.WEBHOOK_EVENT_UNKNOWN, "Unknown event types; the known ones are "
                    + WebhookEventType.wireNames(), unknown);
        }
        return types;
    }

    /** A description without surrounding blanks; blank means none. */
    public static Optional<String> description(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.strip();
        if (text.length() > MAX_DESCRIPTION) {
            throw DomainException.invalidField("description", "must be at most " + MAX_DESCRIPTION + " characters");
        }
        return Optional.of(text);
    }

    /** A secret an admin chose: {@value #MIN_SECRET} to {@value #MAX_SECRET} printable ASCII characters, no spaces. */
    public static String secret(String value) {
        if (value == null || value.length() < MIN_SECRET || value.length() > MAX_SECRET) {
            throw DomainException.invalidField("secret", "must be " + MIN_SECRET + " to " + MAX_SECRET + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw DomainException.invalidField("secret", "must consist of printable ASCII characters without spaces");
            }
        }
        return value;
    }

    /** A fresh secret: the prefix and 256 random bits in URL-safe base64. */
    public static String newSecret() {
        return SECRET_PREFIX + RandomIds.randomToken(32);
    }

    private static DomainException invalidUrl(String message) {
        return new DomainException(ErrorCode.WEBHOOK_URL_INVALID, "The webhook URL is not accepted: " + message,
                List.of(new FieldError("url", message)));
    }
}
