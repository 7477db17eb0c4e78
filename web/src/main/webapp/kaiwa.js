/**
 * Kaiwa browser client: joins a call over the signaling WebSocket and runs a full mesh of
 * RTCPeerConnections, one per other participant.
 *
 * A dependency-free ES module. Portals import it from the Kaiwa server:
 *
 *   import { Kaiwa } from 'https://calls.example.com/kaiwa.js';
 *   const call = await Kaiwa.join({ callId, ticket, websocketUrl }, { localStream, on: { track: showVideo } });
 *
 * Negotiation follows the "perfect negotiation" pattern: of two participants the one with the smaller
 * participant id is polite (yields on an offer collision), so both sides may add tracks at any time and
 * glare never breaks a call. The socket resumes with the single-use resumeToken of the last welcome after an
 * abnormal close; the peer connections keep running meanwhile.
 */

const DEFAULT_OPTIONS = Object.freeze({
    pingIntervalMs: 5000,
    statsIntervalMs: 5000,
    /** A socket that answered nothing (not even a pong) for this long is given up and resumed. */
    silenceTimeoutMs: 15000,
    /** First connection: how long to wait for welcome or waiting. */
    joinTimeoutMs: 20000,
    reconnectInitialDelayMs: 500,
    reconnectMaxDelayMs: 8000,
    /** Give up resuming after this long; the server's grace (kaiwa.signaling.reconnect-grace) is 30 s by default. */
    reconnectGiveUpMs: 60000,
    iceTransportPolicy: 'all',
    chatHistoryLimit: 500,
    /** How long grantConsent/withdrawConsent wait for the server to confirm the decision. */
    consentTimeoutMs: 30000,
});

/** Error codes after which the socket is not resumed: the server has said why it will not serve this participant. */
const FINAL_ERROR_CODES = new Set([
    'SIGNALING_JOIN_REQUIRED', 'TICKET_INVALID', 'CALL_ALREADY_ENDED', 'CALL_PAUSED', 'CALL_FULL',
    'PARTICIPANT_REMOVED', 'CONNECTION_REPLACED', 'FORBIDDEN', 'INVITE_INVALID', 'CALL_NOT_FOUND',
]);

/** Close codes the server uses on purpose: 1000 normal, 1008 policy (auth, flood), 4000 replaced, 4003 removed. */
const CLOSE_NORMAL = 1000;
const CLOSE_POLICY = 1008;
const CLOSE_REPLACED = 4000;
const CLOSE_REMOVED = 4003;
/** What the client itself uses to give up a socket without leaving the call (an application close code). */
const CLOSE_DROPPED = 4001;

/**
 * The states of a call, in the order they usually happen:
 * idle → connecting → (waiting →) connected ⇄ reconnecting → left | ended | denied | removed | replaced | failed.
 */
export const CallState = Object.freeze({
    IDLE: 'idle',
    CONNECTING: 'connecting',
    WAITING: 'waiting',
    CONNECTED: 'connected',
    RECONNECTING: 'reconnecting',
    LEFT: 'left',
    ENDED: 'ended',
    DENIED: 'denied',
    REMOVED: 'removed',
    REPLACED: 'replaced',
    FAILED: 'failed',
});

const FINAL_STATES = new Set([CallState.LEFT, CallState.ENDED, CallState.DENIED, CallState.REMOVED,
    CallState.REPLACED, CallState.FAILED]);

const MODERATOR_ROLES = new Set(['HOST', 'CO_HOST', 'MODERATOR']);

/**
 * A newcomer waits this long for the others' offers before offering itself. The participants already in the call
 * offer when they hear peer-joined, so the usual join has no offer collision at all (perfect negotiation still
 * resolves one, but Chromium sometimes stops gathering ICE candidates after the implicit rollback).
 */
const NEWCOMER_OFFER_WAIT_MS = 2500;
/** A connection that has both descriptions and sent no candidate for this long is stuck: it is built anew. */
const STUCK_GATHERING_MS = 4000;
/** A connection with no ICE progress at all this long after negotiating is restarted (by the impolite side). */
const STUCK_ICE_MS = 8000;
/** Restarts of ICE before the connection is built anew, and new connections before giving up on recovery. */
const MAX_ICE_RESTARTS = 1;
const MAX_RECREATIONS = 3;

/** An error the server named with a code (an ErrorCode name, e.g. CALL_FULL), or one of the client's own. */
export class KaiwaError extends Error {
    constructor(code, detail) {
        super(detail ? `${code}: ${detail}` : code);
        this.name = 'KaiwaError';
        this.code = code;
        this.detail = detail ?? null;
    }
}

/** The client's view of another participant and the peer connection to it. */
class RemotePeer {
    constructor(info, polite) {
        this.id = info.id;
        this.info = { ...info };
        this.polite = polite;
        this.pc = null;
        this.stream = new MediaStream();
        this.audioSender = null;
        this.videoSender = null;
        this.makingOffer = false;
        this.ignoreOffer = false;
        this.settingRemoteAnswer = false;
        /** Signaling messages of this peer run one after another: negotiation steps must not interleave. */
        this.queue = Promise.resolve();
        this.stats = null;
        /** Recovery of a stuck connection: when it last became stable, candidates it sent since, attempts so far. */
        this.stableSince = 0;
        this.candidatesSent = 0;
        this.iceRestarts = 0;
        this.recreations = 0;
        this.watchTimer = null;
        this.initiateTimer = null;
        /** Counters at the previous collection, one baseline for the view and one for the server's reports. */
        this.baselines = { view: null, report: null };
    }

    update(info) {
        this.info = { ...this.info, ...info };
    }

    /** What the application sees of the peer. */
    view() {
        return {
            id: this.id,
            displayName: this.info.displayName ?? null,
            role: this.info.role ?? null,
            status: this.info.status ?? null,
            media: { ...(this.info.media ?? {}) },
            polite: this.polite,
            connectionState: this.pc ? this.pc.connectionState : 'new',
            iceConnectionState: this.pc ? this.pc.iceConnectionState : 'new',
            signalingState: this.pc ? this.pc.signalingState : 'stable',
            stream: this.stream,
            stats: this.stats,
        };
    }
}

/**
 * One participant's connection to a call. Create it with {@link Kaiwa.join} (or construct it and call
 * {@link KaiwaCall#connect}). Listen with {@link KaiwaCall#on}; every event's handler gets one detail object.
 *
 * Events: state {state, previous}, welcome {you, peers, call}, waiting {reason, notices}, admitted, denied,
 * knock {peer}, peer-joined {peer}, peer-left {participantId, reason, peer}, peer-updated {peer, self},
 * track {peer, track, stream}, chat {id, from, displayName, text, sentAt}, muted {by}, ended {reason},
 * error {code, detail}, stats {rtt, jitter, packetLoss, bitrate, peers}, local-media {audio, video, screen},
 * consent {participantId, purpose, granted, self}, recording {recording, recordings, recorder},
 * recorder {recordingId, state, detail}, recording-upload {recordingId, state, chunksStored, ...}, and any other
 * server message by its type (e.g. mode, transcript). "message" gets every server message.
 *
 * Consent and recording: the server owns both. This client shows nothing itself; it keeps the consent notices and
 * decisions ({@link KaiwaCall#consent}), sends decisions ({@link KaiwaCall#grantConsent}), and when the server
 * names this participant as the recorder of a recording it records in the browser ({@link CallRecorder}) and
 * uploads the media through {@link recordingUploads}.
 */
export class KaiwaCall extends EventTarget {
    /**
     * @param credentials {callId, ticket, websocketUrl?} from REST /join, or {callId, inviteToken}
     * @param options see DEFAULT_OPTIONS, plus localStream, apiBase (origin of the Kaiwa server, defaults to
     *        the origin kaiwa.js was loaded from), websocketUrl (overrides the one from /join), screenShareSource
     *        (function returning a MediaStream, used when getDisplayMedia is unavailable or fails), createSocket
     *        (function taking the signaling URL and returning the socket to use instead of a WebSocket, see
     *        {@link KaiwaCall#_createSocket}), on {event: handler}
     */
    constructor(credentials, options = {}) {
        super();
        if (!credentials || typeof credentials.callId !== 'string' || !credentials.callId) {
            throw new TypeError('credentials.callId is required');
        }
        if (!credentials.ticket && !credentials.inviteToken) {
            throw new TypeError('credentials need a ticket (from REST /join) or an inviteToken');
        }
        this.options = { ...DEFAULT_OPTIONS, ...options };
        this.callId = credentials.callId;
        this._inviteToken = credentials.inviteToken ?? null;
        this._ticket = credentials.ticket ?? null;
        this._websocketUrl = options.websocketUrl ?? credentials.websocketUrl ?? null;
        this.apiBase = trimSlash(options.apiBase ?? new URL('.', import.meta.url).origin);

        this.state = CallState.IDLE;
        /** This participant as the server last described it (welcome, peer-updated). */
        this.you = null;
        /** The call as the welcome described it: {id, title, type, status, settings}. */
        this.call = null;
        this.mode = null;
        this.iceServers = [];
        this.participantToken = null;
        this.participantTokenExpiresAt = null;
        /** Participants waiting to be let in (only moderators hear of them). */
        this.waiting = new Map();
        this.chatMessages = [];
        this.lastError = null;
        /** Counts of signaling messages received and sent by type, for support and tests. */
        this.received = {};
        this.sent = {};
        /** The last signaling messages in and out (type, peer, negotiation state; never content), for support. */
        this.log = [];
        this.resumes = 0;

        this._peers = new Map();
        this._socket = null;
        this._resumeToken = null;
        this._leaving = false;
        this._lastServerErrorCode = null;
        this._timers = [];
        this._reconnectTimer = null;
        this._reconnectStartedAt = null;
        this._reconnectAttempt = 0;
        this._lastHeardAt = 0;
        this._joinSettled = null;
        this._joinKind = null;

        this._localStream = options.localStream ?? null;
        this._ownsLocalStream = false;
        this._outgoing = new MediaStream();
        this._cameraTrack = null;
        this._audioTrack = null;
        this._screenTrack = null;
        this._screenStream = null;
        this._audioEnabled = true;

        /** Why the participant waits (admission or consent) while the state is waiting. */
        this.waitingReason = null;
        /**
         * The call's recording policy (OFF, OPTIONAL, REQUIRED), this participant's current decisions by purpose
         * (absent: never decided), the notices ({version, texts: {RECORDING: {en, ja}, ...}}), and whether it is in
         * the consent step (let in only after granting).
         */
        this.consent = { policy: null, decisions: {}, notices: null, step: false };
        /** The call's recordings as the server last described them, by id. */
        this.recordings = new Map();
        this._recorders = new Map();
        this._pendingConsents = [];
        this._forwardUploads = recordingUploads.on('recording-upload', (progress) => {
            if (progress.callId === this.callId) {
                this._dispatch('recording-upload', progress);
            }
        });

        for (const [type, handler] of Object.entries(options.on ?? {})) {
            this.on(type, handler);
        }
    }

    /** Adds a handler; returns a function that removes it. */
    on(type, handler) {
        const listener = (event) => handler(event.detail);
        this.addEventListener(type, listener);
        return () => this.removeEventListener(type, listener);
    }

    /** The other participants the client has a connection to. */
    get peers() {
        return [...this._peers.values()].map((peer) => peer.view());
    }

    peer(participantId) {
        const peer = this._peers.get(participantId);
        return peer ? peer.view() : null;
    }

    get isModerator() {
        return !!this.you && MODERATOR_ROLES.has(this.you.role);
    }

    get localStream() {
        return this._localStream;
    }

    /** What this participant currently sends. */
    get localMedia() {
        return {
            audio: !!this._audioTrack && this._audioEnabled && this._audioTrack.readyState === 'live',
            video: !!this._cameraTrack && this._cameraTrack.readyState === 'live',
            screen: !!this._screenTrack && this._screenTrack.readyState === 'live',
        };
    }

    /** The screen share track while sharing (for a local preview). */
    get screenTrack() {
        return this._screenTrack;
    }

