package dev.kaiwa.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What the server offers around the API: CORS, the OpenAPI document, metrics and health checks. */
class PlatformIT {
    private static final String OTHER_ORIGIN = "https://evil.example.com";

    private final Kaiwa kaiwa = new Kaiwa();
    private final ApiClient api = kaiwa.api();
    private final ApiClient server = ApiClient.server();
    private final TestUser host = Organization.fresh().host();

    @Test
    void preflightFromTheAllowedOriginIsAllowed() {
        ApiResponse response = preflight(TestServer.allowedOrigin());

        assertThat(response.status()).as(response.describe()).isIn(200, 204);
        assertThat(response.header("Access-Control-Allow-Origin")).hasValue(TestServer.allowedOrigin());
        assertThat(lowerCaseList(response.header("Access-Control-Allow-Methods").orElse(""))).contains("post");
        List<String> allowedHeaders = lowerCaseList(response.header("Access-Control-Allow-Headers").orElse(""));
        if (!allowedHeaders.equals(List.of("*"))) {
            assertThat(allowedHeaders).as("allowed headers").contains("authorization", "content-type");
        }
    }

    @Test
    void recordingChunkUploadFromTheAllowedOriginPassesThePreflight() {
        // kaiwa.js in a portal uploads what it records with PUT and a Content-Digest header.
        ApiResponse response = api.options("/recordings/" + "a".repeat(32) + "/chunks/0")
                .header("Origin", TestServer.allowedOrigin())
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "authorization,content-digest,content-type")
                .send();

