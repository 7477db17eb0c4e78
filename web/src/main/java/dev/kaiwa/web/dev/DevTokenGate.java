package dev.kaiwa.web.dev;

import dev.kaiwa.shared.ErrorCode;
import dev.kaiwa.web.problem.Problems;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Hides the dev token endpoint unless {@code kaiwa.dev.tokens=true}: before matching, so even a
 * malformed request gets the same 404 as any unknown path.
 */
@Provider
@PreMatching
public class DevTokenGate implements ContainerRequestFilter {
    @Inject
    Problems problems;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath(false).replaceFirst("^/", "");
        if (path.startsWith("dev/") || path.equals("dev")) {
            boolean enabled = ConfigProvider.getConfig().getOptionalValue("kaiwa.dev.tokens", Boolean.class).orElse(false);
            if (!enabled) {
                request.abortWith(problems.response(ErrorCode.RESOURCE_NOT_FOUND, "No such resource", List.of(), "/" + path));
            }
        }
    }
}