    /**
     * Connects: exchanges the invite for a ticket if needed, opens the socket and resolves when the server
     * answered with welcome (state connected) or waiting (state waiting). Rejects with a KaiwaError otherwise.
     */
    async connect() {
        if (this.state !== CallState.IDLE) {
            throw new KaiwaError('ALREADY_CONNECTED', 'connect() may be called once');
        }
        this._setState(CallState.CONNECTING);
        try {
            await this._prepareLocalMedia();
            if (!this._ticket) {
                await this._exchangeInvite();
            }
            const joined = new Promise((resolve, reject) => {
                this._joinSettled = { resolve, reject };
            });
            const timeout = setTimeout(() => this._failJoin(new KaiwaError('JOIN_TIMEOUT',
                'The server did not answer the join in time')), this.options.joinTimeoutMs);
            try {
                this._openSocket({ type: 'join', ticket: this._takeTicket() });
                await joined;
            }
            finally {
                clearTimeout(timeout);
            }
            return this;
        }
        catch (error) {
            const failure = error instanceof KaiwaError ? error : new KaiwaError('CONNECTION_FAILED', String(error?.message ?? error));
            this.lastError = { code: failure.code, detail: failure.detail };
            this._finish(CallState.FAILED);
            throw failure;
        }
    }

    // ---- media controls -------------------------------------------------------------------------------

    /** Mutes or unmutes the microphone (the track keeps running, muted it sends silence). */
    async setAudioEnabled(enabled) {
        if (enabled && !this._audioTrack) {
            const stream = await navigator.mediaDevices.getUserMedia({ audio: this.options.audioConstraints ?? true });
            await this.replaceLocalTrack('audio', stream.getAudioTracks()[0]);
        }
        this._audioEnabled = !!enabled;
        if (this._audioTrack) {
            this._audioTrack.enabled = this._audioEnabled;
        }
        this._announceMedia();
    }

    muteAudio() {
        return this.setAudioEnabled(false);
    }

    unmuteAudio() {
        return this.setAudioEnabled(true);
    }

    /** Turns the camera on (opening it again) or off (releasing it). */
    async setVideoEnabled(enabled) {
        if (enabled) {
            if (!this._cameraTrack || this._cameraTrack.readyState !== 'live') {
                const stream = await navigator.mediaDevices.getUserMedia({ video: this.options.videoConstraints ?? true });
                await this.replaceLocalTrack('video', stream.getVideoTracks()[0]);
            }
        }
        else if (this._cameraTrack) {
            const track = this._cameraTrack;
            this._cameraTrack = null;
            this._localStream?.removeTrack(track);
            this._outgoing.removeTrack(track);
            track.stop();
            if (!this._screenTrack) {
                await this._sendVideo(null);
            }
        }
        this._announceMedia();
    }

    cameraOn() {
        return this.setVideoEnabled(true);
    }

    cameraOff() {
        return this.setVideoEnabled(false);
    }

    /**
     * Uses another microphone or camera track (a device switch): the outgoing track is replaced on every
     * connection without renegotiation. The previous track is stopped.
     */
    async replaceLocalTrack(kind, track) {
        if (kind === 'audio') {
            const previous = this._audioTrack;
            this._audioTrack = track;
            if (track) {
                track.enabled = this._audioEnabled;
            }
            this._swapInStreams(previous, track);
            await this._sendAudio(track);
            if (previous && previous !== track) {
                previous.stop();
            }
        }
        else if (kind === 'video') {
            const previous = this._cameraTrack;
            this._cameraTrack = track;
            this._swapInStreams(previous, track);
            if (!this._screenTrack) {
                await this._sendVideo(track);
            }
            if (previous && previous !== track) {
                previous.stop();
            }
        }
        else {
            throw new TypeError(`kind must be audio or video, not ${kind}`);
        }
        this._announceMedia();
    }

    /**
     * Shares the screen: the outgoing video track becomes the screen (RTCRtpSender.replaceTrack; a connection
     * without a video sender gets one with addTrack and renegotiates). Uses getDisplayMedia, or the
     * screenShareSource option when getDisplayMedia is unavailable or fails.
     */
    async startScreenShare() {
        if (this._screenTrack) {
            return this._screenTrack;
        }
        const stream = await this._displayStream();
        const track = stream.getVideoTracks()[0];
        if (!track) {
            throw new KaiwaError('SCREEN_SHARE_FAILED', 'The screen source has no video track');
        }
        if ('contentHint' in track) {
            track.contentHint = 'detail';
        }
        this._screenStream = stream;
        this._screenTrack = track;
        track.addEventListener('ended', () => {
            if (this._screenTrack === track) {
                this.stopScreenShare();
            }
        });
        await this._sendVideo(track);
        this._announceMedia();
        return track;
    }

    /** Stops sharing; the camera (if on) is sent again. */
    async stopScreenShare() {
        const track = this._screenTrack;
        if (!track) {
            return;
        }
        this._screenTrack = null;
        this._screenStream?.getTracks().forEach((t) => t.stop());
        this._screenStream = null;
        await this._sendVideo(this._cameraTrack && this._cameraTrack.readyState === 'live' ? this._cameraTrack : null);
        this._announceMedia();
    }

    // ---- messages -------------------------------------------------------------------------------------

    /** Raises or lowers the hand. */
    hand(raised) {
        this._send({ type: 'hand', raised: !!raised });
    }

    /** Sends a chat message (1..500 characters after trimming); it comes back to everyone as a chat event. */
    chat(text) {
        const trimmed = String(text ?? '').trim();
        if (!trimmed) {
            return false;
        }
        return this._send({ type: 'chat', text: trimmed });
    }

    /** Moderators: let a waiting participant in. */
    admit(participantId) {
        this.waiting.delete(participantId);
        return this._send({ type: 'admit', participantId });
    }

    /** Moderators: refuse a waiting participant. */
    deny(participantId) {
        this.waiting.delete(participantId);
        return this._send({ type: 'deny', participantId });
    }

    /** Moderators: mute someone's microphone. */
    mute(participantId) {
        return this._send({ type: 'mute', participantId });
    }

    /** Moderators: remove someone from the call; they cannot come back with the same invite. */
    remove(participantId) {
        return this._send({ type: 'remove', participantId });
    }

    /** Moderators: end the call for everyone. */
    end() {
        return this._send({ type: 'end' });
    }

    /** Leaves the call (the others see peer-left "left"). */
    leave() {
        if (FINAL_STATES.has(this.state)) {
            return;
        }
        this._leaving = true;
        this._send({ type: 'leave' });
        const socket = this._socket;
        this._finish(CallState.LEFT);
        if (socket) {
            socket.close(CLOSE_NORMAL, 'left');
        }
    }

    // ---- consent and recording ---------------------------------------------------------------------

    /**
     * Grants consent for a purpose (RECORDING or TRANSCRIPTION) under the notice the server sent, in the language
     * it was shown in (en or ja). Resolves with {purpose, granted} once the server recorded it; rejects with a
     * KaiwaError (e.g. CONSENT_NOTICE_OUTDATED). In the consent step, granting recording lets the participant in.
     */
    grantConsent(purpose = 'RECORDING', options = {}) {
        return this._decideConsent(purpose, true, options);
    }

    /**
     * Withdraws consent. For RECORDING, whatever this browser records stops at once (before the server hears of
     * it); the server stops the recordings that contain this participant and, under a REQUIRED policy, puts it
     * back into the consent step.
     */
    withdrawConsent(purpose = 'RECORDING', options = {}) {
        return this._decideConsent(purpose, false, options);
    }

    /** The current notice text of a purpose in a language (en or ja), or null before the server sent notices. */
    consentNotice(purpose = 'RECORDING', language = null) {
        const notices = this.consent.notices;
        const texts = notices?.texts?.[purpose];
        if (!texts) {
            return null;
        }
        const lang = consentLanguage(language ?? this.options.language);
        return { purpose, version: notices.version, language: texts[lang] ? lang : 'en', text: texts[lang] ?? texts.en ?? '' };
    }

    /** Recordings the server currently captures (STARTING or RECORDING). */
    get activeRecordings() {
        return [...this.recordings.values()].filter((recording) => CAPTURING.has(recording.status));
    }

    /** What this browser records right now or recorded in this call: {recordingId, kind, state, chunks, ...}. */
    get recorders() {
        return [...this._recorders.values()].map((recorder) => recorder.view());
    }

    /**
     * Hosts: starts recording through REST with the participant token. kind COMPOSITE (default; a host's browser
     * records everyone) or INDIVIDUAL (each participant's own browser); quality LOW, MEDIUM or HIGH; audioOnly.
     * Resolves with the recordings started; rejects with a KaiwaError such as CONSENT_REQUIRED (its detail names
     * who has not consented) or RECORDER_UNAVAILABLE.
     */
    async startRecording({ kind = 'COMPOSITE', quality = undefined, audioOnly = undefined } = {}) {
        const body = await this._callApi('POST', `/calls/${encodeURIComponent(this.callId)}/recordings`,
            { kind, quality, audioOnly });
        return body?.items ?? [];
    }

    /** Hosts: stops a recording; its recorder uploads the rest and the server finalizes it. */
    async stopRecording(recordingId) {
        return this._callApi('POST', `/recordings/${encodeURIComponent(recordingId)}/stop`, null);
    }

    _decideConsent(purpose, granted, { language } = {}) {
        const version = this.consent.notices?.version;
        if (!version) {
            return Promise.reject(new KaiwaError('CONSENT_NOTICE_UNKNOWN', 'The server has sent no consent notice for this call'));
        }
        if (!granted && purpose === 'RECORDING') {
            this._stopRecorders();
        }
        const sent = this._send({
            type: 'consent', purpose, granted, noticeVersion: version,
            language: consentLanguage(language ?? this.options.language), client: clientDescription(),
        });
        if (!sent) {
            return Promise.reject(new KaiwaError('NOT_CONNECTED', 'The call is not connected'));
        }
        return new Promise((resolve, reject) => {
            const pending = { purpose, granted, resolve, reject };
            pending.timer = setTimeout(() => {
                this._pendingConsents = this._pendingConsents.filter((other) => other !== pending);
                reject(new KaiwaError('CONSENT_TIMEOUT', 'The server did not confirm the decision in time'));
            }, this.options.consentTimeoutMs);
            this._pendingConsents.push(pending);
        });
    }

    async _callApi(method, path, body) {
        if (!this.participantToken) {
            throw new KaiwaError('NOT_CONNECTED', 'No participant token yet: join first');
        }
        let response;
        try {
            response = await fetch(`${this.apiBase}/api/v1${path}`, {
                method,
                headers: { 'Content-Type': 'application/json', Accept: 'application/json',
                    Authorization: `Bearer ${this.participantToken}` },
                body: body === null ? undefined : JSON.stringify(body),
                credentials: 'omit',
                cache: 'no-store',
            });
        }
        catch (error) {
            throw new KaiwaError('CONNECTION_FAILED', `The server cannot be reached: ${error.message}`);
        }
        const answer = await response.json().catch(() => null);
        if (!response.ok) {
            throw new KaiwaError(answer?.code ?? `HTTP_${response.status}`, answer?.detail ?? answer?.title ?? null);
        }
        return answer;
    }

    _recorderOptions() {
        return { ...DEFAULT_RECORDER_OPTIONS, ...(this.options.recorder ?? {}) };
    }

    _onRecording(message) {
        const recording = message.recording;
        if (!recording || typeof recording.id !== 'string') {
            return;
        }
        this.recordings.set(recording.id, { ...recording });
        const local = this._recorders.get(recording.id);
        const mine = recording.recorderId === this.you?.id;
        if (message.uploadToken && mine && recording.status === 'STARTING' && !local) {
            this._startRecorder(recording, message.uploadToken);
        }
        else if (local && !CAPTURING.has(recording.status)) {
            local.stop(recording.status === 'FAILED');
        }
        this._dispatch('recording', { recording: { ...recording }, recordings: [...this.recordings.values()], recorder: mine });
    }

    _startRecorder(recording, uploadToken) {
        const recorder = new CallRecorder(this, recording, uploadToken, this._recorderOptions());
        this._recorders.set(recording.id, recorder);
        recorder.start();
    }

    /** The recorder's answer to the server; sent again after a resume if the socket was down. */
    _answerRecorder(recorder, state, detail) {
        const message = { type: 'recorder', recordingId: recorder.recordingId, state };
        if (detail) {
            message.detail = String(detail).slice(0, 200);
        }
        recorder.answered = this._send(message) ? state : null;
        this._dispatch('recorder', { recordingId: recorder.recordingId, state, detail: detail ?? null });
    }

    _stopRecorders() {
        for (const recorder of this._recorders.values()) {
            recorder.stop(false);
        }
    }