        assertThat(response.status()).as(response.describe()).isIn(200, 204);
        assertThat(response.header("Access-Control-Allow-Origin")).hasValue(TestServer.allowedOrigin());
        assertThat(lowerCaseList(response.header("Access-Control-Allow-Methods").orElse(""))).contains("put");
        List<String> allowedHeaders = lowerCaseList(response.header("Access-Control-Allow-Headers").orElse(""));
        if (!allowedHeaders.equals(List.of("*"))) {
            assertThat(allowedHeaders).as("allowed headers").contains("authorization", "content-digest", "content-type");
        }
    }

    @Test
    void requestFromTheAllowedOriginMayBeReadByTheBrowser() {
        ApiResponse response = api.get("/calls").as(host).header("Origin", TestServer.allowedOrigin()).send();

        assertThat(response.status()).as(response.describe()).isEqualTo(200);
        assertThat(response.header("Access-Control-Allow-Origin")).hasValue(TestServer.allowedOrigin());
    }

    @Test
    void preflightFromAnotherOriginGetsNoPermission() {
        ApiResponse response = preflight(OTHER_ORIGIN);

        assertThat(response.status()).as(response.describe()).isLessThan(500);
        assertThat(response.header("Access-Control-Allow-Origin")).as(response.describe()).isEmpty();
    }

    @Test
    void requestFromAnotherOriginIsNotMadeReadable() {
        ApiResponse response = api.get("/calls").as(host).header("Origin", OTHER_ORIGIN).send();

        assertThat(response.status()).as(response.describe()).isLessThan(500);
        assertThat(response.header("Access-Control-Allow-Origin")).as(response.describe()).isEmpty();
    }

    @Test
    void openApiDocumentListsEveryPathAndTheJwtScheme() {
        JsonObject document = server.get("/openapi").query("format", "JSON").header("Accept", "application/json").send()
                .expectStatus(200).json();

        Map<String, Set<String>> operations = normalizedOperations(document.getJsonObject("paths"));
        assertThat(operations).containsKeys("/calls", "/calls/{}", "/calls/{}/start", "/calls/{}/pause",
                "/calls/{}/resume", "/calls/{}/end", "/calls/{}/cancel", "/calls/{}/events", "/calls/{}/invites",
                "/calls/{}/invites/{}", "/calls/{}/join", "/calls/{}/participants", "/calls/{}/participants/{}",
                "/analytics");
        assertThat(operations.get("/calls")).contains("get", "post");
        assertThat(operations.get("/calls/{}")).contains("get", "patch");
        assertThat(operations.get("/calls/{}/invites")).contains("get", "post");
        assertThat(operations.get("/calls/{}/invites/{}")).contains("delete");
        assertThat(operations.get("/calls/{}/participants/{}")).contains("patch", "delete");
        JsonObject jwt = document.getJsonObject("components").getJsonObject("securitySchemes").getJsonObject("jwt");
        assertThat(jwt.getString("type")).isEqualTo("http");
        assertThat(jwt.getString("scheme")).isEqualToIgnoringCase("bearer");
        assertThat(document.toString()).contains(Problems.PROBLEM_JSON);
    }

    @Test
    void openApiUserInterfaceIsServed() {
        ApiResponse response = server.get("/openapi/ui").header("Accept", "text/html").send();

        assertThat(response.status()).as(response.describe()).isIn(200, 301, 302);
    }

    @Test
    void metricsCountCreatedCallsAndProblemsByCode() {
        double createdBefore = metricTotal(metrics(), "kaiwa_calls_created_total");
        kaiwa.createCall(host);
        api.get("/calls/" + "F".repeat(20) + Organization.uniqueSuffix()).as(host).send().expectStatus(404);

        String metrics = metrics();

        assertThat(metricTotal(metrics, "kaiwa_calls_created_total")).isGreaterThanOrEqualTo(createdBefore + 1);
        assertThat(metricLines(metrics, "kaiwa_problems_total"))
                .anySatisfy(line -> assertThat(line).contains("code=\"CALL_NOT_FOUND\""));
        assertThat(metricLines(metrics, "kaiwa_calls_active")).isNotEmpty();
        assertThat(metricLines(metrics, "kaiwa_participants_connected")).isNotEmpty();
        assertThat(metrics).contains("REST_request");
    }

    @Test
    void metricsNeedNoLogin() {
        ApiResponse response = server.get("/metrics").header("Accept", "text/plain").send();

        assertThat(response.status()).as(response.describe()).isEqualTo(200);
    }

    @Test
    void serverIsReadyWithAWorkingDatabase() {
        JsonObject ready = server.get("/health/ready").send().expectStatus(200).json();

        assertThat(ready.getString("status")).isEqualTo("UP");
        assertThat(ready.getJsonArray("checks").getValuesAs(JsonObject.class))
                .anySatisfy(check -> {
                    assertThat(check.getString("name").toLowerCase(Locale.ROOT)).contains("database");
                    assertThat(check.getString("status")).isEqualTo("UP");
                });
    }

    @Test
    void serverIsLiveAndHealthy() {
        assertThat(server.get("/health/live").send().expectStatus(200).json().getString("status")).isEqualTo("UP");
        assertThat(server.get("/health").send().expectStatus(200).json().getString("status")).isEqualTo("UP");
    }

    private ApiResponse preflight(String origin) {
        return api.options("/calls")
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key")
                .send();
    }

    private String metrics() {
        return server.get("/metrics").header("Accept", "text/plain").send().expectStatus(200).body();
    }

    /** Lines of a Prometheus exposition that hold samples of {@code name}. */
    private static List<String> metricLines(String exposition, String name) {
        return exposition.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .toList();
    }

    /** The sum of all samples of {@code name} (over all label sets); 0 when there is none yet. */
    private static double metricTotal(String exposition, String name) {
        Pattern sample = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*\\})?\\s+(\\S+).*$");
        double total = 0;
        for (String line : metricLines(exposition, name)) {
            Matcher matcher = sample.matcher(line);
            if (matcher.matches()) {
                total += Double.parseDouble(matcher.group(2));
            }
        }
        return total;
    }

    /**
     * The document's paths without the {@code /api/v1} prefix (if listed with it) and with every
     * template parameter written {@code {}}, each with its operations.
     */
    private static Map<String, Set<String>> normalizedOperations(JsonObject paths) {
        Map<String, Set<String>> operations = new TreeMap<>();
        for (Map.Entry<String, JsonValue> entry : paths.entrySet()) {
            String path = entry.getKey().replaceFirst("^/api/v1(?=/)", "").replaceAll("\\{[^}]*}", "{}");
            Set<String> methods = entry.getValue().asJsonObject().keySet().stream()
                    .map(method -> method.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toSet());
            operations.merge(path, methods, (left, right) -> {
                Set<String> merged = new TreeSet<>(left);
                merged.addAll(right);
                return merged;
            });
        }
        return operations;
    }

    private static List<String> lowerCaseList(String headerValue) {
        return List.of(headerValue.split(",")).stream()
                .map(value -> value.strip().toLowerCase(Locale.ROOT))
                .filter(value -> !value.isEmpty())
                .toList();
    }
}
