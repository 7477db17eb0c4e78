package dev.kaiwa.bench;

import java.time.Duration;
import java.util.Map;

/**
 * How a target's clients got on and off it in a signaling load run: the pairs connected once for
 * the largest level (smaller levels use the first of them), and the hang-up at the end.
 *
 * @param pairs pairs asked for
 * @param connected pairs connected
 * @param connectTime time to connect them
 * @param problems problems while connecting, by outcome
 * @param examples for each outcome, the detail of its first occurrence
 * @param hangUpTime time until every socket closed, or until the rest were dropped
 * @param dropped sockets still open when the time to hang up ran out
 */
record TargetSession(
        String target,
        String description,
        int pairs,
        int connected,
        Duration connectTime,
        Map<String, Long> problems,
        Map<String, String> examples,
        Duration hangUpTime,
        int dropped) {
    TargetSession {
        problems = Map.copyOf(problems);
        examples = Map.copyOf(examples);
    }
}
