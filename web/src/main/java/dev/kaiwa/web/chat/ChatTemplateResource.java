package dev.kaiwa.web.chat;

import dev.kaiwa.chat.ChatService;
import dev.kaiwa.chat.ChatTemplate;
import dev.kaiwa.shared.Caller;
import dev.kaiwa.web.PublicUrls;
import dev.kaiwa.web.security.Authenticator;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A host's own chat message templates. Nobody else sees them. */
@Path("/chat-templates")
@RequestScoped
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Chat")
public class ChatTemplateResource {
    @Inject
    ChatService chat;

    @Inject
    Authenticator authenticator;

    @Inject
    PublicUrls urls;

    @Context
    SecurityContext security;

    @Context
    HttpHeaders headers;

    /** Body of create and change. */
    public record TemplateRequest(@NotBlank @Size(max = 100) String title, @NotBlank @Size(max = 500) String text) {
    }

    /** A template. */
    public record TemplateResponse(String id, String title, String text, Instant createdAt, Instant updatedAt) {
        static TemplateResponse of(ChatTemplate template) {
            return new TemplateResponse(template.id(), template.title(), template.text(), template.createdAt(),
                    template.updatedAt());
        }
    }

    /** The caller's templates. */
    public record TemplateList(List<TemplateResponse> items) {
    }

    @GET
    @Operation(summary = "List my chat templates")
    public TemplateList list() {
        Caller caller = authenticator.requireCaller(security, headers);
        return new TemplateList(chat.listTemplates(caller).stream().map(TemplateResponse::of).toList());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a chat template")
    public Response create(@NotNull @Valid TemplateRequest request) {
        Caller caller = authenticator.requireCaller(security, headers);
        ChatTemplate template = chat.createTemplate(caller, request.title().strip(), request.text().strip());
        return Response.created(urls.api("/chat-templates/" + template.id())).entity(TemplateResponse.of(template)).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read one of my chat templates")
    public TemplateResponse get(@PathParam("id") String id) {
        return TemplateResponse.of(chat.getTemplate(authenticator.requireCaller(security, headers), id));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change one of my chat templates")
    public TemplateResponse change(@PathParam("id") String id, @NotNull @Valid TemplateRequest request) {
        Caller caller = authenticator.requireCaller(security, headers);
        return TemplateResponse.of(chat.changeTemplate(caller, id, request.title().strip(), request.text().strip()));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete one of my chat templates")
    public Response delete(@PathParam("id") String id) {
        chat.deleteTemplate(authenticator.requireCaller(security, headers), id);
        return Response.noContent().build();
    }
}
