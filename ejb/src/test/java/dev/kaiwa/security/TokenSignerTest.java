package dev.kaiwa.security;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.kaiwa.shared.FakeClock;
import dev.kaiwa.shared.RandomIds;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenSignerTest {
    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    private static final Instant EXPIRES = NOW.plus(Duration.ofMinutes(15));

    private final byte[] key = randomKey(32);
    private final String callId = RandomIds.newId();
    private final String subject = RandomIds.newId();

    @ParameterizedTest
    @EnumSource(TokenPurpose.class)
    void signedTokenVerifiesToTheSameClaims(TokenPurpose purpose) {
        SignedClaims claims = new SignedClaims(purpose, callId, subject, EXPIRES);

        String token = TokenSigner.sign(key, claims, NOW);

        assertThat(TokenSigner.verify(key, token, purpose, NOW)).contains(claims);
    }

    @Test
    void tokenWithATamperedPayloadIsRejected() {
        String token = TokenSigner.sign(key, claims(TokenPurpose.INVITE), NOW);
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), UTF_8);
        String otherSubject = RandomIds.newId();
        String forged = parts[0] + "." + base64Url(payload.replace(subject, otherSubject)) + "." + parts[2];

        assertThat(payload).contains(subject);
        assertThat(TokenSigner.verify(key, forged, TokenPurpose.INVITE, NOW)).isEmpty();
    }

    @Test
    void tokenWithATamperedSignatureIsRejected() {
        String token = TokenSigner.sign(key, claims(TokenPurpose.INVITE), NOW);
        int position = token.lastIndexOf('.') + 10;
        char replacement = token.charAt(position) == 'A' ? 'B' : 'A';
        String forged = token.substring(0, position) + replacement + token.substring(position + 1);

        assertThat(TokenSigner.verify(key, forged, TokenPurpose.INVITE, NOW)).isEmpty();
    }

    @Test
    void tokenSignedWithAnotherKeyIsRejected() {
        String token = TokenSigner.sign(randomKey(32), claims(TokenPurpose.PARTICIPANT), NOW);

        assertThat(TokenSigner.verify(key, token, TokenPurpose.PARTICIPANT, NOW)).isEmpty();
    }

    @Test
    void tokenIsValidUntilJustBeforeItsExpiry() {
        String token = TokenSigner.sign(key, claims(TokenPurpose.PARTICIPANT), NOW);

        assertThat(TokenSigner.verify(key, token, TokenPurpose.PARTICIPANT, EXPIRES.minusMillis(1))).isPresent();
        assertThat(TokenSigner.verify(key, token, TokenPurpose.PARTICIPANT, EXPIRES)).isEmpty();
        assertThat(TokenSigner.verify(key, token, TokenPurpose.PARTICIPANT, EXPIRES.plus(Duration.ofDays(1)))).isEmpty();
    }

    @Test
    void inviteTokenIsNotAcceptedAsParticipantToken() {
        String token = TokenSigner.sign(key, claims(TokenPurpose.INVITE), NOW);

        assertThat(TokenSigner.verify(key, token, TokenPurpose.PARTICIPANT, NOW)).isEmpty();
    }

    @Test
    void participantTokenIsNotAcceptedAsInviteToken() {
        String token = TokenSigner.sign(key, claims(TokenPurpose.PARTICIPANT), NOW);

        assertThat(TokenSigner.verify(key, token, TokenPurpose.INVITE, NOW)).isEmpty();
    }

    @Test
    void tokenWithoutCallClaimIsRejected() {
        String token = signed(JWSAlgorithm.HS256, key, validClaims().claim(TokenSigner.CALL_CLAIM, null));

        assertThat(TokenSigner.verify(key, token, TokenPurpose.INVITE, NOW)).isEmpty();
    }

    @Test
    void tokenWithANonTextCallClaimIsRejected() {
        String token = signed(JWSAlgorithm.HS256, key, validClaims().claim(TokenSigner.CALL_CLAIM, 42));

        assertThat(TokenSigner.verify(key, token, TokenPurpose.INVITE, NOW)).isEmpty();
    }

    @Test
    void tokenWithoutSubjectIsRejected() {
        String token = signed(JWSAlgorithm.HS256, key, validClaims().subject(null));

        assertThat(TokenSigner.verify(key, token, TokenPurpose.INVITE, NOW)).isEmpty();
    }

    @Test
    void tokenWithoutExpiryIsRejected() {
        String token = signed(JWSAlgorithm.HS256, key, validClaims().expirationTime(null));

        assertThat(TokenSigner.verify(key, token, TokenPurpose.INVITE, NOW)).isEmpty();
    }

    @Test
    void tokenFromAnotherIssuerIsRejected() {
        String token = signed(JWSAlgorithm.HS256, key, validClaims().issuer("someone-else"));

        assertThat(TokenSigner.verify(key, token, TokenPurpose.INVITE, NOW)).isEmpty();
        assertThat(TokenSigner.isKaiwaToken(token)).isFalse();
    }

    @Test
    void craftedTokenWithEveryExpectedClaimIsAccepted() {
        String token = signed(JWSAlgorithm.HS256, key, validClaims());

        assertThat(TokenSigner.verify(key, token, TokenPurpose.INVITE, NOW))
                .contains(new SignedClaims(TokenPurpose.INVITE, callId, subject, EXPIRES));
    }

    @Test
    void tokenSignedWithAnotherAlgorithmIsRejected() {
        byte[] longKey = randomKey(64);
        String token = signed(JWSAlgorithm.HS512, longKey, validClaims());

        assertThat(TokenSigner.verify(longKey, token, TokenPurpose.INVITE, NOW)).isEmpty();
    }

    @Test
    void unsignedTokenIsRejected() {
        String token = new PlainJWT(validClaims().build()).serialize();

        assertThat(TokenSigner.verify(key, token, TokenPurpose.INVITE, NOW)).isEmpty();
        assertThat(TokenSigner.isKaiwaToken(token)).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "garbage", "a.b.c", "..", "a.b", "a.b.c.d.e", "eyJhbGciOiJIUzI1NiJ9..",
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.", "eyJhbGciOiJIUzI1NiJ9.e30.AAAA", "e30.e30.e30",
            "bm90IGpzb24.bm90IGpzb24.bm90IGpzb24", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.AAAA", "\u0000\u0001\u0002",
            "日本語.トークン.です"})
    void garbageIsRejectedWithoutThrowing(String garbage) {
        assertThat(TokenSigner.verify(key, garbage, TokenPurpose.INVITE, NOW)).isEmpty();
        assertThat(TokenSigner.verify(key, garbage, TokenPurpose.PARTICIPANT, NOW)).isEmpty();
        assertThat(TokenSigner.isKaiwaToken(garbage)).isFalse();
    }

    @Test
    void overLongStringIsRejectedWithoutParsing() {
        String longGarbage = "a".repeat(4097);

        assertThat(TokenSigner.verify(key, longGarbage, TokenPurpose.INVITE, NOW)).isEmpty();
    }

    @Test
    void overLongTokenIsRejectedEvenWhenCorrectlySigned() {
        SignedClaims claims = new SignedClaims(TokenPurpose.INVITE, callId, "s".repeat(4096), EXPIRES);
        String token = TokenSigner.sign(key, claims, NOW);

        assertThat(token.length()).isGreaterThan(4096);
        assertThat(TokenSigner.verify(key, token, TokenPurpose.INVITE, NOW)).isEmpty();
    }

    @Test
    void signingWithAKeyShorterThan256BitsFails() {
        assertThatThrownBy(() -> TokenSigner.sign(randomKey(16), claims(TokenPurpose.INVITE), NOW))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void ownTokensAreRecognizedAsKaiwaTokens() {
        assertThat(TokenSigner.isKaiwaToken(TokenSigner.sign(key, claims(TokenPurpose.INVITE), NOW))).isTrue();
    }

    @Test
    void signerVerifiesWhatItSignedUntilItExpiresOnItsClock() {
        FakeClock clock = new FakeClock(NOW);
        TokenSigner signer = TestingTokenSigner.withKey(key, clock);
        SignedClaims claims = claims(TokenPurpose.PARTICIPANT);

        String token = signer.sign(claims);

        assertThat(signer.verify(token, TokenPurpose.PARTICIPANT)).contains(claims);
        assertThat(TokenSigner.verify(key, token, TokenPurpose.PARTICIPANT, NOW)).contains(claims);
        clock.set(EXPIRES);
        assertThat(signer.verify(token, TokenPurpose.PARTICIPANT)).isEmpty();
    }

    @Test
    void signersWithDifferentKeysDoNotAcceptEachOthersTokens() {
        FakeClock clock = new FakeClock(NOW);
        TokenSigner one = TestingTokenSigner.withKey(key, clock);
        TokenSigner other = TestingTokenSigner.withKey(randomKey(32), clock);

        assertThat(other.verify(one.sign(claims(TokenPurpose.INVITE)), TokenPurpose.INVITE)).isEmpty();
    }

    private SignedClaims claims(TokenPurpose purpose) {
        return new SignedClaims(purpose, callId, subject, EXPIRES);
    }

    /** Claims as {@link TokenSigner#sign} writes them for an invite, for tests that then break one. */
    private JWTClaimsSet.Builder validClaims() {
        return new JWTClaimsSet.Builder()
                .issuer(TokenSigner.ISSUER)
                .audience(TokenPurpose.INVITE.audience())
                .subject(subject)
                .claim(TokenSigner.CALL_CLAIM, callId)
                .issueTime(Date.from(NOW))
                .expirationTime(Date.from(EXPIRES));
    }

    private static String signed(JWSAlgorithm algorithm, byte[] key, JWTClaimsSet.Builder claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims.build());
            jwt.sign(new MACSigner(key));
            return jwt.serialize();
        }
        catch (JOSEException e) {
            throw new AssertionError("cannot sign test token", e);
        }
    }

    private static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(UTF_8));
    }

    private static byte[] randomKey(int bytes) {
        byte[] key = new byte[bytes];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
