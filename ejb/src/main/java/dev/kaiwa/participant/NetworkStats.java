package dev.kaiwa.participant;

/**
 * What a client reports about its connection every few seconds. Nulls are figures the browser
 * did not have. A report is degraded over 5 % packet loss or 400 ms round trip.
 */
public record NetworkStats(Double rttMillis, Double jitterMillis, Double packetLoss, Double bitrate) {
    static final double MAX_PACKET_LOSS = 0.05;
    static final double MAX_RTT_MILLIS = 400;

    public boolean isDegraded() {
        return (packetLoss != null && packetLoss > MAX_PACKET_LOSS) || (rttMillis != null && rttMillis > MAX_RTT_MILLIS);
    }

    /** 0 (unusable) to 100 (perfect), from loss and round trip; 100 when nothing is known. */
    public int qualityScore() {
        double score = 100;
        if (packetLoss != null) {
            score -= Math.min(60, packetLoss * 600);
        }
        if (rttMillis != null) {
            score -= Math.min(40, Math.max(0, rttMillis - 100) / 10);
        }
        return (int) Math.round(Math.max(0, score));
    }
}
