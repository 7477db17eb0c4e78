package dev.kaiwa.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageTest {
    @Test
    void missingLimitMeansTwenty() {
        assertThat(Page.checkLimit(null)).isEqualTo(20);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 20, 99, 100})
    void limitsFromOneToHundredAreKept(int limit) {
        assertThat(Page.checkLimit(limit)).isEqualTo(limit);
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 101, 1000, Integer.MAX_VALUE})
    void limitsOutsideOneToHundredAreAValidationErrorOnLimit(int limit) {
        assertThatThrownBy(() -> Page.checkLimit(limit))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.fieldErrors()).extracting(FieldError::field).containsExactly("limit");
                });
    }

    @Test
    void pageKeepsItsOwnCopyOfTheItems() {
        List<String> items = new ArrayList<>(List.of("a", "b"));
        Page<String> page = new Page<>(items, Optional.empty());

        items.add("c");

        assertThat(page.items()).containsExactly("a", "b");
    }
}
