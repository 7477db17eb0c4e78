package dev.kaiwa.it.signaling;

import static dev.kaiwa.it.Problems.assertFieldError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kaiwa.it.ApiClient;
import dev.kaiwa.it.ApiResponse;
import dev.kaiwa.it.Organization;
import dev.kaiwa.it.Problems;
import dev.kaiwa.it.TestUser;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Chat templates: a host's own canned messages, kept over REST ({@code /chat-templates}); nobody
 * else sees or changes them.
 */
class ChatTemplatesIT {
    private final ApiClient api = ApiClient.api();
    private final Organization organization = Organization.fresh();
    private final TestUser host = organization.host();

    @Test
    void hostCreatesReadsChangesAndDeletesATemplate() {
        JsonObject created = create(host, "Greeting", "Welcome! We will start in a minute.");
        String id = created.getString("id");
        assertThat(id).isNotBlank();
        assertThat(created.getString("title")).isEqualTo("Greeting");
        assertThat(created.getString("text")).isEqualTo("Welcome! We will start in a minute.");
        assertThat(read(host, id)).isEqualTo(created);
        assertThat(list(host)).extracting(template -> template.getString("id")).containsExactly(id);

        JsonObject changed = api.put("/chat-templates/" + id).as(host)
                .json(template("Greeting (ja)", "ようこそ。まもなく始めます。")).send().expectStatus(200).json();

        assertThat(changed.getString("id")).isEqualTo(id);
        assertThat(changed.getString("title")).isEqualTo("Greeting (ja)");
        assertThat(changed.getString("text")).isEqualTo("ようこそ。まもなく始めます。");
        assertThat(read(host, id)).isEqualTo(changed);

        api.delete("/chat-templates/" + id).as(host).send().expectStatus(200, 204);

        assertNotFound(api.get("/chat-templates/" + id).as(host).send());
        assertThat(list(host)).isEmpty();
    }

    @Test
    void templatesAreTheirOwnersAlone() {
        String id = create(host, "Closing", "Thank you for your time.").getString("id");
        TestUser colleague = organization.host();
        TestUser admin = organization.admin();

        for (TestUser other : new TestUser[] {colleague, admin}) {
            assertNotFound(api.get("/chat-templates/" + id).as(other).send());
            assertNotFound(api.put("/chat-templates/" + id).as(other).json(template("Mine now", "Taken over")).send());
            assertNotFound(api.delete("/chat-templates/" + id).as(other).send());
            assertThat(list(other)).extracting(template -> template.getString("id")).doesNotContain(id);
        }
        assertThat(read(host, id).getString("text")).isEqualTo("Thank you for your time.");
    }

    @Test
    void titleAndTextAreRequiredAndLimited() {
        assertFieldError(post(host, template("", "Some text")), "title");
        assertFieldError(post(host, template("x".repeat(101), "Some text")), "title");
        assertFieldError(post(host, template("A title", "")), "text");
        assertFieldError(post(host, template("A title", "x".repeat(501))), "text");
        assertFieldError(post(host, Json.createObjectBuilder().add("title", "No text").build()), "text");
        assertThat(list(host)).isEmpty();

        JsonObject longest = create(host, "t".repeat(100), "x".repeat(500));

        assertThat(longest.getString("title")).hasSize(100);
        assertThat(longest.getString("text")).hasSize(500);
    }

    @Test
    void changeIsValidatedLikeCreation() {
        String id = create(host, "Greeting", "Hello").getString("id");

        assertFieldError(api.put("/chat-templates/" + id).as(host).json(template("Greeting", "")).send(), "text");

        assertThat(read(host, id).getString("text")).isEqualTo("Hello");
    }

    @Test
    void templatesNeedAnSsoUser() {
        ApiResponse response = api.get("/chat-templates").send();

        Problems.assertProblem(response, 401, "UNAUTHENTICATED");
    }

    private JsonObject create(TestUser owner, String title, String text) {
        return post(owner, template(title, text)).expectStatus(200, 201).json();
    }

    private ApiResponse post(TestUser owner, JsonObject body) {
        return api.post("/chat-templates").as(owner).json(body).send();
    }

    private JsonObject read(TestUser reader, String id) {
        return api.get("/chat-templates/" + id).as(reader).send().expectStatus(200).json();
    }

    private List<JsonObject> list(TestUser reader) {
        return api.get("/chat-templates").as(reader).send().expectStatus(200).items().getValuesAs(JsonObject.class);
    }

    private static JsonObject template(String title, String text) {
        return Json.createObjectBuilder().add("title", title).add("text", text).build();
    }

    private static void assertNotFound(ApiResponse response) {
        assertThat(response.status()).as(response.describe()).isEqualTo(404);
        Problems.assertClientProblem(response);
    }
}
