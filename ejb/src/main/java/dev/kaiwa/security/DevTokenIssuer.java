package dev.kaiwa.security;

import static java.nio.charset.StandardCharsets.US_ASCII;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.kaiwa.shared.RandomIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Mints SSO-like JWTs for demos and local development, signed with an RSA key whose public half the
 * server's MP-JWT configuration trusts by default. Generates the key pair on first use (owner-only
 * files under {@code kaiwa.dev.jwt-key-dir}); whether the endpoint is served at all is decided by
 * {@code kaiwa.dev.tokens}, never set by a production configuration.
 */
@ApplicationScoped
public class DevTokenIssuer {
    public static final String PRIVATE_KEY_FILE = "dev-jwt-private.pem";
    public static final String PUBLIC_KEY_FILE = "dev-jwt-public.pem";
    private static final Duration LIFETIME = Duration.ofHours(8);

    @Inject
    @ConfigProperty(name = "kaiwa.dev.jwt-key-dir", defaultValue = "kaiwa-data/keys")
    String keyDir;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer", defaultValue = "https://kaiwa.dev/issuer")
    String issuer;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.audiences", defaultValue = "kaiwa")
    String audiences;

    @Inject
    @ConfigProperty(name = "kaiwa.jwt.org-claim", defaultValue = "org")
    String organizationClaim;

    @Inject
    Clock clock;

    private PrivateKey privateKey;

    /** A signed JWT for the subject, valid for eight hours. */
    public IssuedToken issue(String subject, List<String> groups, String organization, String name, String email) {
        Instant now = clock.instant();
        Instant expires = now.plus(LIFETIME);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audiences.split(",")[0].strip())
                .subject(subject)
                .claim("upn", subject)
                .claim("groups", groups)
                .jwtID(RandomIds.randomToken(12))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expires));
        if (organization != null) {
            claims.claim(organizationClaim, organization);
        }
        if (name != null) {
            claims.claim("name", name);
        }
        if (email != null) {
            claims.claim("email", email);
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(),
                    claims.build());
            jwt.sign(new RSASSASigner(privateKey()));
            return new IssuedToken(jwt.serialize(), expires);
        }
        catch (JOSEException e) {
            throw new IllegalStateException("cannot sign dev token", e);
        }
    }

    /** Makes sure the key pair exists, so the MP-JWT runtime finds the public key before the first token. */
    public synchronized void ensureKeys() {
        privateKey();
    }

    private synchronized PrivateKey privateKey() {
        if (privateKey == null) {
            privateKey = loadOrGenerate(Path.of(keyDir));
        }
        return privateKey;
    }

    static PrivateKey loadOrGenerate(Path directory) {
        Path privateFile = directory.resolve(PRIVATE_KEY_FILE);
        Path publicFile = directory.resolve(PUBLIC_KEY_FILE);
        try {
            if (!Files.exists(privateFile)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                KeyFiles.createOwnerOnly(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                if (!Files.exists(publicFile)) {
                    KeyFiles.createOwnerOnly(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
                }
            }
            String text = new String(KeyFiles.read(privateFile), US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(text)));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load dev token key from " + directory, e);
        }
    }

    public static byte[] pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return ("-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n").getBytes(US_ASCII);
    }

    /** A minted token and when it expires. */
    public record IssuedToken(String token, Instant expiresAt) {
    }
}
