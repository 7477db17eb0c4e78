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
 * Events: state {state, previous}, welcome {you, peers, call}, waiting, admitted, denied, knock {peer},
 * peer-joined {peer}, peer-left {participantId, reason, peer}, peer-updated {peer, self}, track {peer, track, stream},
 * chat {id, from, displayName, text, sentAt}, muted {by}, ended {reason}, error {code, detail},
 * stats {rtt, jitter, packetLoss, bitrate, peers}, local-media {audio, video, screen}, and any other server
 * message by its type (e.g. recording, mode, consent, transcript). "message" gets every server message.
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
            case 'waiting': this._onWaiting(); break;
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

    _onWaiting() {
        this._setState(CallState.WAITING);
        // The socket stays open while waiting; ping keeps it from looking idle.
        this._startTimers();
        this._dispatch('waiting', {});
        this._settleJoin();
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
});

export default Kaiwa;
