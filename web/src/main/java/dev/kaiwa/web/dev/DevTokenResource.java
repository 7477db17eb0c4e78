package dev.kaiwa.web.dev;

import dev.kaiwa.security.DevTokenIssuer;
import dev.kaiwa.security.DevTokenIssuer.IssuedToken;
import dev.kaiwa.web.security.RateLimiter;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The demo's token issuer: a JWT the server accepts, for any subject and groups. Served only while
 * {@code kaiwa.dev.tokens=true} (read on every request, so an operator can switch it off without a
 * restart); otherwise {@link DevTokenGate} answers 404 before the request gets here, as if the
 * endpoint did not exist.
 */
@Path("/dev/token")
@RequestScoped
@PermitAll
@Tag(name = "Development", description = "Only when kaiwa.dev.tokens=true; never in production")
public class DevTokenResource {
    @Inject
    DevTokenIssuer issuer;

    @Inject
    RateLimiter rateLimiter;

    @Context
    HttpServletRequest servletRequest;

    /** Who the token is for. */
    public record DevTokenRequest(
            @NotBlank @Size(max = 255) String subject,
            @NotNull @Size(min = 1, max = 4) List<@Pattern(regexp = "kaiwa-admin|kaiwa-host|kaiwa-auditor|kaiwa-user",
                    message = "must be one of kaiwa-admin, kaiwa-host, kaiwa-auditor, kaiwa-user") String> groups,
            @Size(max = 100) String org,
            @Size(max = 200) String name,
            @Email @Size(max = 320) String email) {
    }

    /** A signed JWT. */
    public record DevTokenResponse(String token, Instant expiresAt) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mint an SSO-like token for the demo")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "host",
            value = "{\"subject\": \"alice\", \"groups\": [\"kaiwa-host\"], \"org\": \"acme\", \"name\": \"Alice\"}")))
    public DevTokenResponse issue(@NotNull @Valid DevTokenRequest request) {
        rateLimiter.acquire("dev-token", servletRequest.getRemoteAddr());
        IssuedToken token = issuer.issue(request.subject().strip(), request.groups(), request.org(), request.name(),
                request.email());
        return new DevTokenResponse(token.token(), token.expiresAt());
    }
}
