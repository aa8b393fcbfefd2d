package io.eer.support.testing;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one check every service runs against its own {@code GET /q/openapi}: each JAX-RS endpoint compiled into
 * the service (its packages and service-support's) is an operation of the document, with the problem+json
 * answers and the bearer scheme; the document itself needs a token.
 */
public final class OpenApiCoverage {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenApiCoverage() {
    }

    /** "GET /v1/requests/{id}" for every resource method in these packages (main classes only). */
    public static Set<String> jaxRsEndpoints(String... packages) {
        Set<String> endpoints = new TreeSet<>();
        // only the annotations of our own classes matter; resolving referenced classes through Quarkus' class
        // loader (quarkus: URLs) would only log a warning per class
        ArchConfiguration config = ArchConfiguration.get();
        boolean resolve = config.resolveMissingDependenciesFromClassPath();
        config.setResolveMissingDependenciesFromClassPath(false);
        Iterable<JavaClass> classes;
        try {
            classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages(packages);
        } finally {
            config.setResolveMissingDependenciesFromClassPath(resolve);
        }
        for (JavaClass type : classes) {
            if (!type.isAnnotatedWith(Path.class)) {
                continue;
            }
            Class<?> resource = type.reflect();
            String base = resource.getAnnotation(Path.class).value();
            for (Method method : resource.getDeclaredMethods()) {
                String verb = httpMethod(method);
                if (verb == null) {
                    continue;
                }
                Path sub = method.getAnnotation(Path.class);
                endpoints.add(verb + " " + normalise(join(base, sub == null ? "" : sub.value())));
            }
        }
        return endpoints;
    }

    /** Reads /q/openapi with a token and fails naming every endpoint the document lacks or describes badly. */
    public static JsonNode assertDocumentsEveryEndpoint(String... packages) throws Exception {
        given().accept("application/json").when().get("/q/openapi").then().statusCode(401);
        String body = given().auth().oauth2(TestTokens.employee("openapi-reader")).accept("application/json")
                .queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asString();
        JsonNode doc = JSON.readTree(body);
        Set<String> endpoints = jaxRsEndpoints(packages);
        if (endpoints.isEmpty()) {
            throw new AssertionError("no JAX-RS endpoint found in " + String.join(", ", packages));
        }
        List<String> problems = new ArrayList<>();
        JsonNode scheme = doc.path("components").path("securitySchemes").path("bearer");
        if (!"http".equals(scheme.path("type").asText()) || !"bearer".equals(scheme.path("scheme").asText())) {
            problems.add("no http bearer security scheme named 'bearer': " + scheme);
        }
        if (!doc.path("security").toString().contains("\"bearer\"")) {
            problems.add("the document does not require the bearer scheme: " + doc.path("security"));
        }
        if (!doc.path("components").path("schemas").has("Problem")) {
            problems.add("no Problem schema");
        }
        for (String endpoint : endpoints) {
            String verb = endpoint.substring(0, endpoint.indexOf(' ')).toLowerCase(Locale.ROOT);
            String path = endpoint.substring(endpoint.indexOf(' ') + 1);
            JsonNode operation = findPath(doc.path("paths"), path).path(verb);
            if (operation.isMissingNode()) {
                problems.add(endpoint + " is not in the document");
                continue;
            }
            for (String code : List.of("400", "401")) {
                if (!operation.path("responses").path(code).path("content").has("application/problem+json")) {
                    problems.add(endpoint + " has no application/problem+json " + code + " answer");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("OpenAPI document vs JAX-RS endpoints:\n  " + String.join("\n  ", problems));
        }
        return doc;
    }

    private static JsonNode findPath(JsonNode paths, String wanted) {
        var names = paths.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (normalise(name).equals(wanted)) {
                return paths.get(name);
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    private static String join(String base, String sub) {
        String path = "/" + base + "/" + sub;
        return path.replaceAll("/+", "/");
    }

    /** Drops regexes from templates ({id: [0-9]+} -> {id}) and a trailing slash. */
    static String normalise(String path) {
        String result = path.replaceAll("\\{\\s*(\\w+)\\s*:[^}]*}", "{$1}").replaceAll("/+", "/");
        return result.length() > 1 && result.endsWith("/") ? result.substring(0, result.length() - 1) : result;
    }
}