    /**
     * What a recording of this call contains, read again on every frame: everyone who publishes (composite), or
     * this participant alone (individual). Camera or screen, whichever is sent; a camera that is off is a name.
     */
    _recordingSources(recording) {
        const own = {
            id: this.you?.id ?? 'self',
            label: this.you?.displayName ?? '',
            video: this._outgoingVideo(),
            audio: this._audioTrack && this._audioTrack.readyState === 'live' ? this._audioTrack : null,
        };
        if (recording.kind === 'INDIVIDUAL') {
            return [own];
        }
        const sources = this._isViewer() ? [] : [own];
        for (const peer of this._peers.values()) {
            if (peer.info.role === 'VIEWER') {
                continue;
            }
            const media = peer.info.media ?? {};
            const videoOff = media.video === false && !media.screen;
            sources.push({
                id: peer.id,
                label: peer.info.displayName ?? '',
                video: videoOff ? null : peer.stream.getVideoTracks()[0] ?? null,
                audio: peer.stream.getAudioTracks()[0] ?? null,
            });
        }
        return sources;
    }

    _onConsent(message) {
        // Someone waiting hears only its own decisions (and may not know its id yet: a ticket join learns it from
        // the welcome).
        const self = message.participantId === this.you?.id || this.state === CallState.WAITING;
        if (self && typeof message.purpose === 'string') {
            this.consent.decisions = { ...this.consent.decisions, [message.purpose]: !!message.granted };
            const index = this._pendingConsents.findIndex((pending) => pending.purpose === message.purpose
                && pending.granted === !!message.granted);
            if (index >= 0) {
                const [pending] = this._pendingConsents.splice(index, 1);
                clearTimeout(pending.timer);
                pending.resolve({ purpose: message.purpose, granted: !!message.granted });
            }
        }
        this._dispatch('consent', { participantId: message.participantId ?? null, purpose: message.purpose ?? null,
            granted: !!message.granted, self });
    }

    /** A refused consent decision: the oldest one waiting for confirmation fails with the server's code. */
    _refuseConsent(code, detail) {
        if (!CONSENT_REFUSALS.has(code) || this._pendingConsents.length === 0) {
            return;
        }
        const pending = this._pendingConsents.shift();
        clearTimeout(pending.timer);
        pending.reject(new KaiwaError(code, detail));
    }

    // ---- statistics ---------------------------------------------------------------------------------

    /**
     * Reads getStats of every connection: per peer the inbound video (framesDecoded, frame size) and audio
     * (bytesReceived, totalSamplesReceived), the selected candidate pair (local and remote candidate types),
     * round-trip time, jitter, loss and bitrates since the previous collection. Also kept in peer.stats.
     */
    async collectStats() {
        return this._collect('view');
    }

    async _collect(baseline) {
        const results = {};
        for (const peer of [...this._peers.values()]) {
            if (!peer.pc || peer.pc.connectionState === 'closed') {
                continue;
            }
            try {
                const summary = summarizeStats(await peer.pc.getStats(), peer, baseline);
                if (baseline === 'view') {
                    peer.stats = summary;
                }
                results[peer.id] = summary;
            }
            catch (error) {
                // A connection closed while its stats were read: nothing to report for it.
            }
        }
        return results;
    }

    /**
     * Restarts ICE on every connection (e.g. after the network changed); each renegotiates at once, which from
     * two sides at the same time is an offer collision that perfect negotiation resolves.
     */
    restartIce() {
        for (const peer of this._peers.values()) {
            if (peer.pc && peer.pc.connectionState !== 'closed') {
                peer.pc.restartIce();
            }
        }
    }

    /** Support and test hook: gives up the socket as if the network dropped it, without leaving. */
    dropSocket() {
        if (this._socket) {
            this._abandonSocket(CLOSE_DROPPED, 'dropped');
        }
    }

    // ---- internals: local media -------------------------------------------------------------------

    async _prepareLocalMedia() {
        if (!this._localStream && this.options.acquireMedia !== false) {
            this._localStream = await acquireUserMedia(this.options.audioConstraints ?? true,
                this.options.videoConstraints ?? true);
            this._ownsLocalStream = !!this._localStream;
        }
        if (!this._localStream) {
            this._localStream = new MediaStream();
        }
        this._audioTrack = this._localStream.getAudioTracks()[0] ?? null;
        this._cameraTrack = this._localStream.getVideoTracks()[0] ?? null;
        this._audioEnabled = this._audioTrack ? this._audioTrack.enabled : true;
        for (const track of [this._audioTrack, this._cameraTrack]) {
            if (track) {
                this._outgoing.addTrack(track);
            }
        }
    }

    _swapInStreams(previous, track) {
        for (const stream of [this._localStream, this._outgoing]) {
            if (!stream) {
                continue;
            }
            if (previous) {
                stream.removeTrack(previous);
            }
            if (track) {
                stream.addTrack(track);
            }
        }
    }

    async _displayStream() {
        const fallback = this.options.screenShareSource;
        let failure = null;
        if (typeof navigator.mediaDevices?.getDisplayMedia === 'function') {
            try {
                return await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
            }
            catch (error) {
                failure = error;
            }
        }
        if (typeof fallback === 'function') {
            try {
                const stream = await fallback();
                if (stream) {
                    return stream;
                }
            }
            catch (error) {
                failure = failure ?? error;
            }
        }
        throw failure
            ? new KaiwaError('SCREEN_SHARE_FAILED', failure.message ?? String(failure))
            : new KaiwaError('SCREEN_SHARE_UNAVAILABLE', 'This browser cannot share the screen');
    }

    /** The track the camera-or-screen sender of every connection should carry. */
    _outgoingVideo() {
        if (this._screenTrack) {
            return this._screenTrack;
        }
        return this._cameraTrack && this._cameraTrack.readyState === 'live' ? this._cameraTrack : null;
    }

    async _sendVideo(track) {
        await Promise.all([...this._peers.values()].map((peer) => this._setSenderTrack(peer, 'video', track)));
    }

    async _sendAudio(track) {
        await Promise.all([...this._peers.values()].map((peer) => this._setSenderTrack(peer, 'audio', track)));
    }

    async _setSenderTrack(peer, kind, track) {
        if (!peer.pc || peer.pc.connectionState === 'closed' || this._isViewer()) {
            return;
        }
        const senderKey = kind === 'audio' ? 'audioSender' : 'videoSender';
        const sender = peer[senderKey];
        if (sender) {
            await sender.replaceTrack(track);
            const transceiver = peer.pc.getTransceivers().find((t) => t.sender === sender);
            if (track && transceiver && !transceiver.stopped
                    && (transceiver.direction === 'recvonly' || transceiver.direction === 'inactive')) {
                // A sender adopted from the other side's offer: start sending on it (renegotiates).
                transceiver.direction = transceiver.direction === 'recvonly' ? 'sendrecv' : 'sendonly';
                sender.setStreams?.(this._outgoing);
            }
        }
        else if (track) {
            // No sender of this kind yet: add one; negotiationneeded renegotiates.
            peer[senderKey] = peer.pc.addTrack(track, this._outgoing);
        }
        if (kind === 'video' && peer[senderKey]) {
            await preferResolution(peer[senderKey], track === this._screenTrack);
        }
    }

    _isViewer() {
        return this.you?.role === 'VIEWER';
    }

    _announceMedia() {
        const media = this.localMedia;
        this._dispatch('local-media', media);
        if (this.state === CallState.CONNECTED || this.state === CallState.RECONNECTING) {
            const known = this.you?.media ?? {};
            if (known.audio !== media.audio || known.video !== media.video || known.screen !== media.screen) {
                this._send({ type: 'media', audio: media.audio, video: media.video, screen: media.screen });
            }
        }
    }

    // ---- internals: REST --------------------------------------------------------------------------

    async _exchangeInvite() {
        let response;
        try {
            response = await fetch(`${this.apiBase}/api/v1/calls/${encodeURIComponent(this.callId)}/join`, {
                method: 'POST',
                headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
                body: JSON.stringify({ inviteToken: this._inviteToken }),
                credentials: 'omit',
                cache: 'no-store',
            });
        }
        catch (error) {
            throw new KaiwaError('CONNECTION_FAILED', `The server cannot be reached: ${error.message}`);
        }
        let body = null;
        try {
            body = await response.json();
        }
        catch (error) {
            // Not JSON: the status alone has to do.
        }
        if (!response.ok) {
            throw new KaiwaError(body?.code ?? `HTTP_${response.status}`, body?.detail ?? body?.title ?? null);
        }
        this._ticket = body.ticket;
        if (!this.options.websocketUrl) {
            this._websocketUrl = body.websocketUrl;
        }
        this.participantToken = body.participantToken ?? null;
        this.participantTokenExpiresAt = body.participantTokenExpiresAt ?? null;
        this.you = body.participant ?? null;
    }

    _takeTicket() {
        const ticket = this._ticket;
        this._ticket = null;
        return ticket;
    }

    // ---- internals: the socket ------------------------------------------------------------------

    _socketUrl() {
        if (this._websocketUrl) {
            return this._websocketUrl;
        }
        const base = new URL(this.apiBase);
        const scheme = base.protocol === 'https:' ? 'wss:' : 'ws:';
        return `${scheme}//${base.host}/ws/calls/${encodeURIComponent(this.callId)}`;
    }

    _openSocket(joinMessage) {
        this._lastServerErrorCode = null;
        this._joinKind = joinMessage.resumeToken ? 'resume' : 'ticket';
        let socket;
        try {
            socket = this._createSocket(this._socketUrl());
        }
        catch (error) {
            this._failJoin(new KaiwaError('CONNECTION_FAILED', error.message));
            return;
        }
        this._socket = socket;
        socket.addEventListener('open', () => {
            if (this._socket === socket) {
                this._lastHeardAt = Date.now();
                this._send(joinMessage);
            }
        });
        socket.addEventListener('message', (event) => {
            if (this._socket === socket) {
                this._lastHeardAt = Date.now();
                this._receive(event.data);
            }
        });
        socket.addEventListener('close', (event) => {
            if (this._socket === socket) {
                this._socket = null;
                this._onSocketClosed(event.code, event.reason);
            }
        });
    }

    /**
     * A WebSocket to {@code url}, or what the createSocket option makes of it: a seam for tests and benchmarks
     * that carry the signaling over something else. Such a socket behaves as a WebSocket does towards this
     * client: readyState with WebSocket's constants, send(text), close(code, reason), and open, message
     * ({data}) and close ({code, reason}) events through addEventListener.
     */
    _createSocket(url) {
        return typeof this.options.createSocket === 'function' ? this.options.createSocket(url) : new WebSocket(url);
    }

    /** Gives up the current socket at once (a dead connection may take long to close) and resumes. */
    _abandonSocket(code, reason) {
        const socket = this._socket;
        this._socket = null;
        try {
            socket.close(code, reason);
        }
        catch (error) {
            // Already closing.
        }
        this._onSocketClosed(code, reason);
    }

    _send(message) {
        const socket = this._socket;
        if (!socket || socket.readyState !== WebSocket.OPEN) {
            return false;
        }
        socket.send(JSON.stringify(message));
        this.sent[message.type] = (this.sent[message.type] ?? 0) + 1;
        this._record('out', message);
        return true;
    }

    _record(direction, message) {
        if (message.type === 'ping' || message.type === 'pong') {
            return;
        }
        const peerId = (direction === 'in' ? message.from : message.to)
            ?? message.participantId ?? message.peer?.id ?? message.participant?.id ?? null;
        const pc = peerId ? this._peers.get(peerId)?.pc : null;
        this.log.push({
            at: new Date().toISOString(), direction, type: message.type, peer: peerId,
            code: message.code ?? undefined, signalingState: pc?.signalingState,
        });
        if (this.log.length > 300) {
            this.log.shift();
        }
    }

