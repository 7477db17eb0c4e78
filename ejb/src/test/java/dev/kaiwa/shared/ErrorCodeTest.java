package dev.kaiwa.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The error catalogue is public API: names and type URIs are what clients switch on. */
class ErrorCodeTest {
    private static final Map<ErrorCategory, Integer> STATUS = expectedStatuses();

    private static Map<ErrorCategory, Integer> expectedStatuses() {
        Map<ErrorCategory, Integer> statuses = new EnumMap<>(ErrorCategory.class);
        statuses.put(ErrorCategory.INVALID, 400);
        statuses.put(ErrorCategory.UNAUTHENTICATED, 401);
        statuses.put(ErrorCategory.FORBIDDEN, 403);
        statuses.put(ErrorCategory.NOT_FOUND, 404);
        statuses.put(ErrorCategory.CONFLICT, 409);
        statuses.put(ErrorCategory.GONE, 410);
        statuses.put(ErrorCategory.TOO_LARGE, 413);
        statuses.put(ErrorCategory.RANGE_NOT_SATISFIABLE, 416);
        statuses.put(ErrorCategory.TOO_MANY, 429);
        statuses.put(ErrorCategory.UNAVAILABLE, 503);
        statuses.put(ErrorCategory.INTERNAL, 500);
        return statuses;
    }

    @Test
    void namesAreUniqueIgnoringCase() {
        Set<String> names = Arrays.stream(ErrorCode.values())
                .map(code -> code.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());

        assertThat(names).hasSize(ErrorCode.values().length);
    }

    @Test
    void typeUrisAreUnique() {
        Set<String> uris = Arrays.stream(ErrorCode.values()).map(ErrorCode::typeUri).collect(Collectors.toSet());

        assertThat(uris).hasSize(ErrorCode.values().length);
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void typeUriIsAnAbsoluteHttpsUriUnderTheProblemsPath(ErrorCode code) {
        URI uri = URI.create(code.typeUri());

        assertThat(uri.isAbsolute()).isTrue();
        assertThat(uri.getScheme()).isEqualTo("https");
        assertThat(uri.getHost()).isEqualTo("kaiwa.dev");
        assertThat(uri.getPath()).matches("/problems/[a-z0-9]+(-[a-z0-9]+)*");
        assertThat(uri.getQuery()).isNull();
        assertThat(uri.getFragment()).isNull();
        assertThat(uri.toString()).isEqualTo(uri.normalize().toString());
    }

    @Test
    void typeUriIsTheNameInKebabCase() {
        assertThat(ErrorCode.CALL_NOT_FOUND.typeUri()).isEqualTo("https://kaiwa.dev/problems/call-not-found");
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void everyCodeHasATitle(ErrorCode code) {
        assertThat(code.title()).isNotBlank().isEqualTo(code.title().strip());
        assertThat(code.category()).isNotNull();
    }

    @ParameterizedTest
    @EnumSource(ErrorCategory.class)
    void categoryMapsToItsHttpStatus(ErrorCategory category) {
        assertThat(STATUS).containsOnlyKeys(ErrorCategory.values());
        assertThat(category.httpStatus()).isEqualTo(STATUS.get(category));
    }

    @ParameterizedTest
    @EnumSource(ErrorCategory.class)
    void everyCategoryIsUsedByACode(ErrorCategory category) {
        assertThat(ErrorCode.values()).anyMatch(code -> code.category() == category);
    }

    @Test
    void domainExceptionForAFieldCarriesTheFieldAndValidationFailed() {
        DomainException e = DomainException.invalidField("limit", "must be between 1 and 100");

        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(e.fieldErrors()).containsExactly(new FieldError("limit", "must be between 1 and 100"));
        assertThat(e.getMessage()).isEqualTo("Invalid value for limit");
    }
}
