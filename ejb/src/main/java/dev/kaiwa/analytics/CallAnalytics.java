package dev.kaiwa.analytics;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Figures over the calls scheduled in a window, within what the caller may see.
 *
 * @param averageDurationSeconds over calls that started and ended
 * @param participants participants that joined at least once
 * @param averageQualityScore mean connection quality (0–100) of the participants that reported network
 *     stats, null when none did
 * @param degradedParticipants participants whose latest report was over the quality thresholds
 */
public record CallAnalytics(Instant from, Instant to, long totalCalls, long activeCalls, long participants,
        double averageDurationSeconds, Map<String, Long> callsByType, Map<String, Long> callsByStatus,
        List<TopParticipant> topParticipants, Double averageQualityScore, long degradedParticipants) {

    /** One person (SSO subject, or a guest's display name) with how many calls and minutes they joined. */
    public record TopParticipant(String participant, long calls, double minutes) {
    }
}
