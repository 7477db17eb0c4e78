package dev.kaiwa.it;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Request bodies for creating calls. Calls are scheduled a day ahead unless a test says otherwise:
 * the test server marks a scheduled call nobody joined as MISSED two seconds after its time.
 */
public final class CallRequests {
    private CallRequests() {
    }

    /** A VIDEO call scheduled tomorrow, ready for more fields. */
    public static JsonObjectBuilder videoCall() {
        return call("VIDEO", tomorrow());
    }

    /** A call of {@code type} scheduled at {@code scheduledAt}. */
    public static JsonObjectBuilder call(String type, Instant scheduledAt) {
        return Json.createObjectBuilder()
                .add("title", "Interview " + Organization.uniqueSuffix())
                .add("type", type)
                .add("scheduledAt", scheduledAt.toString());
    }

    /** A day from now, to the second. */
    public static Instant tomorrow() {
        return Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
    }

    /** An invite body with only the display name. */
    public static JsonObjectBuilder invite(String displayName) {
        return Json.createObjectBuilder().add("displayName", displayName);
    }

    /** An invite body for a guest with a made-up name. */
    public static JsonObjectBuilder guestInvite() {
        return invite("Guest " + Organization.uniqueSuffix());
    }
}
