/**
 * The call page, /call/{callId}: device check, waiting room, video grid, chat, participants and host controls.
 *
 * Opened from an invite's join link (#invite=<token>) or by a portal with a ticket from REST /join
 * (#ticket=<ticket>&ws=<websocketUrl>). Optional: #ice=relay (TURN only), #lang=ja|en, #ping=<seconds>.
 * The fragment never reaches a server; the page moves it to sessionStorage and out of the address bar.
 *
 * Everything a user typed (names, chat) is put into the page as text nodes, never as HTML.
 * window.kaiwa exposes the state for support and tests (see README).
 *
 * Consent and recording: the page shows the server's consent notice (in the consent step, and in the call while
 * recording consent is undecided or the person asks for it), a withdraw control, the recording indicator, the
 * upload progress of what this browser records, and start/stop for hosts. On load it resumes uploads that an
 * earlier page of this origin left unfinished.
 */
import { KaiwaCall, KaiwaError, recordingUploads } from '/kaiwa.js';
import { initialLanguage, setLanguage, language, t, has } from '/client/i18n.js';

const $ = (id) => document.getElementById(id);

const link = readLink();
const testing = {
    /** A function returning a MediaStream, used for screen sharing when getDisplayMedia is unavailable or fails. */
    screenShareSource: null,
    /**
     * A function taking the signaling URL and returning the socket to use instead of a WebSocket (kaiwa.js's
     * createSocket option), read when Join is pressed; the benchmarks carry the signaling over another server.
     */
    createSocket: null,
    /** Closes the signaling socket without leaving (as a network drop would); the client resumes. */
    dropSocket() {
        call?.dropSocket();
    },
    /** Renegotiates every connection now (ICE restart); from two pages at once it makes an offer collision. */
    restartIce() {
        call?.restartIce();
    },
    /** The browser recorder's settings, read when a recording starts: timesliceMs, frameRate. */
    recorder: { timesliceMs: 4000, frameRate: 15 },
    /** Holds recording uploads (chunks are still stored in IndexedDB), e.g. to reload before they are sent. */
    pauseUploads() {
        recordingUploads.pause();
    },
    resumeUploads() {
        recordingUploads.resume();
    },
};
const errors = [];
const eventLog = [];
const preferences = { audio: true, video: true, cameraId: null, microphoneId: null, speakerId: null };

let call = null;
let page = 'prejoin';
let previewStream = null;
let meter = null;
let statsTimer = null;
let endReasonKey = null;
/** Who had a hand up at the last update, so a raised hand is announced once. */
const handsUp = new Set();
/** The person asked to see the consent notice again (to grant after declining). */
let consentRequested = false;
/** A decision is on its way to the server. */
let consentSending = false;
/** Upload progress of the recordings this page uploads, by recording id. */
const uploads = new Map();

// ---- start ----------------------------------------------------------------------------------------------

setLanguage(initialLanguage(link.lang));
exposeState();
wireControls();
watchUploads();
/** The device check; joining waits for it, so a quick click still joins with the devices. */
let previewReady = Promise.resolve();
if (!link.callId || !(link.invite || link.ticket)) {
    showPrejoinMessage(t('prejoin.noCredentials'));
}
else {
    previewReady = startPreview();
    // Usable at once: a portal's ticket lives seconds, the device check can take longer.
    $('join-button').disabled = false;
}
navigator.mediaDevices?.addEventListener?.('devicechange', () => fillDeviceLists());

// ---- the link ---------------------------------------------------------------------------------------------

function readLink() {
    const match = location.pathname.match(/^\/call\/([A-Za-z0-9_-]{1,128})\/?$/);
    const callId = match ? match[1] : null;
    const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
    const storageKey = `kaiwa.link.${callId}`;
    const fromFragment = {
        invite: fragment.get('invite'),
        ticket: fragment.get('ticket'),
        ws: fragment.get('ws'),
        ice: fragment.get('ice'),
        lang: fragment.get('lang'),
        ping: fragment.get('ping'),
    };
    let values = fromFragment;
    try {
        if (fromFragment.invite || fromFragment.ticket) {
            sessionStorage.setItem(storageKey, JSON.stringify(fromFragment));
        }
        else {
            values = { ...fromFragment, ...JSON.parse(sessionStorage.getItem(storageKey) ?? '{}') };
        }
    }
    catch (error) {
        // Without sessionStorage a reload needs the link again.
    }
    if (location.hash) {
        // Tokens out of the address bar (and out of screenshots and shared screens).
        history.replaceState(null, '', location.pathname + location.search);
    }
    return { callId, ...values };
}

/** The call page talks to the server that served it, for REST and for signaling. */
function sameOriginSocketUrl() {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    return `${scheme}//${location.host}/ws/calls/${encodeURIComponent(link.callId)}`;
}

/**
 * A portal's #ws, if it points at this server's signaling endpoint of this call; anything else is ignored, so a
 * crafted link cannot send the camera and microphone of someone on this page to another server.
 */
function portalSocketUrl() {
    if (!link.ws) {
        return sameOriginSocketUrl();
    }
    try {
        const url = new URL(link.ws);
        const fits = (url.protocol === 'ws:' || url.protocol === 'wss:') && url.host === location.host
            && url.pathname === `/ws/calls/${link.callId}`;
        return fits ? url.href : sameOriginSocketUrl();
    }
    catch (error) {
        return sameOriginSocketUrl();
    }
}

// ---- pre-join device check -----------------------------------------------------------------------------

async function startPreview() {
    if (!navigator.mediaDevices?.getUserMedia) {
        showPrejoinMessage(t('prejoin.noDevices'));
        return;
    }
    try {
        previewStream = await openDevices(true, true);
    }
    catch (error) {
        previewStream = null;
        showPrejoinMessage(t(error?.name === 'NotAllowedError' ? 'prejoin.permissionDenied' : 'prejoin.noDevices'));
    }
    if (previewStream && previewStream.getTracks().length === 0) {
        showPrejoinMessage(t('prejoin.noDevices'));
    }
    await fillDeviceLists();
    showPreview();
}

