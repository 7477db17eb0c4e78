package dev.kaiwa.web.recording;

import dev.kaiwa.recording.RecordingStatus;
import dev.kaiwa.recording.RecordingTally;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Recording counts and bytes, summed from tallies. */
final class RecordingStatistics {
    private RecordingStatistics() {
    }

    /** A count of recordings and their bytes. */
    public record Figure(long count, long bytes) {
        Figure plus(RecordingTally tally) {
            return new Figure(count + tally.count(), bytes + tally.bytes());
        }
    }

    /** A call's recordings by status and by format, and in total. */
    public record CallStatistics(Map<String, Figure> byStatus, Map<String, Figure> byFormat, Figure total) {
    }

    /** Stored media (READY recordings) by audio-only and video, in total, and the average size; all by status too. */
    public record StorageStatistics(Figure audio, Figure video, Figure total, long averageBytes,
            Map<String, Figure> byStatus) {
    }

    static CallStatistics forCall(List<RecordingTally> tallies) {
        Map<String, Figure> byStatus = new TreeMap<>();
        Map<String, Figure> byFormat = new TreeMap<>();
        Figure total = new Figure(0, 0);
        for (RecordingTally tally : tallies) {
            byStatus.merge(tally.status().name(), new Figure(tally.count(), tally.bytes()), RecordingStatistics::sum);
            byFormat.merge(tally.format().name(), new Figure(tally.count(), tally.bytes()), RecordingStatistics::sum);
            total = total.plus(tally);
        }
        return new CallStatistics(byStatus, byFormat, total);
    }

    static StorageStatistics forStorage(List<RecordingTally> tallies) {
        Figure audio = new Figure(0, 0);
        Figure video = new Figure(0, 0);
        Map<String, Figure> byStatus = new TreeMap<>();
        for (RecordingTally tally : tallies) {
            byStatus.merge(tally.status().name(), new Figure(tally.count(), tally.bytes()), RecordingStatistics::sum);
            if (tally.status() == RecordingStatus.READY) {
                if (tally.audioOnly()) {
                    audio = audio.plus(tally);
                }
                else {
                    video = video.plus(tally);
                }
            }
        }
        Figure total = sum(audio, video);
        return new StorageStatistics(audio, video, total, total.count() == 0 ? 0 : total.bytes() / total.count(),
                byStatus);
    }

    private static Figure sum(Figure a, Figure b) {
        return new Figure(a.count() + b.count(), a.bytes() + b.bytes());
    }
}
