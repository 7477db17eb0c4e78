package dev.kaiwa.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RandomIdsTest {
    @Test
    void newIdIs32UrlSafeCharacters() {
        String id = RandomIds.newId();

        assertThat(id).hasSize(32).matches("[A-Za-z0-9_-]{32}");
        assertThat(RandomIds.isWellFormed(id)).isTrue();
    }

    @Test
    void newIdsDoNotRepeat() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(RandomIds.newId());
        }

        assertThat(ids).hasSize(100_000);
    }

    @Test
    void newIdsUseTheWholeAlphabet() {
        Set<Character> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            RandomIds.newId().chars().forEach(character -> seen.add((char) character));
        }

        assertThat(seen).as("letters, digits, '-' and '_'").hasSize(64);
    }

    @Test
    void randomTokenIsUnpaddedUrlSafeBase64OfTheGivenLength() {
        assertThat(RandomIds.randomToken(12)).matches("[A-Za-z0-9_-]{16}");
        assertThat(RandomIds.randomToken(32)).matches("[A-Za-z0-9_-]{43}");
        assertThat(RandomIds.randomToken(1)).matches("[A-Za-z0-9_-]{2}");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA ", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAé",
            "../../../../../../../etc/passwd"})
    void malformedIdsAreRecognized(String id) {
        assertThat(RandomIds.isWellFormed(id)).isFalse();
    }
}