/** The selected microphone and camera; a device that fails is left out rather than failing both. */
async function openDevices(audio, video) {
    const stream = new MediaStream();
    const audioConstraint = preferences.microphoneId ? { deviceId: { exact: preferences.microphoneId } } : true;
    const videoConstraint = preferences.cameraId ? { deviceId: { exact: preferences.cameraId } } : true;
    let denied = null;
    for (const [kind, wanted, constraint] of [['audio', audio, audioConstraint], ['video', video, videoConstraint]]) {
        if (!wanted) {
            continue;
        }
        try {
            const media = await navigator.mediaDevices.getUserMedia({ [kind]: constraint });
            media.getTracks().forEach((track) => stream.addTrack(track));
        }
        catch (error) {
            denied = denied ?? error;
        }
    }
    if (stream.getTracks().length === 0 && denied) {
        throw denied;
    }
    return stream;
}

function showPreview() {
    const video = $('preview-video');
    const videoTrack = previewStream?.getVideoTracks()[0];
    if (videoTrack && preferences.video) {
        video.srcObject = new MediaStream([videoTrack]);
        video.play().catch(() => {});
        $('preview-off').hidden = true;
    }
    else {
        video.srcObject = null;
        $('preview-off').hidden = false;
    }
    const audioTrack = previewStream?.getAudioTracks()[0];
    if (audioTrack) {
        audioTrack.enabled = preferences.audio;
    }
    startMeter(audioTrack);
    renderPrejoinToggles();
}

async function fillDeviceLists() {
    if (!navigator.mediaDevices?.enumerateDevices) {
        return;
    }
    let devices = [];
    try {
        devices = await navigator.mediaDevices.enumerateDevices();
    }
    catch (error) {
        return;
    }
    const currentCamera = previewStream?.getVideoTracks()[0]?.getSettings().deviceId ?? preferences.cameraId;
    const currentMicrophone = previewStream?.getAudioTracks()[0]?.getSettings().deviceId ?? preferences.microphoneId;
    fillSelect($('camera-select'), devices.filter((d) => d.kind === 'videoinput'), currentCamera);
    fillSelect($('microphone-select'), devices.filter((d) => d.kind === 'audioinput'), currentMicrophone);
    const canPickSpeaker = 'setSinkId' in HTMLMediaElement.prototype;
    $('speaker-label').hidden = !canPickSpeaker;
    if (canPickSpeaker) {
        fillSelect($('speaker-select'), devices.filter((d) => d.kind === 'audiooutput'), preferences.speakerId);
    }
}

function fillSelect(select, devices, selectedId) {
    select.replaceChildren();
    if (devices.length === 0) {
        select.append(option('', t('devices.none')));
        select.disabled = true;
        return;
    }
    select.disabled = false;
    devices.forEach((device, index) => {
        select.append(option(device.deviceId, device.label || `${t('devices.default')} ${index + 1}`));
    });
    if (selectedId && devices.some((d) => d.deviceId === selectedId)) {
        select.value = selectedId;
    }
}

function option(value, label) {
    const element = document.createElement('option');
    element.value = value;
    element.textContent = label;
    return element;
}

async function switchPreviewDevice(kind, deviceId) {
    if (kind === 'audio') {
        preferences.microphoneId = deviceId || null;
    }
    else {
        preferences.cameraId = deviceId || null;
    }
    const old = kind === 'audio' ? previewStream?.getAudioTracks() : previewStream?.getVideoTracks();
    old?.forEach((track) => {
        track.stop();
        previewStream.removeTrack(track);
    });
    if (kind === 'video' && !preferences.video) {
        showPreview();
        return;
    }
    try {
        const fresh = await openDevices(kind === 'audio', kind === 'video');
        previewStream = previewStream ?? new MediaStream();
        fresh.getTracks().forEach((track) => previewStream.addTrack(track));
    }
    catch (error) {
        showPrejoinMessage(t('prejoin.noDevices'));
    }
    showPreview();
}

async function togglePrejoinCamera() {
    preferences.video = !preferences.video;
    const track = previewStream?.getVideoTracks()[0];
    if (!preferences.video && track) {
        // Off means off: the camera is released, not just hidden.
        track.stop();
        previewStream.removeTrack(track);
    }
    else if (preferences.video && !track) {
        try {
            const fresh = await openDevices(false, true);
            previewStream = previewStream ?? new MediaStream();
            fresh.getTracks().forEach((track) => previewStream.addTrack(track));
        }
        catch (error) {
            preferences.video = false;
            showPrejoinMessage(t('prejoin.noDevices'));
        }
    }
    showPreview();
}

function togglePrejoinMicrophone() {
    preferences.audio = !preferences.audio;
    showPreview();
}

function renderPrejoinToggles() {
    const mic = $('prejoin-mic');
    mic.textContent = t(preferences.audio ? 'controls.micOn' : 'controls.micOff');
    mic.setAttribute('aria-pressed', String(!preferences.audio));
    const camera = $('prejoin-camera');
    camera.textContent = t(preferences.video ? 'controls.cameraOn' : 'controls.cameraOff');
    camera.setAttribute('aria-pressed', String(!preferences.video));
}

function showPrejoinMessage(text) {
    $('prejoin-message').textContent = text;
}

/** A level meter for the microphone, so people see it hears them before they join. */
function startMeter(track) {
    stopMeter();
    if (!track || typeof AudioContext === 'undefined') {
        return;
    }
    try {
        const context = new AudioContext();
        const analyser = context.createAnalyser();
        analyser.fftSize = 512;
        context.createMediaStreamSource(new MediaStream([track])).connect(analyser);
        const samples = new Uint8Array(analyser.fftSize);
        const bar = $('mic-level');
        let frame = 0;
        const draw = () => {
            analyser.getByteTimeDomainData(samples);
            let peak = 0;
            for (const sample of samples) {
                peak = Math.max(peak, Math.abs(sample - 128));
            }
            bar.style.width = `${Math.min(100, Math.round(peak / 128 * 200))}%`;
            frame = requestAnimationFrame(draw);
        };
        draw();
        meter = { context, stop: () => cancelAnimationFrame(frame) };
    }
    catch (error) {
        meter = null;
    }
}

