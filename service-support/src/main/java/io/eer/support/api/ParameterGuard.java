package io.eer.support.api;

import io.eer.support.problem.Problem;
import io.eer.support.problem.Problem.Violation;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Query and path parameters of every endpoint, before any resource sees them: at most
 * {@value #MAX_PARAMETER_LENGTH} characters, at most {@value #MAX_VALUES} values per name, well-formed Unicode and
 * no control characters at all (line breaks included). A breach is a 400 naming the parameter and the rule; what a
 * value means (a number's range, a date) each endpoint still checks.
 */
public class ParameterGuard {

    public static final int MAX_PARAMETER_LENGTH = 256;
    public static final int MAX_VALUES = 20;

    @ServerRequestFilter
    public Optional<Response> check(ContainerRequestContext request) {
        List<Violation> violations = new ArrayList<>();
        inspect(violations, request.getUriInfo().getPathParameters(true));
        inspect(violations, request.getUriInfo().getQueryParameters(true));
        if (violations.isEmpty()) {
            return Optional.empty();
        }
        Problem problem = Problem.invalid(400, "Invalid request", violations);
        return Optional.of(Response.status(400).type(Problem.MEDIA_TYPE).entity(problem).build());
    }

    private static void inspect(List<Violation> violations, MultivaluedMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            String field = InputRules.violatedRule(name, false) == null && name.length() <= MAX_PARAMETER_LENGTH
                    ? name : "parameter";
            if (parameter.getValue().size() > MAX_VALUES) {
                violations.add(new Violation(field, "max-items", "at most " + MAX_VALUES + " values"));
                continue;
            }
            if (!field.equals(name)) {
                violations.add(new Violation(field, "name", "a parameter name is malformed"));
                continue;
            }
            for (String value : parameter.getValue()) {
                if (value == null) {
                    continue;
                }
                if (value.length() > MAX_PARAMETER_LENGTH) {
                    violations.add(new Violation(name, "max-length", "must be at most " + MAX_PARAMETER_LENGTH
                            + " characters"));
                    break;
                }
                String rule = value.indexOf('\uFFFD') >= 0 ? "unicode" : InputRules.violatedRule(value, false);
                if (rule != null) {
                    violations.add(new Violation(name, rule, "unicode".equals(rule)
                            ? "must be well-formed UTF-8" : InputRules.message(rule)));
                    break;
                }
            }
        }
    }
}
