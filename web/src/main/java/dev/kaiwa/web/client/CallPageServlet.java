package dev.kaiwa.web.client;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Serves the call page for {@code /call/{callId}}, the path of every join link. The invite token or ticket
 * travels in the URL fragment, so it never reaches this servlet; the page reads it in the browser.
 * The page is the same for every call: one static file, sent with headers that keep it out of caches
 * and frames of unknown sites.
 */
@WebServlet(name = "CallPage", urlPatterns = "/call/*")
public final class CallPageServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final String PAGE = "/client/call.html";
    /** Call ids are URL-safe; anything else is not a call page. */
    private static final Pattern CALL_PATH = Pattern.compile("/[A-Za-z0-9_-]{1,128}/?");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String path = request.getPathInfo();
        if (path == null || !CALL_PATH.matcher(path).matches()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Permissions-Policy", "camera=(self), microphone=(self), display-capture=(self)");
        response.setHeader("Content-Security-Policy", contentSecurityPolicy());
        request.getRequestDispatcher(PAGE).forward(request, response);
    }

    /**
     * Scripts, styles, REST and signaling only with this server; framing only by this server and the browser
     * origins the API allows (portals).
     */
    private static String contentSecurityPolicy() {
        String origins = ConfigProvider.getConfig().getOptionalValue("kaiwa.cors.allowed-origins", String.class).orElse("");
        String frameAncestors = Arrays.stream(origins.split(","))
                .map(String::strip)
                .filter(origin -> origin.matches("https?://[A-Za-z0-9.:\\[\\]-]+"))
                .collect(Collectors.joining(" "));
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
                + "media-src 'self' blob: mediastream:; connect-src 'self'; object-src 'none'; "
                + "base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
                + (frameAncestors.isEmpty() ? "" : " " + frameAncestors);
    }
}
