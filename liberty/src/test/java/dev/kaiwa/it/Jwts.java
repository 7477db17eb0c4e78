package dev.kaiwa.it;

import static java.nio.charset.StandardCharsets.US_ASCII;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

/**
 * Mints the JWTs a corporate SSO would issue, signed with the test issuer's private key that the
 * server trusts, and the broken variants the server must refuse. Also forges participant tokens
 * (HS256 with a key the server does not have).
 */
final class Jwts {
    static final String ISSUER = "https://kaiwa.dev/issuer";
    static final String AUDIENCE = "kaiwa";
    private static final Duration LIFETIME = Duration.ofHours(1);

    private Jwts() {
    }

    /** What the SSO issues for the user: valid for an hour from now. */
    static String valid(TestUser user) {
        Instant now = Instant.now();
        return sign(claims(user, ISSUER, now, now.plus(LIFETIME), true), testIssuerKey());
    }

    /** Expired ten minutes ago. */
    static String expired(TestUser user) {
        Instant issued = Instant.now().minus(Duration.ofMinutes(70));
        return sign(claims(user, ISSUER, issued, issued.plus(LIFETIME), true), testIssuerKey());
    }

    /** Signed with the trusted key but naming another issuer. */
    static String withIssuer(TestUser user, String issuer) {
        Instant now = Instant.now();
        return sign(claims(user, issuer, now, now.plus(LIFETIME), true), testIssuerKey());
    }

    /** All claims right, signed by a key the server never saw. */
    static String signedWithAnotherKey(TestUser user) {
        Instant now = Instant.now();
        return sign(claims(user, ISSUER, now, now.plus(LIFETIME), true), freshKey());
    }

    /** Valid, but without the organization claim. */
    static String withoutOrganization(TestUser user) {
        Instant now = Instant.now();
        return sign(claims(user, ISSUER, now, now.plus(LIFETIME), false), testIssuerKey());
    }

    /**
     * A participant token as the server would shape it (HS256, issuer {@code kaiwa}, audience
     * {@code kaiwa-participant}, the call in {@code call}), signed with a made-up key.
     */
    static String forgedParticipantToken(String callId, String participantId) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer("kaiwa")
                .audience("kaiwa-participant")
                .subject(participantId)
                .claim("call", callId)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .build();
        return signWithMadeUpSecret(claims);
    }

    /** An invite token shaped like the server's, signed with a made-up key. */
    static String forgedInviteToken(String callId, String inviteId) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer("kaiwa")
                .audience("kaiwa-invite")
                .subject(inviteId)
                .claim("call", callId)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .build();
        return signWithMadeUpSecret(claims);
    }

    /** The token with its signature's last characters changed. */
    static String tampered(String token) {
        int cut = token.length() - 4;
        String tail = token.substring(cut);
        String changed = tail.equals("AAAA") ? "BBBB" : "AAAA";
        return token.substring(0, cut) + changed;
    }

    private static JWTClaimsSet claims(TestUser user, String issuer, Instant issuedAt, Instant expiresAt,
            boolean withOrganization) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(AUDIENCE)
                .subject(user.subject())
                .claim("upn", user.subject())
                .claim("groups", user.groups())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt));
        if (withOrganization) {
            claims.claim("org", user.organization());
        }
        if (user.name() != null) {
            claims.claim("name", user.name());
        }
        if (user.email() != null) {
            claims.claim("email", user.email());
        }
        return claims.build();
    }

    private static String sign(JWTClaimsSet claims, PrivateKey key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        }
        catch (JOSEException e) {
            throw new IllegalStateException("cannot sign test JWT", e);
        }
    }

    private static String signWithMadeUpSecret(JWTClaimsSet claims) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        }
        catch (JOSEException e) {
            throw new IllegalStateException("cannot sign forged token", e);
        }
    }

    private static PrivateKey testIssuerKey() {
        try {
            String pem = Files.readString(TestServer.keysDirectory().resolve(TestKeys.PRIVATE_KEY_FILE), US_ASCII);
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

    private static PrivateKey freshKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }
}
