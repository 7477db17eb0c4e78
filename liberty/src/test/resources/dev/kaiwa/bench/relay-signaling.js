/*
 * Carries the call page's signaling over the bench relay (the kaiwa-bench-relay WAR) instead of Kaiwa's
 * /ws/calls/{id}, for the call-setup benchmark; a benchmark resource, never part of the EAR. Run by WebDriver in
 * the call page before Join is pressed, with
 *
 *   arguments[0] = {endpoint: 'ws://host:port/bench-relay/relay/', callId, title,
 *                   you: {id, displayName, role}, peerId, first: true|false}
 *
 * It sets window.kaiwa.testing.createSocket, so that kaiwa.js opens a RelaySignalingSocket where it would open a
 * WebSocket; everything else, the join, perfect negotiation, ICE and media, is kaiwa.js's own code, unchanged.
 *
 * The relay forwards each frame to the socket its "to" names (PEER_NOT_FOUND when there is none) and knows no
 * rooms, tickets or participants. What Kaiwa's server would say is made here from frames that went through it:
 * - the first participant's join goes to itself through the relay and comes back as its welcome, with no peers;
 * - the other sends hello to the first (again every 20 ms while the relay answers PEER_NOT_FOUND: the first is
 *   not connected yet); the first hears peer-joined and answers present, which becomes the other's welcome with
 *   the first as its peer, so that the first offers and the other waits for the offer, as in a Kaiwa call;
 * - offer, answer and ice go to the peer with "from" added, as Kaiwa relays them; leave reaches the peer as
 *   peer-left; ping is answered with pong at once; media and stats, which only Kaiwa's server reads, are dropped.
 */
((config) => {
    const HELLO_RETRY_MS = 20;

    const participant = (info) => ({
        id: info.id,
        displayName: info.displayName,
        role: info.role,
        status: 'CONNECTED',
        media: { audio: true, video: true, screen: false, hand: false },
        quality: 'unknown',
    });

    /** A WebSocket as kaiwa.js uses one: readyState, send, close, and open, message and close events. */
    class RelaySignalingSocket extends EventTarget {
        constructor() {
            super();
            this.readyState = WebSocket.CONNECTING;
            this.you = participant(config.you);
            this.peer = null;
            this.joined = false;
            this.helloPending = [];
            this.relay = new WebSocket(config.endpoint + encodeURIComponent(config.you.id));
            this.relay.addEventListener('message', (event) => this.fromRelay(JSON.parse(event.data)));
            this.relay.addEventListener('close', (event) => {
                this.readyState = WebSocket.CLOSED;
                this.dispatchEvent(new CloseEvent('close', { code: event.code, reason: event.reason }));
            });
        }

        send(text) {
            const message = JSON.parse(text);
            switch (message.type) {
                case 'join':
                    if (config.first) {
                        this.toRelay({ type: 'join', to: config.you.id });
                    }
                    else {
                        this.hello();
                    }
                    break;
                case 'offer':
                case 'answer':
                case 'ice':
                    this.toRelay({ ...message, from: config.you.id });
                    break;
                case 'leave':
                    if (this.peer) {
                        this.toRelay({ type: 'peer-left', to: this.peer.id, participantId: config.you.id, reason: 'left' });
                    }
                    break;
                case 'ping':
                    setTimeout(() => this.deliver({ type: 'pong' }));
                    break;
                default:
                    break;
            }
        }

        close(code, reason) {
            if (this.readyState >= WebSocket.CLOSING) {
                return;
            }
            this.readyState = WebSocket.CLOSING;
            this.relay.close(code, reason);
        }

        hello() {
            this.toRelay({ type: 'hello', to: config.peerId, from: config.you.id, peer: this.you });
        }

        fromRelay(message) {
            switch (message.type) {
                case 'open':
                    this.readyState = WebSocket.OPEN;
                    this.dispatchEvent(new Event('open'));
                    break;
                case 'error':
                    if (message.code === 'PEER_NOT_FOUND' && !config.first && !this.joined) {
                        setTimeout(() => this.hello(), HELLO_RETRY_MS);
                    }
                    break;
                case 'join':
                    this.welcome([]);
                    this.helloPending.splice(0).forEach((hello) => this.greet(hello));
                    break;
                case 'hello':
                    if (this.joined) {
                        this.greet(message);
                    }
                    else {
                        this.helloPending.push(message);
                    }
                    break;
                case 'present':
                    if (!this.joined) {
                        this.peer = message.peer;
                        this.welcome([message.peer]);
                    }
                    break;
                default:
                    this.deliver(message);
            }
        }

        /** The first participant hears of the other (once, however often it said hello) and answers it. */
        greet(hello) {
            if (!this.peer) {
                this.peer = hello.peer;
                this.deliver({ type: 'peer-joined', peer: hello.peer });
            }
            this.toRelay({ type: 'present', to: hello.from, from: config.you.id, peer: this.you });
        }

        welcome(peers) {
            this.joined = true;
            this.deliver({
                type: 'welcome',
                you: this.you,
                peers,
                mode: 'p2p',
                iceServers: [],
                call: {
                    id: config.callId,
                    title: config.title,
                    type: 'VIDEO',
                    status: 'IN_PROGRESS',
                    settings: { recording: 'OFF', transcription: { enabled: false }, screenShare: true, waitingRoom: false },
                },
                resumeToken: null,
            });
        }

        toRelay(message) {
            if (this.relay.readyState === WebSocket.OPEN) {
                this.relay.send(JSON.stringify(message));
            }
        }

        deliver(message) {
            this.dispatchEvent(new MessageEvent('message', { data: JSON.stringify(message) }));
        }
    }

    window.kaiwa.testing.createSocket = () => new RelaySignalingSocket();
})(arguments[0]);
