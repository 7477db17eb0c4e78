package dev.kaiwa.it;

import static java.util.Objects.requireNonNull;

import jakarta.json.JsonObject;

/** What {@code POST /calls/{id}/join} answered: the participant, its ticket and its participant token. */
public record JoinedParticipant(String callId, JsonObject response) implements Credential {
    public JoinedParticipant {
        requireNonNull(callId, "callId is null");
        requireNonNull(response, "response is null");
    }

    public JsonObject participant() {
        return response.getJsonObject("participant");
    }

    public String participantId() {
        return participant().getString("id");
    }

    public String ticket() {
        return response.getString("ticket");
    }

    /** The participant token, which authenticates this participant on its own call. */
    @Override
    public String bearerToken() {
        return response.getString("participantToken");
    }
}
