package dev.kaiwa.security;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.kaiwa.shared.FakeClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevTokenIssuerTest {
    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    @TempDir
    Path keyDir;

    @Test
    void firstLoadCreatesOwnerOnlyPemFiles() throws Exception {
        PrivateKey key = DevTokenIssuer.loadOrGenerate(keyDir);

        Path privateFile = keyDir.resolve(DevTokenIssuer.PRIVATE_KEY_FILE);
        Path publicFile = keyDir.resolve(DevTokenIssuer.PUBLIC_KEY_FILE);
        assertThat(key.getAlgorithm()).isEqualTo("RSA");
        assertThat(Files.readString(privateFile, US_ASCII)).startsWith("-----BEGIN PRIVATE KEY-----\n")
                .endsWith("-----END PRIVATE KEY-----\n");
        assertThat(Files.readString(publicFile, US_ASCII)).startsWith("-----BEGIN PUBLIC KEY-----\n")
                .endsWith("-----END PUBLIC KEY-----\n");
        assertThat(permissions(privateFile)).isEqualTo("rw-------");
        assertThat(permissions(publicFile)).isEqualTo("rw-------");
    }

    @Test
    void secondLoadReusesTheStoredKeyPair() throws Exception {
        PrivateKey first = DevTokenIssuer.loadOrGenerate(keyDir);
        String privatePem = Files.readString(keyDir.resolve(DevTokenIssuer.PRIVATE_KEY_FILE));
        String publicPem = Files.readString(keyDir.resolve(DevTokenIssuer.PUBLIC_KEY_FILE));

        PrivateKey second = DevTokenIssuer.loadOrGenerate(keyDir);

        assertThat(second.getEncoded()).isEqualTo(first.getEncoded());
        assertThat(Files.readString(keyDir.resolve(DevTokenIssuer.PRIVATE_KEY_FILE))).isEqualTo(privatePem);
        assertThat(Files.readString(keyDir.resolve(DevTokenIssuer.PUBLIC_KEY_FILE))).isEqualTo(publicPem);
    }

    @Test
    void issuedTokenVerifiesWithThePublishedPublicKey() throws Exception {
        DevTokenIssuer issuer = new DevTokenIssuer();
        issuer.keyDir = keyDir.toString();
        issuer.issuer = "https://kaiwa.dev/issuer";
        issuer.audiences = "kaiwa, other";
        issuer.organizationClaim = "org";
        issuer.clock = new FakeClock(NOW);

        DevTokenIssuer.IssuedToken issued = issuer.issue("alice", List.of("kaiwa-host"), "acme", "Alice", "alice@acme.test");

        SignedJWT jwt = SignedJWT.parse(issued.token());
        assertThat(jwt.verify(new RSASSAVerifier(publicKey(keyDir.resolve(DevTokenIssuer.PUBLIC_KEY_FILE))))).isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("https://kaiwa.dev/issuer");
        assertThat(claims.getAudience()).containsExactly("kaiwa");
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getStringClaim("upn")).isEqualTo("alice");
        assertThat(claims.getStringListClaim("groups")).containsExactly("kaiwa-host");
        assertThat(claims.getStringClaim("org")).isEqualTo("acme");
        assertThat(claims.getStringClaim("email")).isEqualTo("alice@acme.test");
        assertThat(claims.getExpirationTime()).isEqualTo(Date.from(NOW.plus(Duration.ofHours(8))));
        assertThat(issued.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(8)));
    }

    /** The file's permissions as in {@code ls -l}; owner-only key files are a POSIX notion. */
    private static String permissions(Path file) throws IOException {
        assertThat(file.getFileSystem().supportedFileAttributeViews())
                .as("checking owner-only key files needs a file system with POSIX permissions").contains("posix");
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    private static RSAPublicKey publicKey(Path pem) throws Exception {
        String base64 = Files.readString(pem, US_ASCII).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
