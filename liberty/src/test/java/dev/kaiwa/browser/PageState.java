package dev.kaiwa.browser;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code window.kaiwa.snapshot()} returned: the page's connection state, who it is, its peers with their
 * inbound statistics and candidate pairs, chat, waiting room and errors. Read-only accessors over the
 * plain data the browser sent back.
 */
final class PageState {
    private final Map<String, Object> values;

    private PageState(Map<String, Object> values) {
        this.values = values;
    }

    @SuppressWarnings("unchecked")
    static PageState of(Object raw) {
        if (!(raw instanceof Map<?, ?> map)) {
            throw new AssertionError("window.kaiwa.snapshot() gave " + raw);
        }
        return new PageState((Map<String, Object>) map);
    }

    /** prejoin, joining, connecting, waiting, connected, reconnecting, left, ended, denied, removed, replaced, failed. */
    String state() {
        return (String) values.get("state");
    }

    Optional<String> youId() {
        return Optional.ofNullable(map(values.get("you"))).map(you -> (String) you.get("id"));
    }

    List<PeerState> peers() {
        return list(values.get("peers")).stream().map(peer -> new PeerState(map(peer))).toList();
    }

    Optional<PeerState> peer(String participantId) {
        return peers().stream().filter(peer -> peer.id().equals(participantId)).findFirst();
    }

    List<String> chatTexts() {
        return list(values.get("chat")).stream().map(message -> (String) map(message).get("text")).toList();
    }

    List<String> waitingIds() {
        return list(values.get("waiting")).stream().map(entry -> (String) map(entry).get("id")).toList();
    }

    long resumes() {
        return number(values.get("resumes"));
    }

    /** What this participant sends: audio, video, screen, and screenSize while sharing. */
    Map<String, Object> local() {
        return map(values.get("local"));
    }

    List<Object> errors() {
        return list(values.get("errors"));
    }

    /** How many signaling messages of {@code type} the page sent. */
    long sent(String type) {
        Map<String, Object> sent = map(values.get("sent"));
        return sent == null ? 0 : number(sent.get(type));
    }

    /** How many signaling messages of {@code type} the page received. */
    long received(String type) {
        Map<String, Object> received = map(values.get("received"));
        return received == null ? 0 : number(received.get(type));
    }

    /** The recording consent as the page sees it: policy, decisions {RECORDING: …}, noticeVersion, step, panelShown. */
    Map<String, Object> consent() {
        Map<String, Object> consent = map(values.get("consent"));
        return consent == null ? Map.of() : consent;
    }

    /** This participant's current recording decision; empty while undecided. */
    Optional<Boolean> recordingConsent() {
        Map<String, Object> decisions = map(consent().get("decisions"));
        return decisions == null ? Optional.empty() : Optional.ofNullable((Boolean) decisions.get("RECORDING"));
    }

    boolean consentPanelShown() {
        return Boolean.TRUE.equals(consent().get("panelShown"));
    }

    /** The ids of the recordings the page knows of, in the order it heard of them. */
    List<String> recordingIds() {
        return list(values.get("recordings")).stream().map(PageState::map).filter(recording -> recording != null)
                .map(recording -> (String) recording.get("id")).toList();
    }

    /** The status of a recording as the server last told the page (STARTING, RECORDING, PROCESSING, …). */
    Optional<String> recordingStatus(String recordingId) {
        return byRecordingId("recordings", "id", recordingId).map(recording -> (String) recording.get("status"));
    }

    /** What this browser records for the recording: state, mimeType, chunks, bytes, sources, error. */
    Optional<Map<String, Object>> recorder(String recordingId) {
        return byRecordingId("recorders", "recordingId", recordingId);
    }

    /** The page's upload of the recording: state, chunksStored, chunksUploaded, chunksPending, paused, error. */
    Optional<Upload> upload(String recordingId) {
        return byRecordingId("uploads", "recordingId", recordingId).map(Upload::new);
    }

    private Optional<Map<String, Object>> byRecordingId(String key, String idField, String recordingId) {
        return list(values.get(key)).stream().map(PageState::map)
                .filter(entry -> entry != null && recordingId.equals(entry.get(idField)))
                .findFirst();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("state=").append(state())
                .append(" you=").append(youId().orElse("-"))
                .append(" lastError=").append(values.get("lastError"))
                .append(" resumes=").append(values.get("resumes"))
                .append(" errors=").append(values.get("errors"))
                .append(" consent=").append(values.get("consent"))
                .append(" recordings=").append(values.get("recordings"))
                .append(" recorders=").append(values.get("recorders"))
                .append(" uploads=").append(values.get("uploads"));
        for (PeerState peer : peers()) {
            text.append(System.lineSeparator()).append("  ").append(peer);
        }
        return text.toString();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }

    static long number(Object value) {
        return value instanceof Number number ? number.longValue() : 0;
    }

    /** A recording's upload from the page: chunks stored in the browser, uploaded, still pending. */
    record Upload(Map<String, Object> values) {
        /** recording, uploading, completing, completed or failed. */
        String state() {
            return (String) values.get("state");
        }

        long chunksStored() {
            return number(values.get("chunksStored"));
        }

        long chunksUploaded() {
            return number(values.get("chunksUploaded"));
        }

        long chunksPending() {
            return number(values.get("chunksPending"));
        }

        Object error() {
            return values.get("error");
        }
    }

    /** One other participant as the page sees it, with the inbound statistics of the connection to it. */
    record PeerState(Map<String, Object> values) {
        String id() {
            return (String) values.get("id");
        }

        String status() {
            return (String) values.get("status");
        }

        String connectionState() {
            return (String) values.get("connectionState");
        }

        String signalingState() {
            return (String) values.get("signalingState");
        }

        boolean media(String kind) {
            Map<String, Object> media = map(values.get("media"));
            return media != null && Boolean.TRUE.equals(media.get(kind));
        }

        long framesDecoded() {
            return inbound("video", "framesDecoded");
        }

        long frameWidth() {
            return inbound("video", "frameWidth");
        }

        long frameHeight() {
            return inbound("video", "frameHeight");
        }

        long audioBytesReceived() {
            return inbound("audio", "bytesReceived");
        }

        long audioSamplesReceived() {
            return inbound("audio", "totalSamplesReceived");
        }

        String localCandidateType() {
            return candidatePair("localCandidateType");
        }

        String remoteCandidateType() {
            return candidatePair("remoteCandidateType");
        }

        private long inbound(String kind, String counter) {
            Map<String, Object> inbound = map(values.get("inbound"));
            Map<String, Object> stats = inbound == null ? null : map(inbound.get(kind));
            return stats == null ? 0 : number(stats.get(counter));
        }

        private String candidatePair(String field) {
            Map<String, Object> pair = map(values.get("candidatePair"));
            return pair == null ? null : (String) pair.get(field);
        }

        @Override
        public String toString() {
            return "peer " + id() + " status=" + status() + " connection=" + connectionState() + " media=" + values.get("media")
                    + " video frames=" + framesDecoded() + " " + frameWidth() + "x" + frameHeight()
                    + " audio bytes=" + audioBytesReceived() + " samples=" + audioSamplesReceived()
                    + " pair=" + localCandidateType() + "/" + remoteCandidateType();
        }
    }
}
