/*
 * The call-setup benchmark's probe in the call page, run by WebDriver once the page has loaded and before Join is
 * pressed (no arguments). It records on the page's own clock (performance.now(), which event time stamps and video
 * frame callbacks share), in window.callSetupProbe:
 *
 *   joinClickedAt  the Join click: the time stamp of the click event, before the page's own handler runs;
 *   inCallAt       when the call screen appeared: the client turned connected on the welcome;
 *   firstFrameAt   when the first video frame of another participant was presented in that participant's tile
 *                  (requestVideoFrameCallback's presentationTime: received, decoded and handed to the compositor);
 *   frameWidth, frameHeight   the size of that frame.
 *
 * The page itself is unchanged: the probe listens to the click, watches the call screen and the video grid.
 */
(() => {
    const probe = {
        joinClickedAt: null,
        inCallAt: null,
        firstFrameAt: null,
        frameWidth: null,
        frameHeight: null,
    };
    Object.defineProperty(window, 'callSetupProbe', { value: probe, configurable: true });

    document.addEventListener('click', (event) => {
        if (probe.joinClickedAt === null && event.target instanceof Element && event.target.closest('#join-button')) {
            probe.joinClickedAt = event.timeStamp;
        }
    }, true);

    const callScreen = document.getElementById('screen-call');
    new MutationObserver(() => {
        if (probe.inCallAt === null && !callScreen.hidden) {
            probe.inCallAt = performance.now();
        }
    }).observe(callScreen, { attributes: true, attributeFilter: ['hidden'] });

    const watch = (video) => {
        video.requestVideoFrameCallback((now, frame) => {
            if (probe.firstFrameAt === null) {
                probe.firstFrameAt = frame.presentationTime;
                probe.frameWidth = frame.width;
                probe.frameHeight = frame.height;
            }
        });
    };
    // The page adds a tile, with its video element, for every other participant it hears of; its own tile is "self".
    new MutationObserver((records) => {
        for (const record of records) {
            for (const node of record.addedNodes) {
                if (node instanceof Element && node.matches('.tile:not(.self)')) {
                    node.querySelectorAll('video').forEach(watch);
                }
            }
        }
    }).observe(document.getElementById('video-grid'), { childList: true });
})();
