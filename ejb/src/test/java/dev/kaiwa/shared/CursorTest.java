package dev.kaiwa.shared;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EmptySource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CursorTest {
    private static final String ID = "abcdefghijklmnopqrstuvwxyz012345";

    static Stream<Instant> instants() {
        return Stream.of(Instant.parse("2026-03-02T09:15:30.123456Z"), Instant.parse("2026-03-02T09:15:30Z"),
                Instant.parse("2026-03-02T09:15:30.123456789Z"), Instant.EPOCH, Instant.parse("1969-12-31T23:59:59.5Z"),
                Instant.MIN, Instant.MAX);
    }

    @ParameterizedTest
    @MethodSource("instants")
    void encodedCursorDecodesToItself(Instant at) {
        Cursor cursor = new Cursor(at, ID);

        assertThat(Cursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @ParameterizedTest
    @MethodSource("instants")
    void encodedCursorIsUrlSafe(Instant at) {
        assertThat(new Cursor(at, ID).encode()).matches("[A-Za-z0-9_-]+");
    }

    @ParameterizedTest
    @EmptySource
    @ValueSource(strings = {" ", "!!!", "a", "abc=", "%2F%2F", "not a cursor", "....", "AAAA",
            "eyJ0aW1lIjoxfQ", "\u0000", "日本語"})
    void garbageIsAValidationError(String encoded) {
        assertRejected(encoded);
    }

    static Stream<String> plainTextThatIsNotACursor() {
        return Stream.of("", "1", "1.2", "1.2.", "1.2.short", "1.2." + ID + "x", "1.2." + ID.substring(1) + "+",
                "x.0." + ID, "1.x." + ID, ".0." + ID, "1.." + ID, "1.-1." + ID, "1.1000000000." + ID,
                "1.99999999999." + ID, "99999999999999999999.0." + ID, "31556889864403200.0." + ID,
                "-31557014167219201.0." + ID, "1.5e3." + ID, "0x10.0." + ID, "1.0." + ID + ".extra", " 1.0." + ID,
                "1 .0." + ID);
    }

    @ParameterizedTest
    @MethodSource("plainTextThatIsNotACursor")
    void plainTextThatIsNotACursorIsAValidationError(String plain) {
        assertRejected(Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 100, 10_000})
    void overLongInputIsAValidationError(int repeat) {
        assertRejected("QUFB".repeat(repeat));
    }

    private static void assertRejected(String encoded) {
        Throwable thrown = catchThrowable(() -> Cursor.decode(encoded));

        assertThat(thrown).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
            assertThat(e.fieldErrors()).extracting(FieldError::field).containsExactly("cursor");
        });
    }
}