function stopMeter() {
    if (meter) {
        meter.stop();
        meter.context.close().catch(() => {});
        meter = null;
    }
}

// ---- joining -----------------------------------------------------------------------------------------------

async function join() {
    const button = $('join-button');
    button.disabled = true;
    button.textContent = t('prejoin.joining');
    page = 'joining';
    await previewReady;
    stopMeter();
    const localStream = new MediaStream(previewStream ? previewStream.getTracks() : []);
    localStream.getAudioTracks().forEach((track) => {
        track.enabled = preferences.audio;
    });
    const credentials = link.ticket
        ? { callId: link.callId, ticket: link.ticket, websocketUrl: portalSocketUrl() }
        : { callId: link.callId, inviteToken: link.invite };
    if (link.ticket) {
        // A ticket works once; a reload cannot use it again.
        forgetTicket();
    }
    call = new KaiwaCall(credentials, {
        localStream,
        acquireMedia: false,
        apiBase: location.origin,
        websocketUrl: link.ticket ? credentials.websocketUrl : sameOriginSocketUrl(),
        iceTransportPolicy: link.ice === 'relay' ? 'relay' : 'all',
        ...pingOption(),
        ...(typeof testing.createSocket === 'function' ? { createSocket: testing.createSocket } : {}),
        recorder: testing.recorder,
        screenShareSource: () => {
            if (typeof testing.screenShareSource !== 'function') {
                throw new KaiwaError('SCREEN_SHARE_UNAVAILABLE', 'No screen source');
            }
            return testing.screenShareSource();
        },
    });
    listen(call);
    try {
        await call.connect();
    }
    catch (error) {
        // The state handler shows the end screen with the reason.
    }
}

/**
 * #ping=<seconds> (1 to 30) for a server or proxy that closes sockets idle for less than the usual 20 s; the
 * client pings every 5 s otherwise.
 */
function pingOption() {
    const seconds = Number(link.ping);
    return Number.isFinite(seconds) && seconds >= 1 && seconds <= 30 ? { pingIntervalMs: seconds * 1000 } : {};
}

function forgetTicket() {
    try {
        const key = `kaiwa.link.${link.callId}`;
        const stored = JSON.parse(sessionStorage.getItem(key) ?? '{}');
        delete stored.ticket;
        sessionStorage.setItem(key, JSON.stringify(stored));
    }
    catch (error) {
        // Nothing stored.
    }
}

function listen(current) {
    const log = (type) => (detail) => {
        eventLog.push({ type, at: new Date().toISOString() });
        if (eventLog.length > 300) {
            eventLog.shift();
        }
        return detail;
    };
    for (const type of ['state', 'welcome', 'waiting', 'admitted', 'denied', 'knock', 'peer-joined', 'peer-left',
        'peer-updated', 'track', 'chat', 'muted', 'ended', 'error', 'recording', 'consent', 'recorder']) {
        current.on(type, log(type));
    }
    current.on('state', ({ state }) => onState(state));
    current.on('welcome', () => {
        renderCallInfo();
        renderAll();
        renderConsent();
    });
    current.on('waiting', () => {
        showScreen('waiting');
        renderWaitingScreen();
        renderConsent();
    });
    current.on('knock', ({ peer }) => {
        toast(t('toast.knock', { name: peer.displayName ?? '' }));
        renderWaiting();
    });
    current.on('peer-joined', ({ peer }) => {
        toast(t('toast.joined', { name: peer.displayName ?? '' }));
        renderAll();
    });
    current.on('peer-left', ({ peer }) => {
        if (peer) {
            toast(t('toast.left', { name: peer.displayName ?? '' }));
        }
        renderAll();
    });
    current.on('peer-updated', ({ peer, self }) => {
        if (!self && peer.media?.hand && !handsUp.has(peer.id)) {
            toast(t('toast.handRaised', { name: peer.displayName ?? '' }));
        }
        if (peer.media?.hand) {
            handsUp.add(peer.id);
        }
        else {
            handsUp.delete(peer.id);
        }
        renderAll();
    });
    current.on('track', ({ peer }) => renderTile(peer, true));
    current.on('chat', (message) => appendChat(message));
    current.on('local-media', () => {
        renderControls();
        renderSelfTile();
        renderParticipants();
    });
    current.on('muted', () => toast(t('toast.mutedBy')));
    current.on('recording', ({ recording }) => {
        if (recording.status === 'RECORDING') {
            toast(t('toast.recordingStarted'));
        }
        else if (recording.status === 'PROCESSING') {
            toast(t('toast.recordingStopped'));
        }
        renderRecording();
        renderRecordButton();
    });
    current.on('consent', ({ participantId, purpose, granted, self }) => {
        if (!self && purpose === 'RECORDING' && !granted) {
            const peer = current.peer(participantId);
            if (peer) {
                toast(t('toast.consentWithdrawn', { name: peer.displayName ?? '' }));
            }
        }
        renderConsent();
    });
    current.on('recorder', ({ state, detail }) => {
        if (state === 'failed') {
            toast(t('toast.recorderFailed', { detail: detail ?? '' }));
        }
    });
    current.on('error', (error) => {
        errors.push({ ...error, at: new Date().toISOString() });
        if (errors.length > 100) {
            errors.shift();
        }
    });
}