    _onSocketClosed(code, reason) {
        this._stopTimers();
        if (FINAL_STATES.has(this.state)) {
            return;
        }
        if (this._leaving) {
            this._finish(CallState.LEFT);
            return;
        }
        const serverCode = this._lastServerErrorCode;
        if (code === CLOSE_REPLACED || serverCode === 'CONNECTION_REPLACED') {
            this._fail(CallState.REPLACED, 'CONNECTION_REPLACED', reason);
            return;
        }
        if (code === CLOSE_REMOVED || serverCode === 'PARTICIPANT_REMOVED') {
            this._fail(CallState.REMOVED, 'PARTICIPANT_REMOVED', reason);
            return;
        }
        if (serverCode === 'RESUME_INVALID') {
            if (this._inviteToken) {
                this._rejoinWithInvite();
            }
            else {
                this._fail(CallState.FAILED, 'RESUME_INVALID', 'The call could not be resumed');
            }
            return;
        }
        if (serverCode && FINAL_ERROR_CODES.has(serverCode)) {
            this._fail(CallState.FAILED, serverCode, this.lastError?.detail ?? reason);
            return;
        }
        if (code === CLOSE_NORMAL || code === CLOSE_POLICY) {
            this._fail(CallState.FAILED, code === CLOSE_NORMAL ? 'CONNECTION_CLOSED' : 'CONNECTION_REFUSED',
                reason || `The server closed the connection (${code})`);
            return;
        }
        if (this.state === CallState.CONNECTING && !this._resumeToken) {
            // Never got in: the handshake failed (e.g. 403 for an origin the server does not allow).
            this._fail(CallState.FAILED, 'CONNECTION_FAILED', `The signaling connection failed (${code})`);
            return;
        }
        this._scheduleReconnect();
    }

    _scheduleReconnect() {
        if (this._reconnectStartedAt === null) {
            this._reconnectStartedAt = Date.now();
            this._reconnectAttempt = 0;
        }
        if (Date.now() - this._reconnectStartedAt > this.options.reconnectGiveUpMs) {
            this._fail(CallState.FAILED, 'RECONNECT_FAILED', 'The connection could not be restored');
            return;
        }
        this._setState(CallState.RECONNECTING);
        const base = Math.min(this.options.reconnectMaxDelayMs,
            this.options.reconnectInitialDelayMs * 2 ** this._reconnectAttempt);
        const delay = base / 2 + Math.random() * base / 2;
        this._reconnectAttempt += 1;
        clearTimeout(this._reconnectTimer);
        this._reconnectTimer = setTimeout(() => {
            this._reconnectTimer = null;
            if (FINAL_STATES.has(this.state)) {
                return;
            }
            if (this._resumeToken) {
                this._openSocket({ type: 'join', resumeToken: this._resumeToken });
            }
            else if (this._inviteToken) {
                this._rejoinWithInvite();
            }
            else {
                this._fail(CallState.FAILED, 'RECONNECT_FAILED', 'No way to rejoin without a new ticket');
            }
        }, delay);
    }

    /** The resume window passed (or there was none): a fresh join through REST with the invite. */
    async _rejoinWithInvite() {
        this._resumeToken = null;
        this._setState(CallState.RECONNECTING);
        try {
            await this._exchangeInvite();
            this._openSocket({ type: 'join', ticket: this._takeTicket() });
        }
        catch (error) {
            const code = error instanceof KaiwaError ? error.code : 'RECONNECT_FAILED';
            if (FINAL_ERROR_CODES.has(code)) {
                this._fail(CallState.FAILED, code, error.detail ?? null);
            }
            else {
                this._scheduleReconnect();
            }
        }
    }

    _startTimers() {
        this._stopTimers();
        this._timers.push(setInterval(() => {
            if (Date.now() - this._lastHeardAt > this.options.silenceTimeoutMs && this._socket) {
                this._abandonSocket(CLOSE_DROPPED, 'silent');
                return;
            }
            this._send({ type: 'ping' });
        }, this.options.pingIntervalMs));
        this._timers.push(setInterval(() => this._reportStats(), this.options.statsIntervalMs));
    }

    _stopTimers() {
        this._timers.forEach((timer) => clearInterval(timer));
        this._timers = [];
    }

    async _reportStats() {
        if (this.state !== CallState.CONNECTED || this._peers.size === 0) {
            return;
        }
        const stats = Object.values(await this._collect('report')).filter((s) => s.pair);
        if (stats.length === 0) {
            return;
        }
        const lost = stats.reduce((sum, s) => sum + s.intervalPacketsLost, 0);
        const received = stats.reduce((sum, s) => sum + s.intervalPacketsReceived, 0);
        const report = {
            type: 'stats',
            rtt: Math.round(Math.max(...stats.map((s) => s.rtt ?? 0))),
            jitter: Math.round(Math.max(...stats.map((s) => s.jitter ?? 0))),
            packetLoss: lost + received > 0 ? roundTo(lost / (lost + received), 4) : 0,
            bitrate: Math.round(stats.reduce((sum, s) => sum + (s.inboundBitrate ?? 0), 0)),
        };
        this._send(report);
        this._dispatch('stats', { ...report, peers: Object.fromEntries(stats.map((s) => [s.participantId, s])) });
    }

    // ---- internals: server messages -------------------------------------------------------------

    _receive(data) {
        let message;
        try {
            message = JSON.parse(data);
        }
        catch (error) {
            return;
        }
        if (!message || typeof message.type !== 'string') {
            return;
        }
        this.received[message.type] = (this.received[message.type] ?? 0) + 1;
        this._record('in', message);
        this._dispatch('message', message);
        switch (message.type) {
            case 'welcome': this._onWelcome(message); break;
            case 'waiting': this._onWaiting(message); break;
            case 'admitted': this._dispatch('admitted', {}); break;
            case 'denied': this._fail(CallState.DENIED, null, null); this._dispatch('denied', {}); break;
            case 'knock': this._onKnock(message.participant ?? message.peer); break;
            case 'peer-joined': this._onPeerJoined(message.peer); break;
            case 'peer-left': this._onPeerLeft(message); break;
            case 'peer-updated': this._onPeerUpdated(message.peer); break;
            case 'offer':
            case 'answer': this._onDescription(message); break;
            case 'ice': this._onCandidate(message); break;
            case 'chat': this._onChat(message); break;
            case 'mute': this._onMutedByModerator(message); break;
            case 'ended': this._onEnded(message); break;
            case 'error': this._onError(message); break;
            case 'pong': break;
            case 'recording': this._onRecording(message); break;
            case 'consent': this._onConsent(message); break;
            default: this._dispatch(message.type, message);
        }
    }

    _onWelcome(message) {
        const resumed = this._joinKind === 'resume';
        if (!resumed || message.you?.id !== this.you?.id) {
            // A fresh join (first, or after the resume window passed): the others start new connections to
            // this participant, so the old ones are of no use.
            for (const id of [...this._peers.keys()]) {
                this._removePeer(id, 'rejoined');
            }
        }
        this.you = message.you;
        this.call = message.call ?? this.call;
        this.mode = message.mode ?? this.mode;
        this.iceServers = Array.isArray(message.iceServers) ? message.iceServers : [];
        this._resumeToken = message.resumeToken ?? null;
        if (message.participantToken) {
            this.participantToken = message.participantToken;
            this.participantTokenExpiresAt = message.participantTokenExpiresAt ?? null;
        }
        this._reconnectStartedAt = null;
        this._reconnectAttempt = 0;
        if (resumed) {
            this.resumes += 1;
        }
        this.waitingReason = null;
        this._takeConsentState(message.consent, false);
        this._takeRecordings(message.recordings);
        this._setState(CallState.CONNECTED);
        this._startTimers();

        const present = new Set();
        for (const info of message.peers ?? []) {
            present.add(info.id);
            const existing = this._peers.get(info.id);
            if (existing) {
                existing.update(info);
                this._refreshConnection(existing);
            }
            else {
                this._addPeer(info, true);
            }
        }
        // Whoever left while this socket was away.
        for (const peer of [...this._peers.values()]) {
            if (!present.has(peer.id)) {
                this._removePeer(peer.id, 'left');
            }
        }
        this._announceMedia();
        this._dispatch('welcome', { you: this.you, peers: this.peers, call: this.call, resumed });
        this._settleJoin();
    }

    _onWaiting(message) {
        const reason = message.reason === 'consent' ? 'consent' : 'admission';
        this.waitingReason = reason;
        if (reason === 'consent') {
            this._takeConsentState({ notices: message.notices }, true);
        }
        if (this.state === CallState.CONNECTED || this.state === CallState.RECONNECTING) {
            // Back in the consent step (recording withdrawn under a REQUIRED policy): out of the call until granted.
            this._stopRecorders();
            for (const id of [...this._peers.keys()]) {
                this._removePeer(id, 'waiting');
            }
        }
        this._setState(CallState.WAITING);
        // The socket stays open while waiting; ping keeps it from looking idle.
        this._startTimers();
        this._dispatch('waiting', { reason, notices: this.consent.notices });
        this._settleJoin();
    }

    /** welcome's consent {policy, yours, notices}, or the notices of a consent step. */
    _takeConsentState(consent, step) {
        const policy = consent?.policy ?? this.call?.settings?.recording ?? this.consent.policy;
        this.consent = {
            policy: policy ?? null,
            decisions: consent?.yours ? { ...consent.yours } : { ...this.consent.decisions },
            notices: consent?.notices ?? this.consent.notices,
            step,
        };
    }

    /** welcome's running recordings: the server's view replaces the client's; recorders it no longer lists stop. */
    _takeRecordings(recordings) {
        const running = new Map((Array.isArray(recordings) ? recordings : [])
            .filter((recording) => recording && typeof recording.id === 'string')
            .map((recording) => [recording.id, { ...recording }]));
        for (const [id, recording] of this.recordings) {
            if (!running.has(id) && CAPTURING.has(recording.status)) {
                this.recordings.delete(id);
            }
        }
        running.forEach((recording, id) => this.recordings.set(id, recording));
        for (const recorder of this._recorders.values()) {
            if (!running.has(recorder.recordingId)) {
                recorder.stop(false);
            }
            else if (recorder.state === 'recording' && recorder.answered !== 'started') {
                this._answerRecorder(recorder, 'started');
            }
        }
    }

    _onKnock(info) {
        if (!info || !info.id) {
            return;
        }
        this.waiting.set(info.id, info);
        this._dispatch('knock', { peer: info });
    }

    _onPeerJoined(info) {
        if (!info || !info.id || info.id === this.you?.id) {
            return;
        }
        this.waiting.delete(info.id);
        const existing = this._peers.get(info.id);
        if (existing) {
            existing.update(info);
            this._refreshConnection(existing);
            this._dispatch('peer-updated', { peer: existing.view(), self: false });
            return;
        }
        const peer = this._addPeer(info);
        this._dispatch('peer-joined', { peer: peer.view() });
    }

    _onPeerLeft(message) {
        const id = message.participantId ?? message.peer?.id;
        this.waiting.delete(id);
        const peer = this._removePeer(id, message.reason);
        this._dispatch('peer-left', { participantId: id, reason: message.reason ?? null, peer: peer ? peer.view() : null });
    }

    _onPeerUpdated(info) {
        if (!info || !info.id) {
            return;
        }
        if (info.id === this.you?.id) {
            this.you = { ...this.you, ...info };
            this._dispatch('peer-updated', { peer: { ...this.you }, self: true });
            return;
        }
        const peer = this._peers.get(info.id);
        if (peer) {
            const returned = peer.info.status === 'RECONNECTING' && info.status === 'CONNECTED';
            peer.update(info);
            if (returned && peer.pc?.signalingState === 'have-local-offer' && peer.pc.localDescription) {
                // The offer (and candidates) sent while the peer was away went nowhere: send it again, with the
                // candidates gathered since.
                this._send({ type: 'offer', to: peer.id, sdp: peer.pc.localDescription.sdp });
            }
            this._dispatch('peer-updated', { peer: peer.view(), self: false });
        }
        else if (this.waiting.has(info.id)) {
            this.waiting.set(info.id, { ...this.waiting.get(info.id), ...info });
            if (info.status && info.status !== 'WAITING') {
                this.waiting.delete(info.id);
            }
        }
    }

    _onChat(message) {
        const entry = {
            id: message.id ?? null,
            from: message.from ?? null,
            displayName: message.displayName ?? '',
            text: String(message.text ?? ''),
            sentAt: message.sentAt ?? null,
            self: message.from === this.you?.id,
        };
        this.chatMessages.push(entry);
        if (this.chatMessages.length > this.options.chatHistoryLimit) {
            this.chatMessages.shift();
        }
        this._dispatch('chat', entry);
    }

    _onMutedByModerator(message) {
        this._audioEnabled = false;
        if (this._audioTrack) {
            this._audioTrack.enabled = false;
        }
        // The server already stored audio=false: keep the local idea of our media in step without resending.
        this.you = { ...(this.you ?? {}), media: { ...(this.you?.media ?? {}), audio: false } };
        this._dispatch('local-media', this.localMedia);
        this._dispatch('muted', { by: message.by ?? null });
    }

    _onEnded(message) {
        this._dispatch('ended', { reason: message.reason ?? 'ended' });
        this._finish(CallState.ENDED);
    }

