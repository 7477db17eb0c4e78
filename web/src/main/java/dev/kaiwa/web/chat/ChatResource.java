package dev.kaiwa.web.chat;

import dev.kaiwa.chat.ChatMessage;
import dev.kaiwa.chat.ChatService;
import dev.kaiwa.shared.Actor;
import dev.kaiwa.shared.Page;
import dev.kaiwa.web.Parameters;
import dev.kaiwa.web.security.Authenticator;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A call's chat history; messages are sent over signaling. */
@Path("/calls/{callId}/chat")
@RequestScoped
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Chat", description = "Chat history and message templates")
public class ChatResource {
    @Inject
    ChatService chat;

    @Inject
    Authenticator authenticator;

    @Context
    SecurityContext security;

    @Context
    HttpHeaders headers;

    /** One message. */
    public record ChatMessageResponse(String id, String from, String displayName, String text, Instant sentAt) {
        static ChatMessageResponse of(ChatMessage message) {
            return new ChatMessageResponse(message.id(), message.participantId(), message.displayName(), message.text(),
                    message.sentAt());
        }
    }

    /** A page of messages, oldest first. */
    public record ChatPage(List<ChatMessageResponse> items, String nextCursor) {
    }

    @GET
    @Operation(summary = "The call's chat history", description = "Oldest first; page with limit and cursor. "
            + "Participants use their participant token.")
    public ChatPage history(@PathParam("callId") String callId, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        Actor actor = authenticator.requireActor(callId, security, headers);
        Page<ChatMessage> page = chat.history(actor, callId, Parameters.text(cursor),
                Parameters.integer("limit", limit).orElse(null));
        return new ChatPage(page.items().stream().map(ChatMessageResponse::of).toList(), page.nextCursor().orElse(null));
    }
}