function onState(state) {
    const status = $('connection-status');
    switch (state) {
        case 'connecting':
            status.textContent = t('status.connecting');
            break;
        case 'waiting':
            page = 'waiting';
            status.textContent = '';
            showScreen('waiting');
            renderWaitingScreen();
            break;
        case 'connected':
            page = 'call';
            status.textContent = '';
            showScreen('call');
            startStatsRefresh();
            renderConsent();
            break;
        case 'reconnecting':
            status.textContent = t('status.reconnecting');
            renderParticipants();
            break;
        default:
            page = 'ended';
            status.textContent = '';
            stopStatsRefresh();
            endScreen(state);
            renderConsent();
            renderRecording();
    }
}

function showScreen(name) {
    for (const screen of ['prejoin', 'waiting', 'call', 'end']) {
        $(`screen-${screen}`).hidden = screen !== name;
    }
}

function endScreen(state) {
    const keys = {
        left: 'end.left', ended: 'end.ended', denied: 'end.denied', removed: 'end.removed',
        replaced: 'end.replaced', failed: 'end.failed',
    };
    endReasonKey = keys[state] ?? 'end.failed';
    $('end-title').textContent = t(endReasonKey);
    const code = call?.lastError?.code;
    $('end-detail').textContent = state === 'failed' && code ? errorText(code) : '';
    $('rejoin-button').hidden = !(link.invite && (state === 'left' || state === 'failed'));
    (previewStream?.getTracks() ?? []).forEach((track) => track.stop());
    document.querySelectorAll('video').forEach((video) => {
        video.srcObject = null;
    });
    showScreen('end');
}

function errorText(code) {
    return has(`error.${code}`) ? t(`error.${code}`) : t('error.unknown', { code });
}

// ---- in the call ---------------------------------------------------------------------------------------

function renderCallInfo() {
    $('call-title').textContent = call?.call?.title ?? '';
    renderRecording();
    renderRecordButton();
    $('end-button').hidden = !call?.isModerator;
}

/** REC while the server captures a recording of the call (for everyone); otherwise the call's recording policy. */
function renderRecording() {
    const indicator = $('recording-indicator');
    const text = $('recording-text');
    const inCall = call && (call.state === 'connected' || call.state === 'reconnecting');
    if (inCall && call.activeRecordings.length > 0) {
        indicator.dataset.recording = 'on';
        text.dataset.i18n = 'recording.on';
    }
    else {
        const policy = recordingPolicy();
        indicator.dataset.recording = policy === 'REQUIRED' || policy === 'OPTIONAL' ? 'notice' : 'off';
        text.dataset.i18n = policy === 'REQUIRED' ? 'recording.required' : policy === 'OPTIONAL' ? 'recording.optional' : 'recording.off';
    }
    text.textContent = t(text.dataset.i18n);
}

function recordingPolicy() {
    return call?.consent?.policy ?? call?.call?.settings?.recording ?? null;
}

function isHost() {
    return call?.you?.role === 'HOST' || call?.you?.role === 'CO_HOST';
}

/** Hosts start a composite recording (everyone's consent needed) and stop what runs. */
function renderRecordButton() {
    const button = $('record-button');
    const policy = recordingPolicy();
    button.hidden = !call || !isHost() || !policy || policy === 'OFF';
    if (button.hidden) {
        return;
    }
    const running = call.activeRecordings.length > 0;
    button.dataset.i18n = running ? 'recording.stop' : 'recording.start';
    button.dataset.action = running ? 'stop' : 'start';
    button.setAttribute('aria-pressed', String(running));
    button.textContent = t(button.dataset.i18n);
}

async function toggleRecording() {
    if (!call) {
        return;
    }
    const button = $('record-button');
    button.disabled = true;
    try {
        const running = call.activeRecordings;
        if (running.length > 0) {
            await Promise.all(running.map((recording) => call.stopRecording(recording.id)));
        }
        else {
            await call.startRecording({ kind: 'COMPOSITE' });
        }
    }
    catch (error) {
        errors.push({ code: error.code ?? 'RECORDING_FAILED', detail: error.detail ?? error.message, at: new Date().toISOString() });
        toast(errorText(error.code ?? 'unknown'));
    }
    finally {
        button.disabled = false;
        renderRecordButton();
    }
}

// ---- consent --------------------------------------------------------------------------------------------------

/** The waiting screen says why: a moderator has to admit, or the recording notice has to be answered. */
function renderWaitingScreen() {
    const consentStep = call?.waitingReason === 'consent';
    const title = $('waiting-title');
    const detail = $('waiting-detail');
    title.dataset.i18n = consentStep ? 'consent.stepTitle' : 'waiting.title';
    detail.dataset.i18n = consentStep ? 'consent.stepDetail' : 'waiting.detail';
    title.textContent = t(title.dataset.i18n);
    detail.textContent = t(detail.dataset.i18n);
    $('waiting-spinner').hidden = consentStep;
}

/**
 * The notice with Grant and Decline: in the consent step; in the call while recording consent is undecided
 * (recording policy OPTIONAL), or when the person asks for it; never for viewers, who are not recorded.
 */
function consentPanelWanted() {
    if (!call || call.you?.role === 'VIEWER' || !call.consent.notices) {
        return false;
    }
    if (call.state === 'waiting') {
        return call.waitingReason === 'consent';
    }
    if (call.state !== 'connected' && call.state !== 'reconnecting') {
        return false;
    }
    const policy = recordingPolicy();
    if (!policy || policy === 'OFF') {
        return false;
    }
    const decision = call.consent.decisions.RECORDING;
    return consentRequested || decision === undefined;
}

