package dev.kaiwa.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.regex.Pattern;

/** Assertions on RFC 9457 problem responses as the contract shapes them. */
public final class Problems {
    public static final String PROBLEM_JSON = "application/problem+json";
    private static final Pattern STACK_FRAME =
            Pattern.compile("at [a-z][\\w$]*(\\.[\\w$]+)+\\([\\w$]+\\.java:\\d+\\)");

    private Problems() {
    }

    /**
     * Asserts a problem response with this status and code: problem+json, {@code status} in the
     * body equal to the HTTP status, {@code title} and {@code type} present. Returns the body.
     */
    public static JsonObject assertProblem(ApiResponse response, int status, String code) {
        JsonObject problem = assertProblem(response, status);
        assertThat(problem.getString("code", null)).as("code of %s", response).isEqualTo(code);
        return problem;
    }

    /** Like {@link #assertProblem(ApiResponse, int, String)} when several codes are acceptable. */
    public static JsonObject assertProblemWithAnyCode(ApiResponse response, int status, String... codes) {
        JsonObject problem = assertProblem(response, status);
        assertThat(problem.getString("code", null)).as("code of %s", response).isIn((Object[]) codes);
        return problem;
    }

    /** A status and code the contract allows for one situation. */
    public record Expected(int status, String code) {
    }

    public static Expected problem(int status, String code) {
        return new Expected(status, code);
    }

    /** Asserts a problem response matching one of the documented outcomes, e.g. 401 or 409 for a closed call's invite. */
    public static JsonObject assertOneOf(ApiResponse response, Expected... outcomes) {
        for (Expected outcome : outcomes) {
            if (outcome.status() == response.status()) {
                return assertProblem(response, outcome.status(), outcome.code());
            }
        }
        throw new AssertionError("Expected one of " + List.of(outcomes) + " from " + response.describe());
    }

    /** A 400 VALIDATION_FAILED problem that names {@code field} among its errors. */
    public static JsonObject assertFieldError(ApiResponse response, String field) {
        JsonObject problem = assertProblem(response, 400, "VALIDATION_FAILED");
        assertThat(fields(problem)).as("error fields of %s", response).contains(field);
        return problem;
    }

    /** A client error (4xx) told as a problem, whatever the code: never a 500, never a bare page. */
    public static JsonObject assertClientProblem(ApiResponse response) {
        assertThat(response.status()).as("status of %s", response).isBetween(400, 499);
        return assertProblem(response, response.status());
    }

    /**
     * For input the contract leaves open to accept or refuse: a 2xx, or a 4xx problem, never a 5xx.
     * Returns whether it was accepted.
     */
    public static boolean assertAcceptedOrClientProblem(ApiResponse response) {
        assertThat(response.status()).as("status of %s", response).isLessThan(500);
        if (response.status() >= 200 && response.status() < 300) {
            return true;
        }
        assertClientProblem(response);
        return false;
    }

    private static JsonObject assertProblem(ApiResponse response, int status) {
        assertThat(response.status()).as("status of %s", response).isEqualTo(status);
        assertThat(response.mediaType()).as("content type of %s", response).isEqualTo(PROBLEM_JSON);
        JsonObject problem = response.json();
        assertThat(problem.getInt("status", -1)).as("status in the body of %s", response).isEqualTo(status);
        assertThat(problem.getString("title", "")).as("title of %s", response).isNotBlank();
        assertThat(problem.getString("type", "")).as("type of %s", response).isNotBlank();
        assertThat(problem.getString("code", "")).as("code of %s", response).isNotBlank();
        assertThat(response.body()).as("body of %s: no stack trace, no SQL", response)
                .doesNotContainPattern(STACK_FRAME)
                .doesNotContain("SQLException", "org.h2.", "org.postgresql.");
        return problem;
    }

    /** The {@code field} of every entry in {@code errors}. */
    public static List<String> fields(JsonObject problem) {
        JsonValue errors = problem.get("errors");
        if (errors == null || errors.getValueType() != JsonValue.ValueType.ARRAY) {
            return List.of();
        }
        JsonArray array = errors.asJsonArray();
        return array.stream()
                .map(JsonValue::asJsonObject)
                .map(error -> error.get("field"))
                .filter(value -> value instanceof JsonString)
                .map(value -> ((JsonString) value).getString())
                .toList();
    }
}
