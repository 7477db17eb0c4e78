package dev.kaiwa.web.dev;

import dev.kaiwa.security.DevTokenIssuer;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;

@Path("/dev/token")
@RequestScoped
@PermitAll
public class DevTokenResource {
    @Inject
    DevTokenIssuer issuer;

    public record DevTokenRequest(String subject, List<String> groups, String org, String name) {
    }

    public record DevTokenResponse(String token) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public DevTokenResponse issue(DevTokenRequest request) {
        boolean on = ConfigProvider.getConfig().getOptionalValue("kaiwa.dev.tokens", Boolean.class).orElse(false);
        if (!on) {
            throw new jakarta.ws.rs.NotFoundException();
        }
        return new DevTokenResponse(issuer.issue(request.subject(), request.groups(), request.org(), request.name(), null).token());
    }
}