function renderConsent() {
    const panel = $('consent-panel');
    const shown = consentPanelWanted();
    panel.hidden = !shown;
    renderConsentButton();
    renderRecording();
    if (!shown) {
        return;
    }
    const notice = call.consentNotice('RECORDING', language());
    $('consent-text').textContent = notice?.text ?? '';
    $('consent-version').textContent = notice ? t('consent.version', { version: notice.version }) : '';
    const declinedInStep = call.state === 'waiting' && call.consent.decisions.RECORDING === false;
    const message = $('consent-message');
    if (declinedInStep) {
        message.dataset.i18n = 'consent.declinedRequired';
        message.textContent = t('consent.declinedRequired');
    }
    else if (message.dataset.i18n === 'consent.declinedRequired') {
        delete message.dataset.i18n;
        message.textContent = '';
    }
    $('consent-grant').disabled = consentSending;
    $('consent-decline').disabled = consentSending;
}

/** In the call: withdraw a granted consent (asks for a second click), or open the notice to decide again. */
function renderConsentButton() {
    const button = $('consent-button');
    const policy = recordingPolicy();
    const inCall = call && (call.state === 'connected' || call.state === 'reconnecting');
    button.hidden = !inCall || !policy || policy === 'OFF' || call.you?.role === 'VIEWER';
    if (button.hidden) {
        return;
    }
    const granted = call.consent.decisions.RECORDING === true;
    button.dataset.action = granted ? 'withdraw' : 'decide';
    button.dataset.i18n = granted ? 'consent.withdraw' : 'consent.give';
    if (!isArmed('consent-withdraw')) {
        button.textContent = t(button.dataset.i18n);
    }
}

async function decideConsent(granted) {
    if (!call || consentSending) {
        return;
    }
    consentSending = true;
    $('consent-message').textContent = '';
    renderConsent();
    try {
        if (granted) {
            await call.grantConsent('RECORDING', { language: language() });
        }
        else {
            await call.withdrawConsent('RECORDING', { language: language() });
        }
        consentRequested = false;
    }
    catch (error) {
        errors.push({ code: error.code ?? 'CONSENT_FAILED', detail: error.detail ?? error.message, at: new Date().toISOString() });
        $('consent-message').textContent = errorText(error.code ?? 'unknown');
    }
    finally {
        consentSending = false;
        renderConsent();
    }
}

function onConsentButton() {
    if (!call) {
        return;
    }
    const button = $('consent-button');
    if (call.consent.decisions.RECORDING === true) {
        confirmThen('consent-withdraw', button, 'consent.withdraw', () => decideConsent(false));
    }
    else {
        consentRequested = true;
        renderConsent();
    }
}

// ---- recording uploads ---------------------------------------------------------------------------------------

/** Upload progress of what this browser records; on load, recordings an earlier page left behind are resumed. */
function watchUploads() {
    recordingUploads.on('recording-upload', (progress) => {
        uploads.set(progress.recordingId, { ...progress, at: new Date().toISOString() });
        renderUploads();
    });
    recordingUploads.resumePending().catch((error) => {
        errors.push({ code: 'UPLOAD_RESUME_FAILED', detail: String(error?.message ?? error), at: new Date().toISOString() });
    });
}

function renderUploads() {
    const status = $('upload-status');
    const all = [...uploads.values()];
    const busy = all.filter((progress) => progress.state === 'recording' || progress.state === 'uploading'
        || progress.state === 'completing');
    const latest = all.sort((a, b) => a.at.localeCompare(b.at)).at(-1);
    if (busy.length > 0) {
        const stored = busy.reduce((sum, progress) => sum + progress.chunksStored, 0);
        const uploaded = busy.reduce((sum, progress) => sum + progress.chunksUploaded, 0);
        const pending = busy.reduce((sum, progress) => sum + progress.chunksPending, 0);
        const completing = busy.every((progress) => progress.state === 'completing');
        status.dataset.state = busy[0].paused ? 'paused' : completing ? 'completing' : 'uploading';
        status.textContent = busy[0].paused ? t('upload.paused', { pending })
            : completing ? t('upload.completing') : t('upload.pending', { stored, uploaded });
        status.hidden = false;
    }
    else if (latest) {
        status.dataset.state = latest.state;
        status.textContent = latest.state === 'failed' ? t('upload.failed', { code: latest.error?.code ?? '' }) : t('upload.completed');
        status.hidden = false;
    }
    else {
        status.hidden = true;
    }
}

function renderAll() {
    renderControls();
    renderTiles();
    renderParticipants();
    renderWaiting();
    renderRecordButton();
    renderConsentButton();
}

function renderControls() {
    if (!call) {
        return;
    }
    const media = call.localMedia;
    setToggle($('toggle-mic'), !media.audio, media.audio ? 'controls.micOn' : 'controls.micOff');
    setToggle($('toggle-camera'), !media.video, media.video ? 'controls.cameraOn' : 'controls.cameraOff');
    setToggle($('toggle-screen'), media.screen, media.screen ? 'controls.shareStop' : 'controls.shareStart');
    const hand = !!call.you?.media?.hand;
    setToggle($('toggle-hand'), hand, hand ? 'controls.handLower' : 'controls.handRaise');
    $('toggle-screen').disabled = call.call?.settings?.screenShare === false || call.you?.role === 'VIEWER';
    $('end-button').hidden = !call.isModerator;
}

function setToggle(button, pressed, key) {
    button.setAttribute('aria-pressed', String(pressed));
    button.dataset.i18n = key;
    button.textContent = t(key);
}

function renderTiles() {
    if (!call) {
        return;
    }
    renderSelfTile();
    const present = new Set(call.peers.map((peer) => peer.id));
    for (const tile of [...document.querySelectorAll('#video-grid .tile[data-participant-id]')]) {
        if (!tile.classList.contains('self') && !present.has(tile.dataset.participantId)) {
            tile.remove();
        }
    }
    call.peers.forEach((peer) => renderTile(peer, false));
}

