package dev.kaiwa.bench;

import static java.util.Objects.requireNonNull;

/**
 * One measured call of the call-setup benchmark, in milliseconds, each side on its own page's clock.
 *
 * @param host from the host's Join click to the first video frame of the guest presented at the host
 * @param guest from the guest's Join click to the first video frame of the host presented at the guest
 * @param hostWelcome from the host's Join click to its welcome (the call screen)
 * @param guestWelcome from the guest's Join click to its welcome
 * @param clickGap how much later the guest clicked Join than the host (negative if earlier), on the machine's clock
 * @param iceServers ICE servers the host was given in its welcome
 */
record CallSetup(CallSetupTarget target, double host, double guest, double hostWelcome, double guestWelcome,
        double clickGap, int iceServers) {
    CallSetup {
        requireNonNull(target, "target is null");
    }

    /** A call is set up when both sides see each other: the later of the two. */
    double call() {
        return Math.max(host, guest);
    }
}