    _onError(message) {
        const code = message.code ?? 'UNKNOWN';
        this._lastServerErrorCode = code;
        this.lastError = { code, detail: message.detail ?? null };
        this._dispatch('error', { code, detail: message.detail ?? null });
        this._refuseConsent(code, message.detail ?? null);
        if (this.state === CallState.CONNECTING && FINAL_ERROR_CODES.has(code)) {
            this._failJoin(new KaiwaError(code, message.detail));
        }
    }

    _settleJoin() {
        const settled = this._joinSettled;
        this._joinSettled = null;
        settled?.resolve(this);
    }

    _failJoin(error) {
        const settled = this._joinSettled;
        this._joinSettled = null;
        if (settled) {
            settled.reject(error);
        }
    }

    _fail(state, code, detail) {
        if (code) {
            this.lastError = { code, detail: detail ?? null };
        }
        this._failJoin(new KaiwaError(code ?? state.toUpperCase(), detail));
        this._finish(state);
    }

    _finish(state) {
        if (FINAL_STATES.has(this.state)) {
            return;
        }
        this._stopTimers();
        clearTimeout(this._reconnectTimer);
        // What this browser recorded is uploaded and completed all the same (also after the call).
        this._stopRecorders();
        for (const pending of this._pendingConsents.splice(0)) {
            clearTimeout(pending.timer);
            pending.reject(new KaiwaError('NOT_CONNECTED', 'The call is over'));
        }
        for (const id of [...this._peers.keys()]) {
            this._removePeer(id, state);
        }
        const socket = this._socket;
        this._socket = null;
        if (socket && socket.readyState <= WebSocket.OPEN && state !== CallState.LEFT) {
            socket.close(CLOSE_NORMAL);
        }
        if (this._screenTrack) {
            this._screenStream?.getTracks().forEach((t) => t.stop());
            this._screenTrack = null;
        }
        if (this._ownsLocalStream) {
            this._localStream?.getTracks().forEach((t) => t.stop());
        }
        this._setState(state);
    }

    _setState(state) {
        if (this.state === state) {
            return;
        }
        const previous = this.state;
        this.state = state;
        this._dispatch('state', { state, previous });
    }

    _dispatch(type, detail) {
        this.dispatchEvent(new CustomEvent(type, { detail }));
    }

    // ---- internals: peer connections (perfect negotiation) -------------------------------------

    /**
     * A peer and the connection to it. With {@code awaitOffer} (this participant is the newcomer) the connection
     * is made when the peer's offer arrives, or after a short wait by offering itself.
     */
    _addPeer(info, awaitOffer = false) {
        const myId = this.you?.id ?? '';
        // Both ends compute the same order; the smaller id yields on glare.
        const peer = new RemotePeer(info, myId < info.id);
        this._peers.set(peer.id, peer);
        if (awaitOffer) {
            peer.initiateTimer = setTimeout(() => {
                peer.initiateTimer = null;
                if (!peer.pc && this._peers.get(peer.id) === peer) {
                    this._createConnection(peer);
                }
            }, NEWCOMER_OFFER_WAIT_MS);
        }
        else {
            this._createConnection(peer);
        }
        return peer;
    }

    _removePeer(id, reason) {
        const peer = this._peers.get(id);
        if (!peer) {
            return null;
        }
        this._peers.delete(id);
        clearTimeout(peer.initiateTimer);
        clearInterval(peer.watchTimer);
        if (peer.pc) {
            peer.pc.close();
        }
        peer.stream.getTracks().forEach((track) => peer.stream.removeTrack(track));
        return peer;
    }

    /** After a resume: new TURN credentials, and a connection that died meanwhile starts over. */
    _refreshConnection(peer) {
        if (!peer.pc && peer.initiateTimer) {
            return;
        }
        if (!peer.pc || peer.pc.connectionState === 'closed') {
            this._createConnection(peer);
            return;
        }
        try {
            peer.pc.setConfiguration({ ...peer.pc.getConfiguration(), iceServers: this.iceServers });
        }
        catch (error) {
            // Some configuration changes are refused mid-call; the old credentials stay.
        }
        if (peer.pc.connectionState === 'failed' || peer.pc.iceConnectionState === 'failed') {
            peer.pc.restartIce();
        }
    }

    _createConnection(peer) {
        clearTimeout(peer.initiateTimer);
        peer.initiateTimer = null;
        clearInterval(peer.watchTimer);
        if (peer.pc) {
            peer.pc.close();
        }
        const pc = new RTCPeerConnection({
            iceServers: this.iceServers,
            iceTransportPolicy: this.options.iceTransportPolicy,
            bundlePolicy: 'max-bundle',
        });
        peer.pc = pc;
        peer.audioSender = null;
        peer.videoSender = null;
        peer.makingOffer = false;
        peer.ignoreOffer = false;
        peer.settingRemoteAnswer = false;
        peer.baselines = { view: null, report: null };
        peer.stableSince = Date.now();
        peer.candidatesSent = 0;
        peer.iceRestarts = 0;
        peer.stream.getTracks().forEach((track) => peer.stream.removeTrack(track));

        pc.onsignalingstatechange = () => {
            if (peer.pc === pc && pc.signalingState === 'stable') {
                peer.stableSince = Date.now();
            }
        };
        pc.onnegotiationneeded = async () => {
            if (peer.pc !== pc) {
                return;
            }
            try {
                peer.makingOffer = true;
                await pc.setLocalDescription();
                this._send({ type: 'offer', to: peer.id, sdp: pc.localDescription.sdp });
            }
            catch (error) {
                this._dispatch('error', { code: 'NEGOTIATION_FAILED', detail: String(error?.message ?? error), participantId: peer.id });
            }
            finally {
                peer.makingOffer = false;
            }
        };
        pc.onicecandidate = ({ candidate }) => {
            if (peer.pc === pc) {
                if (candidate) {
                    peer.candidatesSent += 1;
                }
                this._send({ type: 'ice', to: peer.id, candidate: candidate ? candidate.toJSON() : null });
            }
        };
        pc.ontrack = ({ track }) => {
            if (peer.pc !== pc) {
                return;
            }
            for (const old of peer.stream.getTracks()) {
                if (old.kind === track.kind && old !== track) {
                    peer.stream.removeTrack(old);
                }
            }
            if (!peer.stream.getTracks().includes(track)) {
                peer.stream.addTrack(track);
            }
            this._dispatch('track', { peer: peer.view(), track, stream: peer.stream });
        };
        pc.onconnectionstatechange = () => {
            if (peer.pc !== pc) {
                return;
            }
            if (pc.connectionState === 'failed') {
                // A fresh ICE round; perfect negotiation sends the offer.
                pc.restartIce();
            }
            this._dispatch('peer-updated', { peer: peer.view(), self: false });
        };

        peer.watchTimer = setInterval(() => this._watchConnection(peer, pc), 1000);

        if (!this._isViewer()) {
            if (this._audioTrack) {
                peer.audioSender = pc.addTrack(this._audioTrack, this._outgoing);
            }
            const video = this._outgoingVideo();
            if (video) {
                peer.videoSender = pc.addTrack(video, this._outgoing);
                preferResolution(peer.videoSender, video === this._screenTrack);
            }
        }
    }

    /**
     * Recovers a connection that negotiated but does not connect. One that gathers no candidates (seen in
     * Chromium after an implicit rollback; an ICE restart does not revive it) is built anew at once; one without
     * any ICE progress gets an ICE restart first.
     */
    _watchConnection(peer, pc) {
        if (peer.pc !== pc || pc.connectionState === 'closed' || pc.connectionState === 'connected'
                || pc.signalingState !== 'stable' || !pc.remoteDescription || !pc.localDescription
                || this.state !== CallState.CONNECTED) {
            return;
        }
        const stableFor = Date.now() - peer.stableSince;
        const gatheringStuck = peer.candidatesSent === 0 && pc.iceGatheringState !== 'complete' && stableFor > STUCK_GATHERING_MS;
        const iceStuck = !peer.polite && pc.iceConnectionState === 'new' && stableFor > STUCK_ICE_MS;
        if (!gatheringStuck && !iceStuck) {
            return;
        }
        if (iceStuck && !gatheringStuck && peer.iceRestarts < MAX_ICE_RESTARTS) {
            peer.iceRestarts += 1;
            peer.candidatesSent = 0;
            peer.stableSince = Date.now();
            pc.restartIce();
        }
        else if (peer.recreations < MAX_RECREATIONS) {
            peer.recreations += 1;
            this._createConnection(peer);
        }
    }

    _peerFor(participantId) {
        let peer = this._peers.get(participantId);
        if (!peer && participantId && participantId !== this.you?.id) {
            // An offer can overtake the peer-joined that announces its sender.
            peer = this._addPeer({ id: participantId });
        }
        else if (peer && !peer.pc) {
            // The offer a newcomer waits for.
            this._createConnection(peer);
        }
        return peer ?? null;
    }

    _onDescription(message) {
        const peer = this._peerFor(message.from);
        if (!peer || typeof message.sdp !== 'string') {
            return;
        }
        const description = { type: message.type, sdp: message.sdp };
        peer.queue = peer.queue.then(async () => {
            try {
                await this._applyDescription(peer, description);
            }
            catch (error) {
                if (description.type !== 'offer') {
                    throw error;
                }
                // An offer that does not fit the connection (the other side started over, e.g. after a
                // reload that replaced its socket): start over too.
                this._createConnection(peer);
                await this._applyDescription(peer, description);
            }
        }).catch((error) => {
            this._dispatch('error', { code: 'NEGOTIATION_FAILED', detail: String(error?.message ?? error), participantId: peer.id });
        });
    }

    async _applyDescription(peer, description) {
        const pc = peer.pc;
        const readyForOffer = !peer.makingOffer && (pc.signalingState === 'stable' || peer.settingRemoteAnswer);
        const offerCollision = description.type === 'offer' && !readyForOffer;
        peer.ignoreOffer = !peer.polite && offerCollision;
        if (peer.ignoreOffer) {
            return;
        }
        if (description.type === 'answer' && pc.signalingState !== 'have-local-offer') {
            // An answer to an offer this side rolled back: stale.
            return;
        }
        peer.settingRemoteAnswer = description.type === 'answer';
        try {
            await pc.setRemoteDescription(description);
        }
        finally {
            peer.settingRemoteAnswer = false;
        }
        if (description.type === 'offer') {
            this._adoptTransceivers(peer);
            await pc.setLocalDescription();
            this._send({ type: 'answer', to: peer.id, sdp: pc.localDescription.sdp });
        }
    }

    /**
     * A remote offer may bring transceivers this side has no sender for (e.g. it joined without a camera and
     * turned it on later): remember their senders, so later track changes use replaceTrack on them.
     */
    _adoptTransceivers(peer) {
        for (const transceiver of peer.pc.getTransceivers()) {
            const kind = transceiver.receiver.track?.kind;
            if (kind === 'audio' && !peer.audioSender) {
                peer.audioSender = transceiver.sender;
                this._offerTrack(peer, transceiver, this._isViewer() ? null : this._audioTrack);
            }
            else if (kind === 'video' && !peer.videoSender) {
                peer.videoSender = transceiver.sender;
                this._offerTrack(peer, transceiver, this._isViewer() ? null : this._outgoingVideo());
            }
        }
    }

    _offerTrack(peer, transceiver, track) {
        if (!track || transceiver.sender.track) {
            return;
        }
        transceiver.sender.replaceTrack(track).catch(() => {});
        if (transceiver.direction === 'recvonly') {
            transceiver.direction = 'sendrecv';
        }
        transceiver.sender.setStreams?.(this._outgoing);
    }

    _onCandidate(message) {
        const peer = this._peerFor(message.from);
        if (!peer) {
            return;
        }
        const pc = peer.pc;
        peer.queue = peer.queue.then(async () => {
            if (peer.pc !== pc) {
                return;
            }
            try {
                if (message.candidate) {
                    await pc.addIceCandidate(message.candidate);
                }
                else {
                    await pc.addIceCandidate();
                }
            }
            catch (error) {
                if (!peer.ignoreOffer) {
                    this._dispatch('error', { code: 'ICE_CANDIDATE_FAILED', detail: String(error?.message ?? error), participantId: peer.id });
                }
            }
        });
    }
}

// ---- statistics -------------------------------------------------------------------------------------