function tileFor(id, self) {
    let tile = document.querySelector(`#video-grid .tile[data-participant-id="${CSS.escape(id)}"]`);
    if (!tile) {
        tile = document.createElement('div');
        tile.className = self ? 'tile self' : 'tile';
        tile.dataset.participantId = id;
        const video = document.createElement('video');
        video.autoplay = true;
        video.playsInline = true;
        video.muted = self;
        const placeholder = document.createElement('div');
        placeholder.className = 'tile-placeholder';
        const label = document.createElement('div');
        label.className = 'tile-label';
        tile.append(video, placeholder, label);
        if (self) {
            $('video-grid').prepend(tile);
        }
        else {
            $('video-grid').append(tile);
        }
        if (!self && preferences.speakerId && typeof video.setSinkId === 'function') {
            video.setSinkId(preferences.speakerId).catch(() => {});
        }
    }
    return tile;
}

function renderSelfTile() {
    if (!call || !call.you) {
        return;
    }
    const tile = tileFor(call.you.id, true);
    const media = call.localMedia;
    const track = media.screen ? call.screenTrack : call.localStream?.getVideoTracks().find((candidate) => candidate.readyState === 'live');
    const video = tile.querySelector('video');
    if (video.srcObject?.getVideoTracks()[0] !== track) {
        video.srcObject = track ? new MediaStream([track]) : null;
        video.play().catch(() => {});
    }
    tile.classList.toggle('screen', media.screen);
    fillLabel(tile, { displayName: call.you.displayName, media: { ...call.you.media, ...media } }, true);
    tile.querySelector('.tile-placeholder').textContent = track ? '' : initials(call.you.displayName);
}

function renderTile(peer, newTrack) {
    const tile = tileFor(peer.id, false);
    const video = tile.querySelector('video');
    if (video.srcObject !== peer.stream || newTrack) {
        // Set again on a new track, so the element picks up tracks added to the stream.
        video.srcObject = null;
        video.srcObject = peer.stream;
        video.play().catch(() => {});
    }
    const showsVideo = peer.media?.video !== false || peer.media?.screen;
    tile.classList.toggle('screen', !!peer.media?.screen);
    tile.classList.toggle('reconnecting', peer.status === 'RECONNECTING');
    tile.dataset.statusText = t('participants.reconnecting');
    tile.querySelector('.tile-placeholder').textContent = showsVideo ? '' : initials(peer.displayName);
    video.style.visibility = showsVideo ? 'visible' : 'hidden';
    fillLabel(tile, peer, false);
}

function fillLabel(tile, person, self) {
    const label = tile.querySelector('.tile-label');
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = (person.displayName ?? '') + (self ? ` ${t('participants.you')}` : '');
    label.replaceChildren(name, ...badges(person.media ?? {}));
}

function badges(media) {
    const result = [];
    const add = (symbol, title) => {
        const badge = document.createElement('span');
        badge.className = 'badge';
        badge.textContent = symbol;
        badge.title = title;
        result.push(badge);
    };
    if (media.audio === false) {
        add('🔇', t('controls.micOff'));
    }
    if (media.screen) {
        add('🖥', t('controls.shareStop'));
    }
    if (media.hand) {
        add('✋', t('controls.handRaise'));
    }
    return result;
}

function initials(name) {
    const text = String(name ?? '').trim();
    return text ? [...text][0].toUpperCase() : '?';
}

function renderParticipants() {
    if (!call || !call.you) {
        return;
    }
    const list = $('participant-list');
    const entries = [{ ...call.you, media: { ...call.you.media, ...call.localMedia }, self: true }, ...call.peers];
    list.replaceChildren(...entries.map((person) => participantEntry(person)));
}

function participantEntry(person) {
    const item = document.createElement('li');
    item.className = 'participant';
    item.dataset.participantId = person.id;
    const quality = document.createElement('span');
    quality.className = 'quality';
    const level = person.self ? worstQuality() : person.stats?.quality ?? 'unknown';
    quality.dataset.quality = level;
    quality.title = t(`quality.${level}`);
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = (person.displayName ?? '') + (person.self ? ` ${t('participants.you')}` : '');
    const role = document.createElement('span');
    role.className = 'role';
    role.textContent = person.role ?? '';
    item.append(quality, name, role, ...badges(person.media ?? {}));
    if (!person.self && person.status === 'RECONNECTING') {
        const status = document.createElement('span');
        status.className = 'role';
        status.textContent = t('participants.reconnecting');
        item.append(status);
    }
    if (!person.self && call.isModerator) {
        const actions = document.createElement('div');
        actions.className = 'actions';
        if (person.media?.audio !== false) {
            actions.append(actionButton('host.mute', 'mute', person.id, () => call.mute(person.id)));
        }
        actions.append(confirmingButton('host.remove', 'remove', person.id, () => call.remove(person.id)));
        item.append(actions);
    }
    return item;
}

/** Only the quality dots change with the statistics; the rest of the list stays as it is (and clickable). */
function renderQuality() {
    for (const item of document.querySelectorAll('#participant-list .participant')) {
        const id = item.dataset.participantId;
        const level = id === call?.you?.id ? worstQuality() : call?.peer(id)?.stats?.quality ?? 'unknown';
        const dot = item.querySelector('.quality');
        if (dot && dot.dataset.quality !== level) {
            dot.dataset.quality = level;
            dot.title = t(`quality.${level}`);
        }
    }
}

function worstQuality() {
    const order = ['poor', 'fair', 'good'];
    const levels = (call?.peers ?? []).map((peer) => peer.stats?.quality).filter((level) => order.includes(level));
    return levels.length ? order.find((level) => levels.includes(level)) : 'unknown';
}

function renderWaiting() {
    if (!call) {
        return;
    }
    const waiting = [...call.waiting.values()];
    $('waiting-section').hidden = !call.isModerator || waiting.length === 0;
    $('waiting-list').replaceChildren(...waiting.map((person) => {
        const item = document.createElement('li');
        item.className = 'waiting-entry';
        item.dataset.participantId = person.id;
        const name = document.createElement('span');
        name.className = 'name';
        name.textContent = person.displayName ?? '';
        item.append(name,
            actionButton('host.admit', 'admit', person.id, () => {
                call.admit(person.id);
                renderWaiting();
            }),
            actionButton('host.deny', 'deny', person.id, () => {
                call.deny(person.id);
                renderWaiting();
            }));
        return item;
    }));
}

