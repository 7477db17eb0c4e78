package dev.kaiwa.browser;

import static java.nio.charset.StandardCharsets.US_ASCII;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Signs the SSO JWTs of host users (issuer {@code https://kaiwa.dev/issuer}, audience {@code kaiwa}, RS256,
 * group {@code kaiwa-host}) with the private key of the test SSO issuer that the server trusts.
 */
final class SsoTokens {
    private static final String ISSUER = "https://kaiwa.dev/issuer";
    private static final String AUDIENCE = "kaiwa";
    private static final String PRIVATE_KEY_FILE = "dev-jwt-private.pem";
    private static final Duration LIFETIME = Duration.ofHours(1);

    private SsoTokens() {
    }

    /** A valid token of a {@code kaiwa-host} user of {@code organization}, minted now. */
    static String host(String subject, String name, String organization) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .claim("upn", subject)
                .claim("groups", List.of("kaiwa-host"))
                .claim("org", organization)
                .claim("name", name)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new RSASSASigner(privateKey()));
        }
        catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the token of " + subject, e);
        }
        return jwt.serialize();
    }

    private static PrivateKey privateKey() {
        try {
            String pem = Files.readString(BrowserTestSettings.keysDirectory().resolve(PRIVATE_KEY_FILE), US_ASCII);
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read the test issuer's private key", e);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the test issuer's private key", e);
        }
    }
}
