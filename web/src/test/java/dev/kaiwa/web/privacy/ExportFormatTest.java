package dev.kaiwa.web.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaiwa.shared.DomainException;
import dev.kaiwa.shared.ErrorCode;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExportFormatTest {
    private static final MediaType ZIP = new MediaType("application", "zip");
    private static final MediaType PROBLEM = new MediaType("application", "problem+json");

    @Test
    void theFieldDecidesWhateverTheAcceptHeaderSays() {
        assertThat(ExportFormat.choose("ZIP", List.of(MediaType.APPLICATION_JSON_TYPE))).isEqualTo(ExportFormat.ZIP);
        assertThat(ExportFormat.choose("JSON", List.of(ZIP))).isEqualTo(ExportFormat.JSON);
    }

    @Test
    void withoutTheFieldTheMostPreferredAcceptableTypeDecides() {
        assertThat(ExportFormat.choose(null, List.of(ZIP, MediaType.APPLICATION_JSON_TYPE))).isEqualTo(ExportFormat.ZIP);
        assertThat(ExportFormat.choose(null, List.of(MediaType.APPLICATION_JSON_TYPE, ZIP))).isEqualTo(ExportFormat.JSON);
        assertThat(ExportFormat.choose(null, List.of(MediaType.TEXT_HTML_TYPE, ZIP))).as("HTML is not offered")
                .isEqualTo(ExportFormat.ZIP);
    }

    @Test
    void wildcardsAndNoAcceptHeaderGetJson() {
        assertThat(ExportFormat.choose(null, List.of(MediaType.WILDCARD_TYPE))).isEqualTo(ExportFormat.JSON);
        assertThat(ExportFormat.choose(null, List.of(new MediaType("application", "*")))).isEqualTo(ExportFormat.JSON);
        assertThat(ExportFormat.choose(null, List.of())).isEqualTo(ExportFormat.JSON);
        assertThat(ExportFormat.choose(null, List.of(PROBLEM, new MediaType("*", "*", Map.of("q", "0.8")))))
                .isEqualTo(ExportFormat.JSON);
    }

    @Test
    void unknownFormatIsAFieldError() {
        assertThatThrownBy(() -> ExportFormat.choose("CSV", List.of()))
                .isInstanceOfSatisfying(DomainException.class, refusal -> {
                    assertThat(refusal.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(refusal.fieldErrors()).singleElement()
                            .satisfies(error -> assertThat(error.field()).isEqualTo("format"));
                });
    }

    @Test
    void eachFormatNamesItsMediaType() {
        assertThat(ExportFormat.JSON.mediaType()).isEqualTo(MediaType.APPLICATION_JSON_TYPE);
        assertThat(ExportFormat.ZIP.mediaType()).isEqualTo(ZIP);
    }
}
