package dev.kaiwa.bench;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Signs the SSO JWTs the server accepts (issuer {@code https://kaiwa.dev/issuer}, audience
 * {@code kaiwa}, RS256) with the private key of the test SSO issuer, the pair the build creates
 * for the tests of the assembled server before the server starts. Tokens are signed before a level
 * starts, so signing costs nothing inside the measured time.
 */
final class SsoTokens {
    static final String ISSUER = "https://kaiwa.dev/issuer";
    static final String AUDIENCE = "kaiwa";
    static final String HOST_GROUP = "kaiwa-host";
    static final String ADMIN_GROUP = "kaiwa-admin";
    /** PKCS#8 PEM, next to the public key the server trusts. */
    static final String PRIVATE_KEY_FILE = "dev-jwt-private.pem";

    private final RSASSASigner signer;
    private final String organization;
    private final Duration lifetime;

    private SsoTokens(RSAPrivateKey privateKey, String organization, Duration lifetime) {
        this.signer = new RSASSASigner(requireNonNull(privateKey, "privateKey is null"));
        this.organization = requireNonNull(organization, "organization is null");
        this.lifetime = requireNonNull(lifetime, "lifetime is null");
    }

    static SsoTokens fromKeyDirectory(Path directory, String organization, Duration lifetime)
            throws IOException, GeneralSecurityException {
        String text = Files.readString(directory.resolve(PRIVATE_KEY_FILE), US_ASCII)
                .replaceAll("-----[A-Z ]+-----", "")
                .replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(text)));
        return new SsoTokens((RSAPrivateKey) key, organization, lifetime);
    }

    /** A token of a kaiwa-host user of the benchmark organization. */
    String host(String subject) {
        return token(subject, HOST_GROUP);
    }

    /** A token of a kaiwa-admin user of the benchmark organization, who may join its calls as a moderator. */
    String admin(String subject) {
        return token(subject, ADMIN_GROUP);
    }

    private String token(String subject, String group) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .claim("upn", subject)
                .claim("groups", List.of(group))
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
