package dev.kaiwa.web.webhook;

import dev.kaiwa.shared.Caller;
import dev.kaiwa.shared.DomainException;
import dev.kaiwa.shared.ErrorCode;
import dev.kaiwa.shared.Page;
import dev.kaiwa.web.Parameters;
import dev.kaiwa.web.PublicUrls;
import dev.kaiwa.web.StrictJson;
import dev.kaiwa.web.security.Authenticator;
import dev.kaiwa.web.webhook.WebhookMessages.DeliveryDetailResponse;
import dev.kaiwa.web.webhook.WebhookMessages.DeliveryPage;
import dev.kaiwa.web.webhook.WebhookMessages.DeliveryResponse;
import dev.kaiwa.web.webhook.WebhookMessages.SecretRequest;
import dev.kaiwa.web.webhook.WebhookMessages.WebhookPage;
import dev.kaiwa.web.webhook.WebhookMessages.WebhookRequest;
import dev.kaiwa.web.webhook.WebhookMessages.WebhookResponse;
import dev.kaiwa.web.webhook.WebhookMessages.WebhookWithSecret;
import dev.kaiwa.webhook.DeliveryStatus;
import dev.kaiwa.webhook.Webhook;
import dev.kaiwa.webhook.WebhookDelivery;
import dev.kaiwa.webhook.WebhookDraft;
import dev.kaiwa.webhook.WebhookService;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.JsonbException;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * An organization's webhook subscriptions and their delivery log, for its admins (kaiwa-admin) only.
 * Deliveries are signed; README "Webhooks" describes the payload, the headers and how to verify them.
 */
@Path("/webhooks")
@RequestScoped
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks", description = "Subscribe endpoints to call, recording, consent and retention events")
public class WebhookResource {
    static final String CREATE_EXAMPLE = """
            {"url": "https://hr.example.com/hooks/kaiwa", "events": ["call.started", "call.ended", "recording.ready"],
             "description": "ATS integration"}""";
    private static final int MAX_SECRET_BODY = 1_000;

    @Inject
    WebhookService webhooks;

    @Inject
    Authenticator authenticator;

    @Inject
    PublicUrls urls;

    @Context
    SecurityContext security;

    @Context
    HttpHeaders headers;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Subscribe an endpoint", description = "The URL must be https (http only where the server "
            + "allows it). The answer carries the signing secret, generated unless one is given (24–200 printable "
            + "characters); it is not shown again.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "ats", value = CREATE_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created, with the secret; Location points at the subscription")
    public Response create(@NotNull WebhookRequest request) {
        Caller caller = caller();
        Webhook webhook = webhooks.createWebhook(caller, draft(request, request.secret()));
        return Response.created(urls.api("/webhooks/" + webhook.id())).entity(WebhookWithSecret.of(webhook)).build();
    }

    @GET
    @Operation(summary = "List the organization's subscriptions", description = "Newest first; page with limit and cursor.")
    public WebhookPage list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Page<Webhook> page = webhooks.listWebhooks(caller(), Parameters.text(cursor),
                Parameters.integer("limit", limit).orElse(null));
        return new WebhookPage(page.items().stream().map(WebhookResponse::of).toList(), page.nextCursor().orElse(null));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a subscription")
    public WebhookResponse get(@PathParam("id") String id) {
        return WebhookResponse.of(webhooks.getWebhook(caller(), id));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a subscription", description = "url and events are required; a missing description "
            + "is removed, a missing active means true. The secret changes only through rotate-secret.")
    public WebhookResponse replace(@PathParam("id") String id, @NotNull WebhookRequest request) {
        return WebhookResponse.of(webhooks.replaceWebhook(caller(), id, draft(request, null)));
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a subscription", description = "Only the fields present change; an empty description "
            + "removes it; active false pauses deliveries (they wait and are sent once it is active again).")
    public WebhookResponse change(@PathParam("id") String id, @NotNull WebhookRequest request) {
        return WebhookResponse.of(webhooks.changeWebhook(caller(), id, draft(request, null)));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a subscription", description = "Its delivery log goes with it; nothing more is sent.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") String id) {
        webhooks.deleteWebhook(caller(), id);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/rotate-secret")
    @Operation(summary = "Replace the signing secret", description = "With no body (or {}) Kaiwa generates the new "
            + "secret; {\"secret\": \"...\"} sets one. Attempts from now on are signed with it. The answer carries it.")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "own", value = "{\"secret\": \"a-secret-of-at-least-24-characters\"}")))
    public WebhookWithSecret rotateSecret(@PathParam("id") String id, String body) {
        Caller caller = caller();
        Optional<String> secret = Optional.ofNullable(parseSecret(body)).map(SecretRequest::secret);
        return WebhookWithSecret.of(webhooks.rotateSecret(caller, id, secret));
    }

    @GET
    @Path("{id}/deliveries")
    @Operation(summary = "The subscription's delivery log", description = "Newest first; status (PENDING, SENDING, "
            + "DELIVERED, FAILED) filters; page with limit and cursor.")
    public DeliveryPage deliveries(@PathParam("id") String id, @QueryParam("status") String status,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Page<WebhookDelivery> page = webhooks.listDeliveries(caller(), id,
                Parameters.enumValue("status", status, DeliveryStatus.class), Parameters.text(cursor),
                Parameters.integer("limit", limit).orElse(null));
        return new DeliveryPage(page.items().stream().map(DeliveryResponse::of).toList(), page.nextCursor().orElse(null));
    }

    @GET
    @Path("{id}/deliveries/{deliveryId}")
    @Operation(summary = "One delivery", description = "With the payload it sends and every attempt made.")
    public DeliveryDetailResponse delivery(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId) {
        return DeliveryDetailResponse.of(webhooks.getDelivery(caller(), id, deliveryId));
    }

    private Caller caller() {
        return authenticator.requireCaller(security, headers);
    }

    private static WebhookDraft draft(WebhookRequest request, String secret) {
        if (secret == null && request.secret() != null) {
            throw DomainException.invalidField("secret", "is set only on create or with POST /webhooks/{id}/rotate-secret");
        }
        return new WebhookDraft(request.url(), request.events(), request.description(), request.active(), secret);
    }

    /** The body is optional and may come without a content type, so it is read here rather than by a provider. */
    private static SecretRequest parseSecret(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        if (body.length() > MAX_SECRET_BODY) {
            throw DomainException.invalidField("secret", "is too long");
        }
        try {
            return StrictJson.jsonb().fromJson(body, SecretRequest.class);
        }
        catch (JsonbException e) {
            throw new DomainException(ErrorCode.MALFORMED_REQUEST, "The body must be {} or {\"secret\": \"...\"}");
        }
    }
}
