package dev.kaiwa.web.security;

import dev.kaiwa.recording.RecorderCredential;
import dev.kaiwa.security.SignedClaims;
import dev.kaiwa.security.TokenPurpose;
import dev.kaiwa.security.TokenSigner;
import dev.kaiwa.shared.Actor;
import dev.kaiwa.shared.Caller;
import dev.kaiwa.shared.DomainException;
import dev.kaiwa.shared.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Works out who is calling. SSO users are authenticated by the MP-JWT runtime (an invalid SSO token
 * leaves the request anonymous, which this class reports as 401); participant tokens are Kaiwa's own
 * and verified here. Every resource is open at the container level so that every refusal is a
 * problem+json response from one place.
 */
@ApplicationScoped
public class Authenticator {
    private static final Set<String> KAIWA_GROUPS = Set.of(Caller.ADMIN, Caller.HOST, Caller.AUDITOR, Caller.USER);

    @Inject
    TokenSigner signer;

    @Inject
    @ConfigProperty(name = "kaiwa.jwt.org-claim", defaultValue = "org")
    String organizationClaim;

    /** The SSO user, or 401/403 problems. */
    public Caller requireCaller(SecurityContext security, HttpHeaders headers) {
        Principal principal = security.getUserPrincipal();
        if (!(principal instanceof JsonWebToken jwt)) {
            String detail = bearer(headers).isPresent() ? "The bearer token is not valid (forged, expired or from an unknown issuer)"
                    : "A bearer token is required";
            throw new DomainException(ErrorCode.UNAUTHENTICATED, detail);
        }
        String org = claimText(jwt, organizationClaim);
        if (org == null || org.isBlank()) {
            throw new DomainException(ErrorCode.ORGANIZATION_MISSING, "The token has no '" + organizationClaim + "' claim");
        }
        Set<String> groups = new LinkedHashSet<>();
        Collection<String> tokenGroups = jwt.getGroups();
        if (tokenGroups != null) {
            tokenGroups.stream().filter(KAIWA_GROUPS::contains).forEach(groups::add);
        }
        if (groups.isEmpty()) {
            throw new DomainException(ErrorCode.FORBIDDEN, "The token carries none of the Kaiwa groups " + KAIWA_GROUPS);
        }
        String subject = jwt.getSubject() != null ? jwt.getSubject() : jwt.getName();
        requireLength("sub", subject, Caller.MAX_SUBJECT);
        requireLength(organizationClaim, org, Caller.MAX_ORGANIZATION);
        String email = claimText(jwt, "email");
        requireLength("email", email, Caller.MAX_EMAIL);
        return new Caller(subject, org, groups, claimText(jwt, "name"), email);
    }

    /**
     * The actor on a call-scoped resource: a participant token for that call, or an SSO user.
     */
    public Actor requireActor(String callId, SecurityContext security, HttpHeaders headers) {
        Optional<String> token = bearer(headers);
        if (token.isPresent() && TokenSigner.isKaiwaToken(token.get())) {
            SignedClaims claims = signer.verify(token.get(), TokenPurpose.PARTICIPANT)
                    .orElseThrow(() -> new DomainException(ErrorCode.PARTICIPANT_TOKEN_INVALID,
                            "The participant token is forged, expired or not a participant token"));
            return new Actor.Guest(claims.callId(), claims.subject());
        }
        return new Actor.User(requireCaller(security, headers));
    }

    /**
     * The uploader of a recording's media: a recorder token (handed to the recorder with the start) or a
     * participant token; the recording service checks that it is the recording's recorder.
     */
    public RecorderCredential requireRecorder(HttpHeaders headers) {
        String token = bearer(headers).filter(TokenSigner::isKaiwaToken).orElseThrow(() -> new DomainException(
                ErrorCode.UNAUTHENTICATED, "Uploads need the recorder token or the recorder's participant token"));
        Optional<SignedClaims> recorder = signer.verify(token, TokenPurpose.RECORDER);
        if (recorder.isPresent()) {
            return new RecorderCredential.ForRecording(recorder.get().callId(), recorder.get().subject());
        }
        SignedClaims participant = signer.verify(token, TokenPurpose.PARTICIPANT)
                .orElseThrow(() -> new DomainException(ErrorCode.PARTICIPANT_TOKEN_INVALID,
                        "The token is forged, expired, or neither a recorder nor a participant token"));
        return new RecorderCredential.Participant(participant.callId(), participant.subject());
    }

    /** Whether the request carries any bearer token. */
    public boolean hasBearer(HttpHeaders headers) {
        return bearer(headers).isPresent();
    }

    public static Optional<String> bearer(HttpHeaders headers) {
        String value = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (value == null || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = value.substring(7).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    private static void requireLength(String claim, String value, int max) {
        if (value != null && value.length() > max) {
            throw new DomainException(ErrorCode.UNAUTHENTICATED, "The token's '" + claim + "' claim is longer than " + max
                    + " characters");
        }
    }

    /** A string claim, whether the runtime hands it out as a String or as a JSON string value. */
    private static String claimText(JsonWebToken jwt, String claim) {
        Object value = jwt.getClaim(claim);
        if (value instanceof jakarta.json.JsonString json) {
            return json.getString();
        }
        return value == null ? null : value.toString();
    }
}