function summarizeStats(report, peer, baseline) {
    const now = performance.now();
    const summary = {
        participantId: peer.id,
        collectedAt: new Date().toISOString(),
        video: { framesDecoded: 0, framesReceived: 0, frameWidth: 0, frameHeight: 0, bytesReceived: 0, packetsReceived: 0, packetsLost: 0 },
        audio: { bytesReceived: 0, totalSamplesReceived: 0, packetsReceived: 0, packetsLost: 0, audioLevel: 0 },
        outbound: { bytesSent: 0, videoFramesEncoded: 0, videoFrameWidth: 0, videoFrameHeight: 0 },
        pair: null,
        rtt: null,
        jitter: null,
        intervalPacketsLost: 0,
        intervalPacketsReceived: 0,
        inboundBitrate: null,
        outboundBitrate: null,
        quality: 'unknown',
    };
    let selectedPairId = null;
    let jitterSeconds = 0;
    report.forEach((stat) => {
        if (stat.type === 'transport' && stat.selectedCandidatePairId) {
            selectedPairId = stat.selectedCandidatePairId;
        }
    });
    report.forEach((stat) => {
        if (stat.type === 'inbound-rtp') {
            const target = stat.kind === 'video' ? summary.video : stat.kind === 'audio' ? summary.audio : null;
            if (!target) {
                return;
            }
            target.bytesReceived += stat.bytesReceived ?? 0;
            target.packetsReceived += stat.packetsReceived ?? 0;
            target.packetsLost += Math.max(0, stat.packetsLost ?? 0);
            jitterSeconds = Math.max(jitterSeconds, stat.jitter ?? 0);
            if (stat.kind === 'video') {
                target.framesDecoded += stat.framesDecoded ?? 0;
                target.framesReceived += stat.framesReceived ?? 0;
                if (stat.frameWidth) {
                    target.frameWidth = stat.frameWidth;
                    target.frameHeight = stat.frameHeight;
                }
            }
            else {
                target.totalSamplesReceived += stat.totalSamplesReceived ?? 0;
                target.audioLevel = Math.max(target.audioLevel, stat.audioLevel ?? 0);
            }
        }
        else if (stat.type === 'outbound-rtp') {
            summary.outbound.bytesSent += stat.bytesSent ?? 0;
            if (stat.kind === 'video') {
                summary.outbound.videoFramesEncoded += stat.framesEncoded ?? 0;
                if (stat.frameWidth) {
                    summary.outbound.videoFrameWidth = stat.frameWidth;
                    summary.outbound.videoFrameHeight = stat.frameHeight;
                }
            }
        }
        else if (stat.type === 'candidate-pair' && !selectedPairId && stat.nominated && stat.state === 'succeeded') {
            selectedPairId = stat.id;
        }
    });
    const pair = selectedPairId ? report.get(selectedPairId) : null;
    if (pair) {
        const local = report.get(pair.localCandidateId);
        const remote = report.get(pair.remoteCandidateId);
        summary.pair = {
            state: pair.state,
            localCandidateType: local?.candidateType ?? null,
            remoteCandidateType: remote?.candidateType ?? null,
            localProtocol: local?.protocol ?? null,
            localAddress: local?.address ?? null,
            remoteAddress: remote?.address ?? null,
            relayProtocol: local?.relayProtocol ?? null,
        };
        if (typeof pair.currentRoundTripTime === 'number') {
            summary.rtt = pair.currentRoundTripTime * 1000;
        }
    }
    summary.jitter = jitterSeconds * 1000;

    const totals = {
        at: now,
        bytesReceived: summary.video.bytesReceived + summary.audio.bytesReceived,
        bytesSent: summary.outbound.bytesSent,
        packetsLost: summary.video.packetsLost + summary.audio.packetsLost,
        packetsReceived: summary.video.packetsReceived + summary.audio.packetsReceived,
    };
    const previous = peer.baselines[baseline];
    if (previous && totals.at > previous.at) {
        const seconds = (totals.at - previous.at) / 1000;
        summary.inboundBitrate = Math.max(0, (totals.bytesReceived - previous.bytesReceived) * 8 / seconds);
        summary.outboundBitrate = Math.max(0, (totals.bytesSent - previous.bytesSent) * 8 / seconds);
        summary.intervalPacketsLost = Math.max(0, totals.packetsLost - previous.packetsLost);
        summary.intervalPacketsReceived = Math.max(0, totals.packetsReceived - previous.packetsReceived);
    }
    peer.baselines[baseline] = totals;
    summary.quality = qualityOf(summary);
    return summary;
}

/** good / fair / poor from round-trip time and loss; unknown before there is a selected pair. */
function qualityOf(summary) {
    if (!summary.pair) {
        return 'unknown';
    }
    const seen = summary.intervalPacketsLost + summary.intervalPacketsReceived;
    const loss = seen > 0 ? summary.intervalPacketsLost / seen : 0;
    const rtt = summary.rtt ?? 0;
    if (loss > 0.05 || rtt > 400) {
        return 'poor';
    }
    if (loss > 0.02 || rtt > 200) {
        return 'fair';
    }
    return 'good';
}

// ---- recording: compositing, MediaRecorder, durable chunked upload -----------------------------------

/** Recordings the server counts as being captured. */
const CAPTURING = new Set(['STARTING', 'RECORDING']);

/** Server codes that refuse a consent decision (answered in the order the decisions were sent). */
const CONSENT_REFUSALS = new Set(['CONSENT_NOTICE_OUTDATED', 'VALIDATION_FAILED', 'PARTICIPANT_REMOVED',
    'PARTICIPANT_NOT_FOUND', 'BAD_MESSAGE']);

/**
 * The browser recorder's knobs (KaiwaCall option recorder: {...}; read when a recording starts).
 * timesliceMs: MediaRecorder slices; each one is stored in IndexedDB, then uploaded as one chunk.
 * frameRate: frames per second of the composited canvas.
 */
const DEFAULT_RECORDER_OPTIONS = Object.freeze({
    timesliceMs: 4000,
    frameRate: 15,
});

/** Container and codecs in order of preference; VP8 is the cheapest to encode. */
const VIDEO_TYPES = ['video/webm;codecs=vp8,opus', 'video/webm;codecs=vp9,opus', 'video/webm'];
const AUDIO_TYPES = ['audio/webm;codecs=opus', 'audio/webm'];

/** Upload retries back off from 1 s to 30 s; they go on as long as the page is open. */
const UPLOAD_RETRY_INITIAL_MS = 1000;
const UPLOAD_RETRY_MAX_MS = 30000;
/** Without Web Locks: a recording whose page wrote nothing for this long is taken over by another page. */
const ORPHAN_AFTER_MS = 60000;
/** Recordings another page still holds are looked at again this often (that page may be on its way out). */
const ORPHAN_RECHECK_MS = 5000;
const DATABASE_NAME = 'kaiwa-recorder';
const DATABASE_VERSION = 1;

/** en or ja: the languages the server has notices in. */
function consentLanguage(language) {
    const lang = String(language ?? (typeof navigator === 'undefined' ? '' : navigator.language) ?? '').toLowerCase();
    return lang.startsWith('ja') ? 'ja' : 'en';
}

/** What the consent ledger keeps about the client: the browser, shortened. */
function clientDescription() {
    const agent = typeof navigator === 'undefined' ? '' : String(navigator.userAgent ?? '');
    return `kaiwa.js; ${agent}`.slice(0, 300);
}

function supportedType(candidates) {
    return candidates.find((type) => MediaRecorder.isTypeSupported?.(type)) ?? '';
}

/**
 * Draws participants' video into one canvas grid and mixes their audio with WebAudio: the stream a recording
 * records. The sources are asked for again on every frame, so people joining or leaving, cameras turned off and
 * screens shared show up in the recording without restarting it.
 */
class MediaCompositor {
    /**
     * @param sources function returning [{id, label, video: MediaStreamTrack|null, audio: MediaStreamTrack|null}]
     * @param settings {width, height, frameRate, audioOnly}
     */
    constructor(sources, { width, height, frameRate, audioOnly }) {
        this._sources = sources;
        this._audioOnly = audioOnly;
        this._current = [];
        this._videos = new Map();
        this._audioNodes = new Map();
        this._context = new AudioContext();
        this._destination = this._context.createMediaStreamDestination();
        const tracks = [];
        if (!audioOnly) {
            this._canvas = document.createElement('canvas');
            this._canvas.width = width;
            this._canvas.height = height;
            this._graphics = this._canvas.getContext('2d');
            this._canvasStream = this._canvas.captureStream(frameRate);
            tracks.push(...this._canvasStream.getVideoTracks());
        }
        tracks.push(...this._destination.stream.getAudioTracks());
        /** Video (unless audio only) and the mixed audio, for MediaRecorder. */
        this.stream = new MediaStream(tracks);
        this._tick();
        // Timers rather than requestAnimationFrame, which stops in a hidden tab.
        this._timer = setInterval(() => this._tick(), audioOnly ? 500 : Math.max(10, Math.round(1000 / frameRate)));
        this._context.resume().catch(() => {});
    }

    /** How many participants the recording shows or hears now. */
    get sourceCount() {
        return this._current.length;
    }

    close() {
        clearInterval(this._timer);
        this._audioNodes.forEach((node) => node.disconnect());
        this._audioNodes.clear();
        this._videos.forEach((element) => {
            element.srcObject = null;
        });
        this._videos.clear();
        this._canvasStream?.getTracks().forEach((track) => track.stop());
        this._context.close().catch(() => {});
    }

    _tick() {
        try {
            this._current = this._sources() ?? [];
        }
        catch (error) {
            this._current = [];
        }
        this._refreshAudio();
        if (!this._audioOnly) {
            this._refreshVideo();
            this._draw();
        }
    }

    _refreshAudio() {
        const live = new Set();
        for (const source of this._current) {
            const track = source.audio;
            if (!track || track.readyState !== 'live') {
                continue;
            }
            live.add(track.id);
            if (!this._audioNodes.has(track.id)) {
                try {
                    const node = this._context.createMediaStreamSource(new MediaStream([track]));
                    node.connect(this._destination);
                    this._audioNodes.set(track.id, node);
                }
                catch (error) {
                    // A track that cannot be mixed is left out; the others are still recorded.
                }
            }
        }
        for (const [id, node] of this._audioNodes) {
            if (!live.has(id)) {
                node.disconnect();
                this._audioNodes.delete(id);
            }
        }
    }

    _refreshVideo() {
        const live = new Set();
        for (const source of this._current) {
            const track = source.video;
            if (!track || track.readyState !== 'live') {
                continue;
            }
            live.add(track.id);
            if (!this._videos.has(track.id)) {
                const element = document.createElement('video');
                element.muted = true;
                element.playsInline = true;
                element.srcObject = new MediaStream([track]);
                element.play().catch(() => {});
                this._videos.set(track.id, element);
            }
        }
        for (const [id, element] of this._videos) {
            if (!live.has(id)) {
                element.srcObject = null;
                this._videos.delete(id);
            }
        }
    }

    /** A grid as square as it gets; each video fits its tile (letterboxed), with the person's name. */
    _draw() {
        const graphics = this._graphics;
        const width = this._canvas.width;
        const height = this._canvas.height;
        graphics.fillStyle = '#000';
        graphics.fillRect(0, 0, width, height);
        const count = this._current.length;
        if (count === 0) {
            return;
        }
        const columns = Math.ceil(Math.sqrt(count));
        const rows = Math.ceil(count / columns);
        const tileWidth = width / columns;
        const tileHeight = height / rows;
        const fontSize = Math.max(12, Math.round(tileHeight / 16));
        this._current.forEach((source, index) => {
            const x = (index % columns) * tileWidth;
            const y = Math.floor(index / columns) * tileHeight;
            const element = source.video ? this._videos.get(source.video.id) : null;
            if (element && element.readyState >= 2 && element.videoWidth > 0) {
                const scale = Math.min(tileWidth / element.videoWidth, tileHeight / element.videoHeight);
                const drawWidth = element.videoWidth * scale;
                const drawHeight = element.videoHeight * scale;
                graphics.drawImage(element, x + (tileWidth - drawWidth) / 2, y + (tileHeight - drawHeight) / 2,
                    drawWidth, drawHeight);
            }
            else {
                graphics.fillStyle = '#1f2329';
                graphics.fillRect(x + 2, y + 2, tileWidth - 4, tileHeight - 4);
                graphics.fillStyle = '#a3aab5';
                graphics.font = `${fontSize * 3}px sans-serif`;
                graphics.textAlign = 'center';
                graphics.textBaseline = 'middle';
                const initial = [...String(source.label ?? '').trim()][0] ?? '?';
                graphics.fillText(initial.toUpperCase(), x + tileWidth / 2, y + tileHeight / 2);
            }
            if (source.label) {
                graphics.font = `${fontSize}px sans-serif`;
                graphics.textAlign = 'left';
                graphics.textBaseline = 'bottom';
                const text = String(source.label).slice(0, 60);
                const textWidth = graphics.measureText(text).width;
                graphics.fillStyle = 'rgba(0, 0, 0, 0.6)';
                graphics.fillRect(x + 6, y + tileHeight - fontSize - 14, textWidth + 12, fontSize + 8);
                graphics.fillStyle = '#fff';
                graphics.fillText(text, x + 12, y + tileHeight - 10);
            }
        });
    }
}

