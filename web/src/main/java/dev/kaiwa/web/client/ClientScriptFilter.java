package dev.kaiwa.web.client;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Lets portals import {@code /kaiwa.js} as an ES module from their own origin: module scripts are fetched
 * with CORS, and the file is public and carries no credentials. Browsers revalidate it, so a new server
 * version reaches embedded clients on their next load.
 */
@WebFilter(filterName = "ClientScript", urlPatterns = "/kaiwa.js")
public final class ClientScriptFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Access-Control-Allow-Origin", "*");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Content-Type-Options", "nosniff");
        chain.doFilter(request, response);
    }
}
