package dev.kaiwa.invite;

import static java.util.Objects.requireNonNull;

import dev.kaiwa.audit.AuditTrail;
import dev.kaiwa.call.CallAccess;
import dev.kaiwa.call.CallRepository;
import dev.kaiwa.security.TokenSigner;
import java.time.Clock;
import java.time.Duration;

/** Builds the invite feature's beans outside the container, with what CDI and MicroProfile Config would inject. */
public final class TestingInviteServices {
    private TestingInviteServices() {
    }

    public static InviteService inviteService(CallAccess access, CallRepository calls, InviteRepository invites,
            TokenSigner signer, AuditTrail audit, Clock clock, String publicUrl, Duration defaultTtl, Duration maxTtl) {
        InviteService service = new InviteService();
        service.access = requireNonNull(access, "access is null");
        service.calls = requireNonNull(calls, "calls is null");
        service.invites = requireNonNull(invites, "invites is null");
        service.signer = requireNonNull(signer, "signer is null");
        service.audit = requireNonNull(audit, "audit is null");
        service.clock = requireNonNull(clock, "clock is null");
        service.publicUrl = requireNonNull(publicUrl, "publicUrl is null");
        service.defaultTtl = requireNonNull(defaultTtl, "defaultTtl is null");
        service.maxTtl = requireNonNull(maxTtl, "maxTtl is null");
        return service;
    }
}