/**
 * One recording made by this browser: a COMPOSITE one (everyone's video in a canvas grid, all audio mixed) or
 * an INDIVIDUAL one (this participant alone), encoded by MediaRecorder into WebM in timeslices. Every slice is
 * stored in IndexedDB before it is uploaded ({@link RecordingUploads}), so a crash or a reload loses at most the
 * slice being recorded. Answers the server with recorder {started | failed}.
 */
class CallRecorder {
    constructor(call, recording, uploadToken, options) {
        this.call = call;
        this.recording = recording;
        this.recordingId = recording.id;
        this.uploadToken = uploadToken;
        this.options = options;
        /** starting → recording → stopping → stopped, or failed. */
        this.state = 'starting';
        this.answered = null;
        this.mimeType = null;
        this.chunks = 0;
        this.bytes = 0;
        this.startedAt = null;
        this.stoppedAt = null;
        this.error = null;
        this._compositor = null;
        this._mediaRecorder = null;
        this._stored = Promise.resolve();
        this._stopRequested = false;
    }

    view() {
        return {
            recordingId: this.recordingId,
            kind: this.recording.kind,
            audioOnly: !!this.recording.audioOnly,
            quality: this.recording.quality ?? null,
            state: this.state,
            mimeType: this.mimeType,
            timesliceMs: this.options.timesliceMs,
            chunks: this.chunks,
            bytes: this.bytes,
            sources: this._compositor?.sourceCount ?? 0,
            startedAt: this.startedAt,
            stoppedAt: this.stoppedAt,
            error: this.error,
        };
    }

    /**
     * Starts at once and answers started as soon as MediaRecorder records: the server measures the recording from
     * that answer, and refuses media much longer than what it measured.
     */
    start() {
        const recording = this.recording;
        try {
            if (typeof MediaRecorder === 'undefined' || typeof AudioContext === 'undefined') {
                throw new KaiwaError('RECORDER_UNSUPPORTED', 'This browser cannot record (no MediaRecorder or WebAudio)');
            }
            const audioOnly = !!recording.audioOnly;
            this.mimeType = supportedType(audioOnly ? AUDIO_TYPES : VIDEO_TYPES);
            this._compositor = new MediaCompositor(() => this.call._recordingSources(recording), {
                width: recording.width || 1280,
                height: recording.height || 720,
                frameRate: this.options.frameRate,
                audioOnly,
            });
            const settings = { audioBitsPerSecond: recording.audioBitsPerSecond || undefined };
            if (this.mimeType) {
                settings.mimeType = this.mimeType;
            }
            if (!audioOnly) {
                settings.videoBitsPerSecond = recording.videoBitsPerSecond || undefined;
            }
            const mediaRecorder = new MediaRecorder(this._compositor.stream, settings);
            this.mimeType = mediaRecorder.mimeType || this.mimeType;
            this._mediaRecorder = mediaRecorder;
            recordingUploads.begin({
                recordingId: recording.id, callId: this.call.callId, apiBase: this.call.apiBase,
                uploadToken: this.uploadToken, mimeType: this.mimeType, kind: recording.kind,
            });
            mediaRecorder.addEventListener('dataavailable', (event) => this._store(event.data));
            mediaRecorder.addEventListener('error', (event) => {
                this.error = { code: 'RECORDER_ERROR', detail: String(event.error?.message ?? event.error ?? 'error') };
                this.stop(false);
            });
            mediaRecorder.addEventListener('stop', () => this._finished());
            mediaRecorder.start(this.options.timesliceMs);
            this.state = 'recording';
            this.startedAt = new Date().toISOString();
            this.call._answerRecorder(this, 'started');
        }
        catch (error) {
            this._failed(error);
        }
    }

    /** Stops within the moment: the last slice is stored and everything is uploaded, then the upload completes. */
    stop(discard) {
        this._stopRequested = true;
        if (discard) {
            recordingUploads.discard(this.recordingId, 'The recording failed on the server');
        }
        if (this._mediaRecorder && this._mediaRecorder.state !== 'inactive') {
            this.state = 'stopping';
            this._mediaRecorder.stop();
        }
    }

    _store(blob) {
        if (!blob || blob.size === 0) {
            return;
        }
        this.chunks += 1;
        this.bytes += blob.size;
        // One after another: slices are numbered in the order MediaRecorder made them.
        this._stored = this._stored.then(() => recordingUploads.store(this.recordingId, blob)).catch((error) => {
            this.error = { code: 'RECORDING_STORE_FAILED', detail: String(error?.message ?? error) };
        });
    }

    async _finished() {
        this.state = 'stopped';
        this.stoppedAt = new Date().toISOString();
        this._compositor?.close();
        await this._stored;
        recordingUploads.finish(this.recordingId);
        this.call._dispatch('recorder', { recordingId: this.recordingId, state: 'stopped', detail: null });
    }

    _failed(error) {
        this.state = 'failed';
        this.error = { code: error?.code ?? 'RECORDER_FAILED', detail: String(error?.detail ?? error?.message ?? error) };
        this._compositor?.close();
        recordingUploads.discard(this.recordingId, this.error.detail);
        this.call._answerRecorder(this, 'failed', this.error.detail);
    }
}

/** A promise for one IndexedDB request. */
function requested(request) {
    return new Promise((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
    });
}

/** A promise for a transaction's end. */
function committed(transaction) {
    return new Promise((resolve, reject) => {
        transaction.oncomplete = () => resolve();
        transaction.onerror = () => reject(transaction.error);
        transaction.onabort = () => reject(transaction.error ?? new Error('transaction aborted'));
    });
}

function chunkRange(recordingId) {
    return IDBKeyRange.bound([recordingId, 0], [recordingId, Number.MAX_SAFE_INTEGER]);
}

/**
 * The browser's store of recordings not yet uploaded, one IndexedDB database per origin: "recordings" (id,
 * call, API base, recorder token, how many chunks were made, what is uploaded, stopped or not) and "chunks"
 * keyed by [recordingId, seq] (bytes, size, SHA-256).
 */
class ChunkDatabase {
    static async open() {
        if (typeof indexedDB === 'undefined') {
            return null;
        }
        const request = indexedDB.open(DATABASE_NAME, DATABASE_VERSION);
        request.onupgradeneeded = () => {
            const database = request.result;
            if (!database.objectStoreNames.contains('recordings')) {
                database.createObjectStore('recordings', { keyPath: 'id' });
            }
            if (!database.objectStoreNames.contains('chunks')) {
                database.createObjectStore('chunks', { keyPath: ['recordingId', 'seq'] });
            }
        };
        return new ChunkDatabase(await requested(request));
    }

    constructor(database) {
        this._database = database;
    }

    async recordings() {
        return requested(this._database.transaction('recordings').objectStore('recordings').getAll());
    }

    async chunkSeqs(recordingId) {
        const keys = await requested(this._database.transaction('chunks').objectStore('chunks').getAllKeys(chunkRange(recordingId)));
        return keys.map((key) => key[1]);
    }

    async chunk(recordingId, seq) {
        return requested(this._database.transaction('chunks').objectStore('chunks').get([recordingId, seq]));
    }

    async put(record) {
        const transaction = this._database.transaction('recordings', 'readwrite');
        transaction.objectStore('recordings').put(record);
        await committed(transaction);
    }

    /** The chunk and the recording's counters in one transaction, so a crash keeps them consistent. */
    async addChunk(record, chunk) {
        const transaction = this._database.transaction(['recordings', 'chunks'], 'readwrite');
        transaction.objectStore('chunks').put(chunk);
        transaction.objectStore('recordings').put(record);
        await committed(transaction);
    }

    async removeChunk(record, seq) {
        const transaction = this._database.transaction(['recordings', 'chunks'], 'readwrite');
        transaction.objectStore('chunks').delete([record.id, seq]);
        transaction.objectStore('recordings').put(record);
        await committed(transaction);
    }

    async remove(recordingId) {
        const transaction = this._database.transaction(['recordings', 'chunks'], 'readwrite');
        transaction.objectStore('chunks').delete(chunkRange(recordingId));
        transaction.objectStore('recordings').delete(recordingId);
        await committed(transaction);
    }
}

/**
 * Holds the Web Lock named for a recording while this page records or uploads it, so another page of the
 * same origin does not take it over. Resolves with a release function, or null when another page holds it.
 */
function holdLock(recordingId) {
    if (typeof navigator === 'undefined' || !navigator.locks?.request) {
        return Promise.resolve(() => {});
    }
    return new Promise((resolve) => {
        navigator.locks.request(`kaiwa-recording-${recordingId}`, { ifAvailable: true }, (lock) => {
            if (!lock) {
                resolve(null);
                return undefined;
            }
            return new Promise((release) => resolve(release));
        }).catch(() => resolve(() => {}));
    });
}

async function sha256Base64(bytes) {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
    let binary = '';
    digest.forEach((byte) => {
        binary += String.fromCharCode(byte);
    });
    return btoa(binary);
}

/**
 * Uploads what recorders made, in order, one request at a time: PUT /recordings/{id}/chunks/{seq} with the
 * recorder token and Content-Digest: sha-256, then POST /recordings/{id}/complete {chunks} once the recording has
 * stopped and every chunk is up. Chunks are kept in IndexedDB until the server has them, and
 * {@link RecordingUploads#resumePending} (the call page runs it on load) picks up recordings whose page went away
 * before they were uploaded: their chunks are uploaded and the recording completed. Failures that may pass
 * (network, 5xx, 429) are retried with backoff; refusals that cannot (the recording failed, the token expired)
 * drop the recording. One instance per page: {@link recordingUploads}.
 *
 * Events: recording-upload {recordingId, callId, state, chunksStored, chunksUploaded, chunksPending,
 * bytesUploaded, bytesPending, paused, error}; state is recording, uploading, completing, completed or failed.
 */
export class RecordingUploads extends EventTarget {
    constructor() {
        super();
        this.paused = false;
        /** Recordings this page records or took over, by id: the record as stored plus the chunks still to upload. */
        this._owned = new Map();
        this._database = undefined;
        this._running = false;
        this._kickedWhileRunning = false;
        this._timer = null;
        this._recheckTimer = null;
        if (typeof addEventListener === 'function') {
            addEventListener('online', () => this._kick());
        }
    }

    on(type, handler) {
        const listener = (event) => handler(event.detail);
        this.addEventListener(type, listener);
        return () => this.removeEventListener(type, listener);
    }

    /** Progress of every recording this page uploads (or uploaded since it opened). */
    get progress() {
        return [...this._owned.values()].map((entry) => this._progressOf(entry));
    }

    /** Stops sending (chunks are still stored); for tests and for a user who needs the bandwidth now. */
    pause() {
        this.paused = true;
        this._emitAll();
    }

    resume() {
        this.paused = false;
        this._emitAll();
        this._kick();
    }

    /**
     * Takes over recordings left in this browser by pages that are gone (closed, reloaded, crashed): their stored
     * chunks are uploaded and the recording completed with the chunks made so far. Resolves with their ids.
     */
    async resumePending() {
        const database = await this._openDatabase();
        if (!database) {
            return [];
        }
        const taken = [];
        let held = 0;
        for (const record of await database.recordings().catch(() => [])) {
            if (this._owned.has(record.id)) {
                continue;
            }
            const release = await holdLock(record.id);
            const orphaned = !!release && (typeof navigator !== 'undefined' && navigator.locks?.request
                ? true : Date.now() - (record.touchedAt ?? 0) > ORPHAN_AFTER_MS);
            if (!orphaned) {
                release?.();
                held += 1;
                continue;
            }
            // Its recorder is gone: nothing more will be made, so the chunks there are all there is.
            record.stopped = true;
            const pending = (await database.chunkSeqs(record.id)).sort((a, b) => a - b).map((seq) => ({ seq, data: null }));
            this._owned.set(record.id, { record, pending, release, attempts: 0, retryAt: 0, state: 'uploading', error: null });
            await this._save(record);
            taken.push(record.id);
            this._emit(record.id);
        }
        clearTimeout(this._recheckTimer);
        if (held > 0) {
            this._recheckTimer = setTimeout(() => this.resumePending().catch(() => {}), ORPHAN_RECHECK_MS);
        }
        this._kick();
        return taken;
    }