function actionButton(key, action, participantId, handler) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = `action-${action}`;
    button.dataset.action = action;
    button.dataset.participantId = participantId;
    button.dataset.i18n = key;
    button.textContent = t(key);
    button.addEventListener('click', handler);
    return button;
}

/** A button that acts on the second click within a few seconds (no modal dialog in the way of the call). */
function confirmingButton(key, action, participantId, handler) {
    const button = actionButton(key, action, participantId, () => confirmThen(`${action}:${participantId}`, button, key, handler));
    if (isArmed(`${action}:${participantId}`)) {
        button.textContent = t('controls.confirm');
    }
    return button;
}

/** Armed confirmations by action and target; kept outside the buttons, which are rebuilt on every update. */
const armedUntil = new Map();
const CONFIRM_MILLIS = 4000;

function isArmed(armKey) {
    return (armedUntil.get(armKey) ?? 0) > Date.now();
}

function confirmThen(armKey, button, key, handler) {
    if (isArmed(armKey)) {
        armedUntil.delete(armKey);
        handler();
        return;
    }
    armedUntil.set(armKey, Date.now() + CONFIRM_MILLIS);
    button.textContent = t('controls.confirm');
    setTimeout(() => {
        if (!isArmed(armKey)) {
            button.textContent = t(key);
        }
    }, CONFIRM_MILLIS + 50);
}

// ---- chat ---------------------------------------------------------------------------------------------------

function appendChat(message) {
    const list = $('chat-messages');
    const item = document.createElement('li');
    item.className = message.self ? 'chat-message self' : 'chat-message';
    if (message.id) {
        item.dataset.messageId = message.id;
    }
    const meta = document.createElement('div');
    meta.className = 'chat-meta';
    const author = document.createElement('span');
    author.className = 'chat-author';
    author.textContent = message.displayName;
    const time = document.createElement('time');
    if (message.sentAt) {
        time.dateTime = message.sentAt;
        const sent = new Date(message.sentAt);
        time.textContent = Number.isNaN(sent.getTime()) ? '' : sent.toLocaleTimeString(language(), { hour: '2-digit', minute: '2-digit' });
    }
    meta.append(author, time);
    const text = document.createElement('p');
    text.className = 'chat-text';
    text.append(...linkify(message.text));
    item.append(meta, text);
    const atBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 10;
    list.append(item);
    if (atBottom || message.self) {
        list.scrollTop = list.scrollHeight;
    }
}

const URL_PATTERN = /https?:\/\/[^\s<>"'\u3000-\u303f\uff08\uff09]+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}'"]+$/;

/** Text nodes and anchors: http(s) links become clickable, everything else stays plain text. */
function linkify(text) {
    const nodes = [];
    let last = 0;
    for (const match of text.matchAll(URL_PATTERN)) {
        let url = match[0];
        const trailing = url.match(TRAILING_PUNCTUATION);
        if (trailing) {
            url = url.slice(0, -trailing[0].length);
        }
        const start = match.index;
        let href = null;
        try {
            const parsed = new URL(url);
            href = parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
        }
        catch (error) {
            href = null;
        }
        if (!href) {
            continue;
        }
        if (start > last) {
            nodes.push(document.createTextNode(text.slice(last, start)));
        }
        const anchor = document.createElement('a');
        anchor.href = href;
        anchor.textContent = url;
        anchor.target = '_blank';
        anchor.rel = 'noopener noreferrer nofollow';
        nodes.push(anchor);
        last = start + url.length;
    }
    if (last < text.length) {
        nodes.push(document.createTextNode(text.slice(last)));
    }
    return nodes;
}

// ---- statistics ---------------------------------------------------------------------------------------

function startStatsRefresh() {
    stopStatsRefresh();
    statsTimer = setInterval(async () => {
        if (call) {
            await call.collectStats();
            renderQuality();
        }
    }, 2000);
}

function stopStatsRefresh() {
    clearInterval(statsTimer);
    statsTimer = null;
}

// ---- controls ------------------------------------------------------------------------------------------------

function wireControls() {
    const languageSelect = $('language-select');
    languageSelect.value = language();
    languageSelect.addEventListener('change', () => {
        setLanguage(languageSelect.value, true);
        renderPrejoinToggles();
        if (page === 'joining') {
            $('join-button').textContent = t('prejoin.joining');
        }
        if (endReasonKey) {
            $('end-title').textContent = t(endReasonKey);
        }
        renderCallInfo();
        renderAll();
        renderConsent();
        renderUploads();
        if (page === 'waiting') {
            renderWaitingScreen();
        }
    });
    $('camera-select').addEventListener('change', (event) => switchPreviewDevice('video', event.target.value));
    $('microphone-select').addEventListener('change', (event) => switchPreviewDevice('audio', event.target.value));
    $('speaker-select').addEventListener('change', (event) => {
        preferences.speakerId = event.target.value || null;
    });
    $('prejoin-mic').addEventListener('click', togglePrejoinMicrophone);
    $('prejoin-camera').addEventListener('click', togglePrejoinCamera);
    $('join-button').addEventListener('click', join);
    $('waiting-leave').addEventListener('click', () => call?.leave());
    $('leave-button').addEventListener('click', () => call?.leave());
    const endButton = $('end-button');
    endButton.addEventListener('click', () => confirmThen('end', endButton, 'controls.end', () => call?.end()));
    $('toggle-mic').addEventListener('click', () => call?.setAudioEnabled(!call.localMedia.audio).catch(() => {}));
    $('toggle-camera').addEventListener('click', () => call?.setVideoEnabled(!call.localMedia.video).catch(() => {}));
    $('toggle-screen').addEventListener('click', async () => {
        if (!call) {
            return;
        }
        try {
            if (call.localMedia.screen) {
                await call.stopScreenShare();
            }
            else {
                await call.startScreenShare();
            }
        }
        catch (error) {
            errors.push({ code: error.code ?? 'SCREEN_SHARE_FAILED', detail: error.message, at: new Date().toISOString() });
            toast(t('toast.shareFailed'));
        }
        renderAll();
    });
    $('toggle-hand').addEventListener('click', () => call?.hand(!call.you?.media?.hand));
    $('toggle-participants').addEventListener('click', () => togglePanel('participants-panel'));
    $('toggle-chat').addEventListener('click', () => togglePanel('chat-panel'));
    $('chat-form').addEventListener('submit', (event) => {
        event.preventDefault();
        const input = $('chat-input');
        if (call && call.chat(input.value)) {
            input.value = '';
        }
    });
    $('rejoin-button').addEventListener('click', () => location.reload());
    $('consent-grant').addEventListener('click', () => decideConsent(true));
    $('consent-decline').addEventListener('click', () => decideConsent(false));
    $('consent-button').addEventListener('click', onConsentButton);
    $('record-button').addEventListener('click', toggleRecording);
}

