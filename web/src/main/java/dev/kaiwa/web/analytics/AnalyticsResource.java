package dev.kaiwa.web.analytics;

import dev.kaiwa.analytics.AnalyticsService;
import dev.kaiwa.analytics.CallAnalytics;
import dev.kaiwa.shared.Caller;
import dev.kaiwa.web.Parameters;
import dev.kaiwa.web.security.Authenticator;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Figures over stored calls, within the caller's organization. */
@Path("/analytics")
@RequestScoped
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Analytics", description = "Figures over stored calls")
public class AnalyticsResource {
    @Inject
    AnalyticsService analytics;

    @Inject
    Authenticator authenticator;

    @Inject
    Clock clock;

    @Context
    SecurityContext security;

    @Context
    HttpHeaders headers;

    @GET
    @Operation(summary = "Call analytics for a window of scheduled times",
            description = "Admins and auditors: their whole organization; kaiwa-host: their own calls. Defaults to the last 30 days.")
    public CallAnalytics analytics(@QueryParam("from") String from, @QueryParam("to") String to) {
        Caller caller = authenticator.requireCaller(security, headers);
        Instant end = Parameters.instant("to", to).orElse(clock.instant());
        Instant start = Parameters.instant("from", from).orElse(end.minus(Duration.ofDays(30)));
        return analytics.analyze(caller, start, end);
    }
}
