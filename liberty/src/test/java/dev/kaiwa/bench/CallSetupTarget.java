package dev.kaiwa.bench;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What carries the call page's signaling in the call-setup benchmark; everything else is the same. */
enum CallSetupTarget {
    /** Kaiwa's signaling endpoint, {@code /ws/calls/{id}}, as the page uses it in every call. */
    KAIWA("kaiwa", "Kaiwa", "the page's own signaling: /ws/calls/{id} (ticket or invite, rooms, relaying, "
            + "presence)"),
    /**
     * The bench-only relay WAR on the same Liberty, reached through the page's createSocket test hook by a
     * benchmark script that speaks the relay's protocol and makes the welcome and peer-joined itself.
     */
    RELAY("relay", "bare relay", "the bench-only relay WAR on the same Liberty, through window.kaiwa.testing."
            + "createSocket: a benchmark script (relay-signaling.js) sends offer, answer and ice through the relay and "
            + "makes the server's messages from frames through it (the host's join comes back to it as its welcome, "
            + "the guest's hello to the host and the host's answer become peer-joined and the guest's welcome); "
            + "kaiwa.js runs unchanged");

    private final String key;
    private final String label;
    private final String description;

    CallSetupTarget(String key, String label, String description) {
        this.key = key;
        this.label = label;
        this.description = description;
    }

    static CallSetupTarget of(String key) {
        return Arrays.stream(values()).filter(target -> target.key.equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown call-setup target " + key + "; one of "
                        + Arrays.stream(values()).map(CallSetupTarget::key).collect(Collectors.joining(", "))));
    }

    String key() {
        return key;
    }

    String label() {
        return label;
    }

    String description() {
        return description;
    }
}
