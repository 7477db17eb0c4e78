package dev.kaiwa.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.kaiwa.shared.RandomIds;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Signs and verifies the tokens Kaiwa itself hands out (invites, participant tokens) with HMAC-SHA256.
 * Verification checks signature, issuer, audience (the purpose) and expiry; state such as revocation
 * is checked by the feature that owns it.
 */
@ApplicationScoped
public class TokenSigner {
    static final String ISSUER = "kaiwa";
    static final String CALL_CLAIM = "call";

    @Inject
    @ConfigProperty(name = "kaiwa.token.signing-key")
    Optional<String> inlineKey;

    @Inject
    @ConfigProperty(name = "kaiwa.token.signing-key-file")
    Optional<String> keyFile;

    @Inject
    @ConfigProperty(name = "kaiwa.keys.generate", defaultValue = "true")
    boolean generateKeys;

    @Inject
    @ConfigProperty(name = "kaiwa.data-dir", defaultValue = "kaiwa-data")
    String dataDir;

    @Inject
    Clock clock;

    private byte[] key;

    @PostConstruct
    void loadKey() {
        key = TokenKeys.resolve(inlineKey, keyFile, generateKeys, Path.of(dataDir));
    }

    /** Signs a token; exposed for tests that need a key in hand. */
    public static String sign(byte[] key, SignedClaims claims, Instant issuedAt) {
        JWTClaimsSet set = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(claims.purpose().audience())
                .subject(claims.subject())
                .claim(CALL_CLAIM, claims.callId())
                .jwtID(RandomIds.randomToken(12))
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(claims.expiresAt()))
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), set);
            jwt.sign(new MACSigner(key));
            return jwt.serialize();
        }
        catch (JOSEException e) {
            throw new IllegalStateException("cannot sign token", e);
        }
    }

    /** Verifies a token against a key; empty when it is not a valid token of that purpose at {@code now}. */
    public static Optional<SignedClaims> verify(byte[] key, String token, TokenPurpose purpose, Instant now) {
        if (token == null || token.length() > 4096) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new MACVerifier(key))) {
                return Optional.empty();
            }
            JWTClaimsSet set = jwt.getJWTClaimsSet();
            Date expires = set.getExpirationTime();
            Object callId = set.getClaim(CALL_CLAIM);
            if (!ISSUER.equals(set.getIssuer()) || set.getAudience() == null
                    || !set.getAudience().contains(purpose.audience()) || expires == null
                    || !now.isBefore(expires.toInstant()) || !(callId instanceof String)
                    || set.getSubject() == null) {
                return Optional.empty();
            }
            return Optional.of(new SignedClaims(purpose, (String) callId, set.getSubject(), expires.toInstant()));
        }
        catch (ParseException | JOSEException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    public String sign(SignedClaims claims) {
        return sign(key, claims, clock.instant());
    }

    public Optional<SignedClaims> verify(String token, TokenPurpose purpose) {
        return verify(key, token, purpose, clock.instant());
    }

    /** Looks like a token this server signs (cheap check before verifying). */
    public static boolean isKaiwaToken(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            return JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())
                    && ISSUER.equals(jwt.getJWTClaimsSet().getIssuer());
        }
        catch (ParseException | RuntimeException e) {
            return false;
        }
    }
}
