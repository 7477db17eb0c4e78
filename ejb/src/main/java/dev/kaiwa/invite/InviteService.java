package dev.kaiwa.invite;

import dev.kaiwa.audit.AuditAction;
import dev.kaiwa.audit.AuditResourceType;
import dev.kaiwa.audit.AuditTrail;
import dev.kaiwa.call.Call;
import dev.kaiwa.call.CallAccess;
import dev.kaiwa.call.CallEvent;
import dev.kaiwa.call.CallEventType;
import dev.kaiwa.call.CallPermissions;
import dev.kaiwa.call.CallRepository;
import dev.kaiwa.security.SignedClaims;
import dev.kaiwa.security.TokenPurpose;
import dev.kaiwa.security.TokenSigner;
import dev.kaiwa.shared.Actor;
import dev.kaiwa.shared.DomainException;
import dev.kaiwa.shared.ErrorCode;
import dev.kaiwa.shared.RandomIds;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Invites people without SSO: signed, call-scoped, expiring tokens behind a join link built on
 * {@code kaiwa.public-url}, with the token in the URL fragment so it never reaches a server log.
 */
@Stateless
public class InviteService {
    @Inject
    CallAccess access;

    @Inject
    CallRepository calls;

    @Inject
    InviteRepository invites;

    @Inject
    TokenSigner signer;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "kaiwa.public-url", defaultValue = "http://localhost:9080")
    String publicUrl;

    @Inject
    @ConfigProperty(name = "kaiwa.invite.default-ttl", defaultValue = "P7D")
    Duration defaultTtl;

    @Inject
    @ConfigProperty(name = "kaiwa.invite.max-ttl", defaultValue = "P30D")
    Duration maxTtl;

    public IssuedInvite createInvite(Actor actor, String callId, InviteDraft draft) {
        CallPermissions permissions = access.visibleForUpdate(actor, callId);
        if (!permissions.isHost() || !permissions.participant().get().role().mayInviteAs(draft.role())) {
            throw new DomainException(permissions.isHost() ? ErrorCode.ROLE_NOT_GRANTABLE : ErrorCode.FORBIDDEN,
                    permissions.isHost() ? "An invite grants at most CO_HOST" : "Only the call's hosts may invite");
        }
        Call call = permissions.call();
        if (call.status().isTerminal()) {
            throw new DomainException(ErrorCode.CALL_ALREADY_ENDED, "The call is " + call.status());
        }
        Duration ttl = draft.expiresIn().orElse(defaultTtl);
        if (ttl.compareTo(Duration.ofMinutes(1)) < 0 || ttl.compareTo(maxTtl) > 0) {
            throw DomainException.invalidField("expiresIn", "must be between 60 and " + maxTtl.toSeconds() + " seconds");
        }
        Instant now = clock.instant();
        Invite invite = new Invite(callId, draft.displayName(), draft.email(), draft.role(), draft.singleUse(),
                actor.reference(), now, now.plus(ttl));
        invites.add(invite);
        calls.addEvent(new CallEvent(callId, CallEventType.INVITE_CREATED, now, actor.reference(), null,
                "invite " + invite.id() + " as " + invite.role()));
        String token = signer.sign(new SignedClaims(TokenPurpose.INVITE, callId, invite.id(), invite.expiresAt()));
        return new IssuedInvite(invite, token, joinUrl(callId, token));
    }

    public List<Invite> listInvites(Actor actor, String callId) {
        requireHost(actor, callId);
        return invites.list(callId);
    }

    public Invite revokeInvite(Actor actor, String callId, String inviteId) {
        CallPermissions permissions = requireHost(actor, callId);
        Invite invite = find(callId, inviteId);
        Instant now = clock.instant();
        if (invite.revokedAt().isEmpty()) {
            invite.revoke(InviteRevocation.REVOKED, now);
            calls.addEvent(new CallEvent(callId, CallEventType.INVITE_REVOKED, now, actor.reference(), null,
                    "invite " + invite.id()));
            audit.record(permissions.audited(actor).did(AuditAction.INVITE_REVOKED, AuditResourceType.INVITE,
                    invite.id()).with("callId", callId).with("role", invite.role()));
        }
        return invite;
    }

    private Invite find(String callId, String inviteId) {
        if (!RandomIds.isWellFormed(inviteId)) {
            throw new DomainException(ErrorCode.INVITE_NOT_FOUND, "No such invite in this call");
        }
        return invites.find(callId, inviteId)
                .orElseThrow(() -> new DomainException(ErrorCode.INVITE_NOT_FOUND, "No such invite in this call"));
    }

    private CallPermissions requireHost(Actor actor, String callId) {
        CallPermissions permissions = access.visible(actor, callId);
        if (!permissions.isHost()) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Only the call's hosts may manage invites");
        }
        return permissions;
    }

    private String joinUrl(String callId, String token) {
        String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        return base + "/call/" + callId + "#invite=" + token;
    }
}
