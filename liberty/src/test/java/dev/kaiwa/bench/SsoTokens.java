package dev.kaiwa.bench;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Signs the SSO JWTs the server accepts (issuer {@code https://kaiwa.dev/issuer}, audience
 * {@code kaiwa}, RS256) with the test issuer's private key. Tokens are signed before a level
 * starts, so signing costs nothing inside the measured time.
 */
final class SsoTokens {
    static final String ISSUER = "https://kaiwa.dev/issuer";
    static final String AUDIENCE = "kaiwa";
    static final String HOST_GROUP = "kaiwa-host";

    private final RSASSASigner signer;
    private final String organization;
    private final Duration lifetime;

    SsoTokens(RSAPrivateKey privateKey, String organization, Duration lifetime) {
        this.signer = new RSASSASigner(requireNonNull(privateKey, "privateKey is null"));
        this.organization = requireNonNull(organization, "organization is null");
        this.lifetime = requireNonNull(lifetime, "lifetime is null");
    }

    /** A token of a kaiwa-host user of the benchmark organization. */
    String host(String subject) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .claim("upn", subject)
                .claim("groups", List.of(HOST_GROUP))
                .claim("org", organization)
                .claim("name", subject)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(signer);
        }
        catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the token of " + subject, e);
        }
        return jwt.serialize();
    }
}
