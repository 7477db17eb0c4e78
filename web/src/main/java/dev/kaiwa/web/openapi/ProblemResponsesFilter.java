package dev.kaiwa.web.openapi;

import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.examples.Example;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Declares the problem+json answers on every operation from one place, with the Problem schema and
 * an example each, so the document matches what the error mappers send.
 */
public class ProblemResponsesFilter implements OASFilter {
    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    private static final Map<String, String[]> PROBLEMS = Map.of(
            "400", new String[] {"Invalid input: validation (with field errors) or malformed JSON", "VALIDATION_FAILED"},
            "401", new String[] {"Missing, forged or expired token", "UNAUTHENTICATED"},
            "403", new String[] {"The caller may not do this", "FORBIDDEN"},
            "404", new String[] {"No such resource, or not visible to the caller", "CALL_NOT_FOUND"},
            "409", new String[] {"The request clashes with the resource's state", "ILLEGAL_CALL_TRANSITION"},
            "429", new String[] {"Over a rate limit; see Retry-After", "RATE_LIMITED"},
            "500", new String[] {"Unexpected fault; quote the incident id", "INTERNAL_ERROR"});

    @Override
    public Operation filterOperation(Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        for (Map.Entry<String, String[]> entry : PROBLEMS.entrySet()) {
            if (responses.hasAPIResponse(entry.getKey())) {
                continue;
            }
            String status = entry.getKey();
            String code = entry.getValue()[1];
            Example example = OASFactory.createExample().value(Map.of(
                    "type", "https://kaiwa.dev/problems/" + code.toLowerCase().replace('_', '-'),
                    "title", entry.getValue()[0], "status", Integer.parseInt(status), "code", code,
                    "detail", entry.getValue()[0], "instance", "/calls/abc"));
            MediaType mediaType = OASFactory.createMediaType()
                    .schema(OASFactory.createSchema().ref(PROBLEM_REF))
                    .addExample(code, example);
            Content content = OASFactory.createContent().addMediaType("application/problem+json", mediaType);
            APIResponse response = OASFactory.createAPIResponse().description(entry.getValue()[0]).content(content);
            responses.addAPIResponse(status, response);
        }
        return operation;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            openAPI.setComponents(components);
        }
        Schema fieldError = OASFactory.createSchema().type(Schema.SchemaType.OBJECT)
                .addProperty("field", OASFactory.createSchema().type(Schema.SchemaType.STRING))
                .addProperty("message", OASFactory.createSchema().type(Schema.SchemaType.STRING));
        Schema problem = OASFactory.createSchema().type(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details")
                .addProperty("type", OASFactory.createSchema().type(Schema.SchemaType.STRING).format("uri"))
                .addProperty("title", OASFactory.createSchema().type(Schema.SchemaType.STRING))
                .addProperty("status", OASFactory.createSchema().type(Schema.SchemaType.INTEGER))
                .addProperty("detail", OASFactory.createSchema().type(Schema.SchemaType.STRING))
                .addProperty("instance", OASFactory.createSchema().type(Schema.SchemaType.STRING))
                .addProperty("code", OASFactory.createSchema().type(Schema.SchemaType.STRING)
                        .description("Stable ErrorCode name, e.g. CALL_FULL"))
                .addProperty("errors", OASFactory.createSchema().type(Schema.SchemaType.ARRAY).items(fieldError))
                .addProperty("incidentId", OASFactory.createSchema().type(Schema.SchemaType.STRING)
                        .description("Only on 500: the id logged with the fault"));
        components.addSchema("Problem", problem);
    }
}