function togglePanel(id) {
    const panel = $(id);
    panel.hidden = !panel.hidden;
    const layout = $('screen-call');
    layout.classList.toggle('side-closed', $('participants-panel').hidden && $('chat-panel').hidden);
}

function toast(text) {
    const element = document.createElement('div');
    element.className = 'toast';
    element.textContent = text;
    $('toasts').append(element);
    setTimeout(() => element.remove(), 5000);
}

// ---- window.kaiwa: state for support and tests ----------------------------------------------------------

function plainPeer(peer) {
    const stats = peer.stats;
    return {
        id: peer.id,
        displayName: peer.displayName,
        role: peer.role,
        status: peer.status,
        media: { ...peer.media },
        polite: peer.polite,
        connectionState: peer.connectionState,
        iceConnectionState: peer.iceConnectionState,
        signalingState: peer.signalingState,
        remoteTracks: peer.stream.getTracks().map((track) => ({ kind: track.kind, readyState: track.readyState, muted: track.muted })),
        inbound: stats ? { video: { ...stats.video }, audio: { ...stats.audio } } : null,
        outbound: stats ? { ...stats.outbound } : null,
        candidatePair: stats?.pair ? { ...stats.pair } : null,
        rtt: stats?.rtt ?? null,
        jitter: stats?.jitter ?? null,
        quality: stats?.quality ?? 'unknown',
    };
}

function localState() {
    if (!call) {
        const audio = previewStream?.getAudioTracks()[0];
        const video = previewStream?.getVideoTracks()[0];
        const preview = $('preview-video');
        return {
            audio: !!audio && preferences.audio,
            video: !!video && preferences.video,
            screen: false,
            preview: { width: preview.videoWidth, height: preview.videoHeight, playing: !preview.paused && preview.readyState >= 2 },
        };
    }
    const screen = call.screenTrack?.getSettings();
    return { ...call.localMedia, screenSize: screen ? { width: screen.width ?? 0, height: screen.height ?? 0 } : null };
}

function exposeState() {
    const state = {
        get state() {
            return call ? call.state : page;
        },
        get page() {
            return page;
        },
        get callId() {
            return link.callId;
        },
        get you() {
            return call?.you ? { ...call.you } : null;
        },
        get callInfo() {
            return call?.call ?? null;
        },
        get peers() {
            return call ? call.peers.map(plainPeer) : [];
        },
        get waiting() {
            return call ? [...call.waiting.values()] : [];
        },
        get chat() {
            return call ? call.chatMessages.map((message) => ({ ...message })) : [];
        },
        get local() {
            return localState();
        },
        get errors() {
            return errors.slice();
        },
        get events() {
            return eventLog.slice();
        },
        get lastError() {
            return call?.lastError ?? null;
        },
        get resumes() {
            return call?.resumes ?? 0;
        },
        get received() {
            return { ...(call?.received ?? {}) };
        },
        get sent() {
            return { ...(call?.sent ?? {}) };
        },
        /** The last signaling messages in and out, without their content. */
        get log() {
            return (call?.log ?? []).map((entry) => ({ ...entry }));
        },
        get language() {
            return language();
        },
        /** Recording policy, this participant's decisions, the notice version, consent step, notice shown. */
        get consent() {
            return {
                policy: recordingPolicy(),
                decisions: { ...(call?.consent?.decisions ?? {}) },
                noticeVersion: call?.consent?.notices?.version ?? null,
                step: !!call?.consent?.step && call?.state === 'waiting',
                panelShown: !$('consent-panel').hidden,
            };
        },
        /** The call's recordings as the server last described them. */
        get recordings() {
            return call ? [...call.recordings.values()].map((recording) => ({ ...recording })) : [];
        },
        /** What this browser records: recordingId, kind, state, mimeType, chunks, bytes, sources, error. */
        get recorders() {
            return call ? call.recorders : [];
        },
        /** Upload progress of recordings this page uploads (including ones resumed from an earlier page). */
        get uploads() {
            return recordingUploads.progress;
        },
        /** The call object itself, for support in the console. */
        get call() {
            return call;
        },
        /** Fresh statistics of every connection, then everything above as plain data. */
        async snapshot() {
            if (call) {
                await call.collectStats();
            }
            return {
                state: this.state, page, callId: link.callId, you: this.you, callInfo: this.callInfo,
                peers: this.peers, waiting: this.waiting, chat: this.chat, local: this.local, errors: this.errors,
                lastError: this.lastError, resumes: this.resumes, received: this.received, sent: this.sent,
                log: this.log.slice(-80), language: language(), consent: this.consent, recordings: this.recordings,
                recorders: this.recorders, uploads: this.uploads,
            };
        },
        testing,
    };
    Object.defineProperty(window, 'kaiwa', { value: state, configurable: false, writable: false });
}
