package dev.kaiwa.bench;

import static java.util.Objects.requireNonNull;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Kaiwa's signaling endpoint, {@code /ws/calls/{id}}, reached the way its clients reach it: each pair
 * is a call of its own for two; its creator (a kaiwa-host user) and an admin of its organization
 * join it over REST with SSO tokens, which gives each a participant id and a ticket, then open the
 * socket the answer names and send {@code join} with the ticket. The first join starts the call.
 * Hanging up is the host's {@code end}, which ends the call; both clients then close their sockets.
 */
final class KaiwaTarget implements SignalingTarget {
    static final String HOST_SUBJECT = "bench-signaling-host";
    static final String MODERATOR_SUBJECT = "bench-signaling-admin";
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);
    private static final String WELCOME = "\"type\":\"welcome\"";
    private static final String END = "{\"type\":\"end\"}";
    private static final String ENDED = "\"type\":\"ended\"";

    private final KaiwaClient rest;
    private final WebSocketClients sockets;
    private final String hostToken;
    private final String moderatorToken;
    private final URI baseUrl;

    KaiwaTarget(URI baseUrl, SsoTokens tokens, WebSocketClients sockets) {
        this.baseUrl = requireNonNull(baseUrl, "baseUrl is null");
        this.rest = new KaiwaClient(KaiwaClient.newHttpClient(), baseUrl);
        this.sockets = requireNonNull(sockets, "sockets is null");
        this.hostToken = tokens.host(HOST_SUBJECT);
        this.moderatorToken = tokens.admin(MODERATOR_SUBJECT);
    }

    @Override
    public String key() {
        return "kaiwa";
    }

    @Override
    public String description() {
        return "/ws/calls/{id} on " + baseUrl + " (the websocketUrl of /join): a call for two per pair (POST "
                + "/api/v1/calls, maxParticipants 2), its host and an organization admin join over REST with SSO JWTs, "
                + "then send join {ticket} on the socket";
    }

    @Override
    public SignalingDialect dialect() {
        return SignalingDialect.KAIWA;
    }

    @Override
    public SocketPair connect(int index) throws SetupException, InterruptedException {
        Exchange created = rest.createCall(hostToken, "Signaling benchmark " + index, 2);
        if (!created.succeeded()) {
            throw new SetupException("create call: " + created.outcome(), created.detail());
        }
        String callId = created.field("id")
                .orElseThrow(() -> new SetupException("create call: answer without id", created.detail()));
        Ticket host = join(hostToken, callId, "join call as host");
        Ticket moderator = join(moderatorToken, callId, "join call as moderator");
        BenchSocket initiator = joinSocket("host socket", host);
        try {
            BenchSocket responder = joinSocket("moderator socket", moderator);
            return new SocketPair(initiator, host.participantId(), responder, moderator.participantId());
        }
        catch (SetupException | InterruptedException | RuntimeException e) {
            initiator.abort();
            throw e;
        }
    }

    /**
     * The host ends the call; each client closes its socket when told the call {@code ended}, as a
     * browser client does, rather than wait for the server to close it.
     */
    @Override
    public void hangUp(SocketPair pair) {
        for (BenchSocket socket : List.of(pair.initiator(), pair.responder())) {
            socket.expectClose();
            socket.handler(message -> {
                if (message.contains(ENDED)) {
                    socket.close();
                }
            });
        }
        pair.initiator().send(END);
    }

    @Override
    public void close() {
        // Nothing of its own to stop: the server belongs to the build, the sockets to their benchmark.
    }

    private Ticket join(String token, String callId, String stage) throws SetupException {
        Exchange joined = rest.joinCall(token, callId);
        if (!joined.succeeded()) {
            throw new SetupException(stage + ": " + joined.outcome(), joined.detail());
        }
        try (JsonReader reader = Json.createReader(new StringReader(joined.body()))) {
            JsonObject answer = reader.readObject();
            return new Ticket(answer.getJsonObject("participant").getString("id"), answer.getString("ticket"),
                    URI.create(answer.getString("websocketUrl")));
        }
        catch (JsonException | ClassCastException | NullPointerException | IllegalArgumentException e) {
            throw new SetupException(stage + ": answer without participant, ticket or websocketUrl", joined.detail(), e);
        }
    }

    private BenchSocket joinSocket(String stage, Ticket ticket) throws SetupException, InterruptedException {
        String join = "{\"type\":\"join\",\"ticket\":\"" + ticket.ticket() + "\"}";
        return new SocketOpening(sockets.next(), SOCKET_TIMEOUT, dialect())
                .open(stage, ticket.websocketUrl(), Optional.of(join), message -> message.contains(WELCOME));
    }

    /** What REST /join answered: who joined, the single-use ticket and where to use it. */
    private record Ticket(String participantId, String ticket, URI websocketUrl) {
    }
}
