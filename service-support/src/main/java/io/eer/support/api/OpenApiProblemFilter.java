package io.eer.support.api;

import io.eer.support.problem.Problem;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Adds what every EER endpoint has in common to the OpenAPI document, once, instead of annotations on every
 * resource: the bearer JWT scheme (required everywhere; the HTTP permission in the shared config enforces it),
 * the RFC 9457 {@code Problem} schema, and the problem+json answers for bad input (400), a missing or invalid
 * token (401), a token that does not allow the call (403) and any other error. Answers a resource documents
 * itself are kept.
 */
public class OpenApiProblemFilter implements OASFilter {

    public static final String SCHEME = "bearer";
    public static final String PROBLEM_REF = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            openAPI.setComponents(components);
        }
        components.addSecurityScheme(SCHEME, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("RS256 JWT from the identity provider (claims sub, groups, employee_type, amr, auth_time)"));
        components.addSchema("Violation", OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.OBJECT))
                .description("One broken rule: the field and the rule's name")
                .addProperty("field", string("the offending field, dotted path (e.g. body, duration, items[0].id)"))
                .addProperty("rule", string("the rule it broke (e.g. required, max-duration, json-syntax)"))
                .addProperty("message", string("a readable explanation")));
        components.addSchema("Problem", OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.OBJECT))
                .description("RFC 9457 problem details")
                .addProperty("type", string("problem type URI (about:blank when generic)"))
                .addProperty("title", string("short summary"))
                .addProperty("status", OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.INTEGER)))
                .addProperty("detail", string("what happened"))
                .addProperty("violations", OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.ARRAY))
                        .items(OASFactory.createSchema().ref("#/components/schemas/Violation")))
                .addRequired("title").addRequired("status"));
        SecurityRequirement bearer = OASFactory.createSecurityRequirement().addScheme(SCHEME);
        openAPI.addSecurityRequirement(bearer);
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            Map<PathItem.HttpMethod, Operation> operations = item.getOperations();
            if (operations == null) {
                continue;
            }
            for (Operation operation : operations.values()) {
                addProblemResponses(operation);
            }
        }
    }

    private static void addProblemResponses(Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        // answers the scanner generated itself (e.g. "400 Bad Request" for a body) carry no content: every error of an
        // EER service is a problem document, so they get the Problem schema
        if (responses.getAPIResponses() != null) {
            responses.getAPIResponses().forEach((code, response) -> {
                boolean error = code.startsWith("4") || code.startsWith("5") || code.equals("default");
                if (error && (response.getContent() == null || response.getContent().getMediaTypes() == null
                        || response.getContent().getMediaTypes().isEmpty())) {
                    response.setContent(problem("").getContent());
                }
            });
        }
        addIfAbsent(responses, "400", problem("Bad input: the problem names each field and rule"));
        Header challenge = OASFactory.createHeader().description("Bearer challenge (RFC 6750 / RFC 9470)")
                .schema(string(null));
        addIfAbsent(responses, "401", problem("Missing, invalid or expired bearer token, or more MFA needed")
                .addHeader("WWW-Authenticate", challenge));
        addIfAbsent(responses, "403", problem("The token's groups or separation of duties do not allow this"));
        if (responses.getDefaultValue() == null) {
            responses.setDefaultValue(problem("Any other error, as application/problem+json"));
        }
    }

    private static void addIfAbsent(APIResponses responses, String code, APIResponse response) {
        if (responses.getAPIResponse(code) == null) {
            responses.addAPIResponse(code, response);
        }
    }

    private static APIResponse problem(String description) {
        Content content = OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF)));
        return OASFactory.createAPIResponse().description(description).content(content);
    }

    private static Schema string(String description) {
        Schema schema = OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.STRING));
        return description == null ? schema : schema.description(description);
    }
}