    /**
     * A recorder begins: its recording is registered at once (the recorder need not wait for it), then locked and
     * stored; its chunks are stored after that.
     */
    begin({ recordingId, callId, apiBase, uploadToken, mimeType, kind }) {
        const record = {
            id: recordingId, callId, apiBase, uploadToken, mimeType, kind, createdAt: new Date().toISOString(),
            nextSeq: 0, uploadedChunks: 0, uploadedBytes: 0, pendingBytes: 0, stopped: false, touchedAt: Date.now(),
        };
        const entry = { record, pending: [], release: () => {}, attempts: 0, retryAt: 0, state: 'recording', error: null };
        entry.ready = (async () => {
            const release = await holdLock(recordingId);
            if (release && (entry.state === 'completed' || entry.state === 'failed')) {
                release();
            }
            else if (release) {
                entry.release = release;
            }
            if (entry.state !== 'failed') {
                await this._save(record);
            }
        })();
        this._owned.set(recordingId, entry);
        this._emit(recordingId);
    }

    /** The next slice of a recording: numbered, stored durably, then queued for upload. */
    async store(recordingId, blob) {
        const entry = this._owned.get(recordingId);
        if (!entry || entry.state === 'failed') {
            return;
        }
        await entry.ready;
        const data = await blob.arrayBuffer();
        const digest = await sha256Base64(data);
        const record = entry.record;
        const seq = record.nextSeq;
        record.nextSeq += 1;
        record.pendingBytes += data.byteLength;
        record.touchedAt = Date.now();
        const chunk = { seq, size: data.byteLength, digest, data };
        entry.pending.push(chunk);
        const database = await this._openDatabase();
        if (database) {
            try {
                await database.addChunk({ ...record }, { recordingId, seq, size: data.byteLength, digest, data });
                // Stored: the bytes are read back when their turn comes, so memory does not grow while offline.
                chunk.data = null;
            }
            catch (error) {
                entry.error = { code: 'RECORDING_STORE_FAILED', detail: String(error?.message ?? error) };
            }
        }
        this._emit(recordingId);
        this._kick();
    }

    /** The recorder stopped: once every chunk is up, the upload completes. */
    finish(recordingId) {
        const entry = this._owned.get(recordingId);
        if (!entry || entry.record.stopped) {
            return;
        }
        entry.record.stopped = true;
        if (entry.state === 'recording') {
            entry.state = 'uploading';
        }
        this._save(entry.record);
        this._emit(recordingId);
        this._kick();
    }

    /** Forgets a recording the server will not take (it failed, or the recorder never started). */
    discard(recordingId, detail) {
        const entry = this._owned.get(recordingId);
        if (entry && entry.state !== 'completed') {
            this._drop(entry, { code: 'RECORDING_FAILED', detail });
        }
    }

    async _openDatabase() {
        if (this._database === undefined) {
            this._database = ChunkDatabase.open().catch(() => null);
        }
        return this._database;
    }

    async _save(record) {
        const database = await this._openDatabase();
        try {
            await database?.put({ ...record });
        }
        catch (error) {
            // Kept in memory; only a reload would lose it.
        }
    }

    _kick() {
        if (this.paused) {
            return;
        }
        if (this._running) {
            // Looked at again when the running pass ends: it may have decided there was nothing to do.
            this._kickedWhileRunning = true;
            return;
        }
        clearTimeout(this._timer);
        this._timer = null;
        this._running = true;
        this._kickedWhileRunning = false;
        this._run().finally(() => {
            this._running = false;
            if (this._kickedWhileRunning) {
                this._kick();
            }
        });
    }

    async _run() {
        while (!this.paused) {
            const now = Date.now();
            const entries = [...this._owned.values()].filter((entry) => entry.state !== 'completed'
                && entry.state !== 'failed' && (entry.pending.length > 0 || entry.record.stopped));
            const ready = entries.filter((entry) => entry.retryAt <= now);
            if (ready.length === 0) {
                const next = Math.min(...entries.map((entry) => entry.retryAt));
                if (Number.isFinite(next)) {
                    this._timer = setTimeout(() => this._kick(), Math.max(50, next - now));
                }
                return;
            }
            const entry = ready[0];
            if (entry.pending.length > 0) {
                await this._upload(entry, entry.pending[0]);
            }
            else {
                await this._complete(entry);
            }
        }
    }

    async _upload(entry, chunk) {
        const record = entry.record;
        let data = chunk.data;
        let digest = chunk.digest;
        let size = chunk.size;
        if (!data) {
            const stored = await (await this._openDatabase())?.chunk(record.id, chunk.seq).catch(() => null);
            if (!stored) {
                entry.pending.shift();
                entry.error = { code: 'CHUNK_LOST', detail: `Chunk ${chunk.seq} is no longer in the browser's store` };
                this._emit(record.id);
                return;
            }
            data = stored.data;
            digest = stored.digest;
            size = stored.size;
        }
        const outcome = await this._send(record, 'PUT', `/recordings/${encodeURIComponent(record.id)}/chunks/${chunk.seq}`, {
            'Content-Type': 'application/octet-stream',
            'Content-Digest': `sha-256=:${digest}:`,
        }, data);
        if (outcome.ok) {
            entry.pending.shift();
            entry.attempts = 0;
            record.uploadedChunks += 1;
            record.uploadedBytes += size;
            record.pendingBytes = Math.max(0, record.pendingBytes - size);
            record.touchedAt = Date.now();
            try {
                await (await this._openDatabase())?.removeChunk({ ...record }, chunk.seq);
            }
            catch (error) {
                // Uploaded all the same; a later resume sends it again and the server answers 200.
            }
            this._emit(record.id);
        }
        else if (outcome.retry) {
            this._retryLater(entry, outcome);
        }
        else if (outcome.code === 'CHUNK_CONFLICT' || outcome.code === 'CHUNK_TOO_LARGE') {
            // The server will never take this chunk; the completion reports what is missing.
            entry.pending.shift();
            entry.error = { code: outcome.code, detail: outcome.detail };
            await (await this._openDatabase())?.removeChunk({ ...record }, chunk.seq).catch(() => {});
            this._emit(record.id);
        }
        else {
            this._drop(entry, outcome);
        }
    }

    async _complete(entry) {
        const record = entry.record;
        if (record.nextSeq === 0) {
            // Nothing was recorded: there is nothing to complete.
            this._drop(entry, { code: 'RECORDING_EMPTY', detail: 'The recorder made no media' });
            return;
        }
        entry.state = 'completing';
        this._emit(record.id);
        const outcome = await this._send(record, 'POST', `/recordings/${encodeURIComponent(record.id)}/complete`,
            { 'Content-Type': 'application/json' }, JSON.stringify({ chunks: record.nextSeq }));
        if (outcome.ok) {
            entry.state = 'completed';
            entry.error = null;
            await (await this._openDatabase())?.remove(record.id).catch(() => {});
            entry.release();
            this._emit(record.id);
        }
        else if (outcome.retry) {
            entry.state = 'uploading';
            this._retryLater(entry, outcome);
        }
        else {
            this._drop(entry, outcome);
        }
    }

    /** One request with the recorder token: ok, retry (the failure may pass) or a refusal with the server's code. */
    async _send(record, method, path, headers, body) {
        let response;
        try {
            response = await fetch(`${record.apiBase}/api/v1${path}`, {
                method,
                headers: { ...headers, Accept: 'application/json', Authorization: `Bearer ${record.uploadToken}` },
                body,
                credentials: 'omit',
                cache: 'no-store',
            });
        }
        catch (error) {
            return { ok: false, retry: true, code: 'CONNECTION_FAILED', detail: String(error?.message ?? error) };
        }
        if (response.ok) {
            await response.arrayBuffer().catch(() => null);
            return { ok: true };
        }
        const problem = await response.json().catch(() => null);
        const code = problem?.code ?? `HTTP_${response.status}`;
        const retryAfter = Number(response.headers.get('Retry-After'));
        const retry = response.status >= 500 || response.status === 429 || response.status === 408
            || code === 'CHUNK_DIGEST_MISMATCH';
        return { ok: false, retry, code, detail: problem?.detail ?? null,
            retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 0 };
    }

    _retryLater(entry, outcome) {
        entry.attempts += 1;
        const backoff = Math.min(UPLOAD_RETRY_MAX_MS, UPLOAD_RETRY_INITIAL_MS * 2 ** (entry.attempts - 1));
        entry.retryAt = Date.now() + Math.max(outcome.retryAfterMs ?? 0, backoff / 2 + Math.random() * backoff / 2);
        entry.error = { code: outcome.code, detail: outcome.detail };
        this._emit(entry.record.id);
    }

    _drop(entry, outcome) {
        entry.state = 'failed';
        entry.pending = [];
        entry.error = { code: outcome.code, detail: outcome.detail ?? null };
        this._openDatabase().then((database) => database?.remove(entry.record.id)).catch(() => {});
        entry.release();
        this._emit(entry.record.id);
    }

    _progressOf(entry) {
        const record = entry.record;
        return {
            recordingId: record.id,
            callId: record.callId,
            state: entry.state,
            chunksStored: record.nextSeq,
            chunksUploaded: record.uploadedChunks,
            chunksPending: entry.pending.length,
            bytesUploaded: record.uploadedBytes,
            bytesPending: record.pendingBytes,
            paused: this.paused,
            error: entry.error ? { ...entry.error } : null,
        };
    }

    _emit(recordingId) {
        const entry = this._owned.get(recordingId);
        if (entry) {
            this.dispatchEvent(new CustomEvent('recording-upload', { detail: this._progressOf(entry) }));
        }
    }

    _emitAll() {
        this._owned.forEach((entry, id) => this._emit(id));
    }
}

/** The page's uploads of recordings (see {@link RecordingUploads}). */
export const recordingUploads = new RecordingUploads();

// ---- helpers ----------------------------------------------------------------------------------------

/** Screen content keeps its resolution (text must stay legible); camera video may scale down under load. */
async function preferResolution(sender, screen) {
    try {
        const parameters = sender.getParameters();
        const preference = screen ? 'maintain-resolution' : 'balanced';
        if (parameters.degradationPreference !== preference) {
            parameters.degradationPreference = preference;
            await sender.setParameters(parameters);
        }
    }
    catch (error) {
        // Not every browser lets this be set; the default is acceptable.
    }
}

/** Camera and microphone if there are both, else whatever there is, else nothing. */
export async function acquireUserMedia(audio = true, video = true) {
    if (!navigator.mediaDevices?.getUserMedia) {
        return null;
    }
    const attempts = [{ audio, video }, { audio }, { video }].filter((c) => c.audio || c.video);
    for (const constraints of attempts) {
        try {
            return await navigator.mediaDevices.getUserMedia(constraints);
        }
        catch (error) {
            // Try with fewer devices.
        }
    }
    return null;
}

function trimSlash(url) {
    return url.endsWith('/') ? url.slice(0, -1) : url;
}

function roundTo(value, digits) {
    const factor = 10 ** digits;
    return Math.round(value * factor) / factor;
}

/** The module's entry point. */
export const Kaiwa = Object.freeze({
    /**
     * Joins a call and resolves once the server let the participant in (state connected) or put it in the
     * waiting room (state waiting).
     *
     * @param credentials {callId, ticket, websocketUrl} from REST /join (SSO users, portals), or
     *        {callId, inviteToken} (guests; the client calls /join itself)
     * @param options {localStream?, iceTransportPolicy?: 'all'|'relay', apiBase?, websocketUrl?,
     *        screenShareSource?, createSocket?: url => socket (tests and benchmarks), on?: {event: handler}, ...}
     */
    async join(credentials, options = {}) {
        const call = new KaiwaCall(credentials, options);
        return call.connect();
    },
    KaiwaCall,
    KaiwaError,
    CallState,
    acquireUserMedia,
    /** The page's recording uploads: progress events, pause/resume, and resumePending() on page load. */
    uploads: recordingUploads,
});

export default Kaiwa;
