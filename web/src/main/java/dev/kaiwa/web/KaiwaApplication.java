package dev.kaiwa.web;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The REST API under {@code /api/v1}. SSO users present a MicroProfile JWT; participants of a call
 * present the participant token that {@code /join} handed them.
 */
@ApplicationPath("/api/v1")
@LoginConfig(authMethod = "MP-JWT", realmName = "kaiwa")
@DeclareRoles({"kaiwa-admin", "kaiwa-host", "kaiwa-auditor", "kaiwa-user"})
@OpenAPIDefinition(
        info = @Info(title = "Kaiwa API", version = "1",
                description = "Schedule calls, invite people, let them join, and read what happened. "
                        + "Errors are RFC 9457 problem+json."),
        security = @SecurityRequirement(name = "jwt"))
@SecurityScheme(securitySchemeName = "jwt", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "An SSO JWT (MicroProfile JWT) or, for a participant's call-scoped calls, the participant token")
public class KaiwaApplication extends Application {
}
