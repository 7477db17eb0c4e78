package dev.kaiwa.web.security;

import dev.kaiwa.audit.RequestOrigin;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/** Tells the audit trail where each REST request comes from (see {@link ClientAddresses}). */
@Provider
public class ClientAddressFilter implements ContainerRequestFilter {
    static final String FORWARDED_FOR = "X-Forwarded-For";

    @Inject
    ClientAddresses addresses;

    @Inject
    RequestOrigin origin;

    @Context
    HttpServletRequest request;

    @Override
    public void filter(ContainerRequestContext context) {
        origin.setClientAddress(addresses.clientAddress(request.getRemoteAddr(), context.getHeaders().get(FORWARDED_FOR))
                .orElse(null));
    }
}
