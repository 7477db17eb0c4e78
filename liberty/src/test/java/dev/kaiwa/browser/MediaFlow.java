package dev.kaiwa.browser;

import dev.kaiwa.browser.PageState.PeerState;

/** Waits for media from one participant to arrive at a page, and to keep arriving. */
final class MediaFlow {
    /** The fake camera runs at 20 fps: a second's worth of frames. */
    private static final long FRAMES = 20;
    /** Audio at 48 kHz: a second's worth of samples. */
    private static final long SAMPLES = 48_000;

    private MediaFlow() {
    }

    /**
     * Waits until the page decodes video frames and receives audio from {@code participantId}, then until at
     * least another second of both has come in; returns the peer's state at that point.
     */
    static PeerState awaitFlowing(CallPage page, String participantId) {
        PeerState first = page.await("video frames and audio from " + participantId,
                state -> state.peer(participantId)
                        .filter(peer -> peer.framesDecoded() > 0 && peer.audioSamplesReceived() > 0 && peer.audioBytesReceived() > 0)
                        .isPresent())
                .peer(participantId).orElseThrow();
        return awaitMore(page, first);
    }

    /** Waits until a second more of video and audio than {@code before} has arrived from the same peer. */
    static PeerState awaitMore(CallPage page, PeerState before) {
        return page.await("more video frames and audio from " + before.id() + " than " + before,
                state -> state.peer(before.id())
                        .filter(peer -> peer.framesDecoded() >= before.framesDecoded() + FRAMES
                                && peer.audioSamplesReceived() >= before.audioSamplesReceived() + SAMPLES
                                && peer.audioBytesReceived() > before.audioBytesReceived())
                        .isPresent())
                .peer(before.id()).orElseThrow();
    }
}
