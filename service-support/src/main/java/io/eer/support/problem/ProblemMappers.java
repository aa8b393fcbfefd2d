package io.eer.support.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.eer.support.api.InputRules;
import io.eer.support.outbox.ConcurrentChangeException;
import io.eer.support.problem.Problem.Violation;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.stream.Collectors;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves as application/problem+json; nothing internal leaks and bad input never yields a 500. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e.problem());
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException || e.getCause() instanceof StreamConstraintsException) {
            return respond(Problem.invalid(400, "Invalid request", List.of(new Violation("body", "input-limits",
                    InputRules.LIMITS))));
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            String rule = e instanceof InputRuleException input ? input.rule()
                    : e instanceof UnrecognizedPropertyException ? "unknown-field"
                    : e instanceof InvalidFormatException ? "invalid-value" : "type";
            String message = e instanceof InputRuleException input ? input.getOriginalMessage()
                    : e instanceof InvalidFormatException invalid
                    ? InputRules.quoted(invalid.getValue()) + " is not a valid " + invalid.getTargetType().getSimpleName()
                    : "has the wrong type or shape";
            return respond(Problem.invalid(400, "Invalid request", List.of(new Violation(field, rule, message))));
        }
        return respond(Problem.invalid(400, "Malformed JSON",
                List.of(new Violation("body", "json-syntax", "the body is not well-formed JSON"))));
    }

    // quarkus-rest-jackson ships mappers for these two; ours must be at least as specific to win
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return malformedJson(e);
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e) {
        return malformedJson(e);
    }

    @ServerExceptionMapper
    public Response concurrentWrite(ConstraintViolationException e) {
        return respond(Problem.of(409, "Conflict", "a concurrent change won; retry the request"));
    }

    /** Still conflicting after {@code Aggregates} decided again a few times (or an append outside it). */
    @ServerExceptionMapper
    public Response concurrentChange(ConcurrentChangeException e) {
        return respond(Problem.of(409, "Conflict", "a concurrent change won; retry the request"));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json); // quarkus-rest wraps body parse errors in a 400
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
            return respond(Problem.of(status, "Internal Server Error", "the request could not be completed"));
        }
        String title = e.getResponse().getStatusInfo().getReasonPhrase();
        String detail = status == 415 ? "send the body as application/json" : e.getMessage();
        return respond(Problem.of(status, title, detail));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
