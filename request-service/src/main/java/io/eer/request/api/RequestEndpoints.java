package io.eer.request.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.eer.contracts.json.CanonicalJson;
import io.eer.request.api.Bodies.BeneficiaryBody;
import io.eer.request.api.Bodies.CancelBody;
import io.eer.request.api.Bodies.Created;
import io.eer.request.api.Bodies.PolicyRefView;
import io.eer.request.api.Bodies.RequestBody;
import io.eer.request.api.Bodies.StatusView;
import io.eer.request.application.CancelRequest;
import io.eer.request.application.EvaluateRequest;
import io.eer.request.application.SubmitRequest;
import io.eer.request.config.RequestSettings;
import io.eer.request.domain.RequestId;
import io.eer.request.domain.RequestRule;
import io.eer.request.domain.RequestedAccess;
import io.eer.request.projection.RequestView;
import io.eer.support.idempotency.Claim;
import io.eer.support.idempotency.IdempotencyKey;
import io.eer.support.idempotency.IdempotencyStore;
import io.eer.support.idempotency.StoredAnswer;
import io.eer.support.observability.RequestIds;
import io.eer.support.problem.Problem;
import io.eer.support.problem.ProblemException;
import io.eer.support.security.Caller;
import io.eer.support.security.Callers;
import io.eer.support.time.Ids;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Access requests (served by {@link ApiResource}): submit (with optional {@code Idempotency-Key}), evaluate without creating anything, read the
 * status, cancel. Bodies are read as text and parsed strictly here, so every bad input is named (see
 * {@link JsonBodies}) and the Idempotency-Key can compare bodies.
 */
@ApplicationScoped
public class RequestEndpoints {

    static final int MAX_JUSTIFICATION = 2000;
    static final int MAX_REFERENCE = 128;
    static final int MAX_NAME = 128;
    static final int MAX_REASON = 500;
    static final int MAX_SCOPE = 100;
    /** The policy's {@code objectName} ({@code policy.schema.json}). */
    private static final Pattern OBJECT_NAME = Pattern.compile("[A-Za-z0-9_$*]{1,63}([.][A-Za-z0-9_$*]{1,63}){0,2}");
    /** The operation an Idempotency-Key on {@code POST /v1/requests} is scoped to (shared idempotency store). */
    static final String SUBMIT = "submit-request";
    private static final Logger LOG = Logger.getLogger(RequestEndpoints.class);
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final Pattern CONTROL_BUT_NEWLINES = Pattern.compile("[\\p{Cntrl}&&[^\\n\\r\\t]]");

    private final SubmitRequest submitRequest;
    private final CancelRequest cancelRequest;
    private final EvaluateRequest evaluateRequest;
    private final IdempotencyStore idempotency;
    private final RequestSettings settings;
    private final Callers callers;
    private final Ids ids;
    private final Clock clock;

    RequestEndpoints(SubmitRequest submitRequest, CancelRequest cancelRequest, EvaluateRequest evaluateRequest,
            IdempotencyStore idempotency, RequestSettings settings, Callers callers, Ids ids, Clock clock) {
        this.submitRequest = submitRequest;
        this.cancelRequest = cancelRequest;
        this.evaluateRequest = evaluateRequest;
        this.idempotency = idempotency;
        this.settings = settings;
        this.callers = callers;
        this.ids = ids;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Response> submit(String body, String contentType, String key, UriInfo uri) {
        Caller caller = callers.current();
        JsonBodies.requireJson(contentType);
        JsonNode tree = JsonBodies.tree(body);
        RequestedAccess request = accessRequest(JsonBodies.bind(tree, RequestBody.class));
        if (key == null) {
            return submitNew(request, caller).map(outcome -> answer(outcome, uri).response());
        }
        if (!IdempotencyKey.wellFormed(key)) {
            throw ProblemException.badRequest("Idempotency-Key", "format", "1 to " + IdempotencyKey.MAX_KEY
                    + " visible ASCII characters, e.g. a UUID");
        }
        IdempotencyKey scoped = new IdempotencyKey(caller.id(), SUBMIT, key);
        String bodyHash = sha256(CanonicalJson.writeString(tree));
        return idempotency.claim(scoped, bodyHash).chain(claim -> {
            if (claim instanceof Claim.Replay replay) {
                RequestIds.put(replay.answer().resourceId());
                return Uni.createFrom().item(replay(replay.answer()));
            }
            if (claim instanceof Claim.Conflict conflict) {
                throw new ProblemException(Problem.invalid(422, "Idempotency key reused", List.of(
                        new Problem.Violation("Idempotency-Key", "idempotency-key-reuse", "key '" + key
                                + "' was first used with a different body (request " + conflict.firstResourceId()
                                + "); use a new key for a new request"))));
            }
            return submitNew(request, caller).chain(outcome -> {
                Answer answer = answer(outcome, uri);
                if (outcome.stepUp() != null) {
                    // after stepping up, the caller retries with the same key: that retry must be decided afresh
                    return idempotency.release(scoped).replaceWith(answer.response());
                }
                return idempotency.complete(scoped, new StoredAnswer(answer.status(), answer.contentType(),
                        answer.body(), answer.location(), outcome.requestId())).replaceWith(answer.response());
            });
        });
    }

    /**
     * A new request: its id is made here and put into the log context at once (RequestIdLogContext cannot: the path
     * names none), so every line logged by this call from now on, in JSON as {@code mdc.requestId}, names it; the
     * response filter removes it. A retried transaction runs this again with a new id.
     */
    private Uni<SubmitRequest.Outcome> submitNew(RequestedAccess request, Caller caller) {
        RequestId id = new RequestId(ids.next());
        RequestIds.put(id.value());
        return submitRequest.execute(id, request, caller)
                .invoke(outcome -> LOG.infof("request submitted: %s", outcome.status()));
    }

    public Response evaluate(String body, String contentType) {
        Caller caller = callers.current();
        JsonBodies.requireJson(contentType);
        RequestedAccess request = accessRequest(JsonBodies.bind(JsonBodies.tree(body), Bodies.RequestBody.class));
        EvaluateRequest.Evaluation evaluation = evaluateRequest.execute(request, caller);
        return Response.ok(Views.evaluation(evaluation.policy(), evaluation.decision(), request, caller,
                evaluation.at())).build();
    }

    @WithSession
    public Uni<StatusView> status(String id) {
        Caller caller = callers.current();
        return RequestView.<RequestView>findById(id).map(view -> {
            if (view == null) {
                throw ProblemException.notFound("request " + id);
            }
            if (!caller.id().equals(view.requester) && !caller.id().equals(view.beneficiary)
                    && !caller.inAnyGroup(settings.overseerGroups())) {
                throw ProblemException.forbidden("requestId", "party-or-overseer", "only the requester, the "
                        + "beneficiary and " + settings.overseerGroups() + " may read request " + id);
            }
            return Views.status(view);
        });
    }

    @WithTransaction
    public Uni<Response> cancel(String id, String body, String contentType) {
        Caller caller = callers.current();
        String reason = null;
        if (body != null && !body.isBlank()) {
            JsonBodies.requireJson(contentType);
            reason = JsonBodies.bind(JsonBodies.tree(body), CancelBody.class).reason();
            List<Problem.Violation> violations = new ArrayList<>();
            text(violations, "reason", reason, MAX_REASON, CONTROL_BUT_NEWLINES);
            if (!violations.isEmpty()) {
                throw new ProblemException(Problem.invalid(400, "Invalid request", violations));
            }
        }
        return cancelRequest.execute(requestId(id), caller, reason == null || reason.isBlank() ? null : reason)
                .map(result -> {
            if (result instanceof CancelRequest.NotAParty refused) {
                Problem problem = Problem.invalid(403, "Forbidden", List.of(new Problem.Violation("requestId",
                        "requester-beneficiary-or-admin", refused.message())));
                return Response.status(403).type(Problem.MEDIA_TYPE).entity(problem).build();
            }
            if (result instanceof CancelRequest.Refused refused) {
                if (refused.rule() == RequestRule.NOT_FOUND) {
                    throw ProblemException.notFound("request " + id);
                }
                throw ProblemException.conflict("requestId", refused.rule().rule(), refused.detail());
            }
            CancelRequest.Cancelled cancelled = (CancelRequest.Cancelled) result;
            return Response.ok(Views.status(cancelled.view())).build();
        });
    }

    // ---------------------------------------------------------------------------------------------------------

    /** An answer ready to send and to store for Idempotency-Key replays. */
    private record Answer(int status, String contentType, String body, String location, String requestId,
            String challenge) {
        Response response() {
            Response.ResponseBuilder builder = Response.status(status).type(contentType).entity(body)
                    .header("EER-Request-Id", requestId);
            if (location != null) {
                builder.header("Location", location);
            }
            if (challenge != null) {
                builder.header("WWW-Authenticate", challenge);
            }
            return builder.build();
        }
    }

    private Answer answer(SubmitRequest.Outcome outcome, UriInfo uri) {
        PolicyRefView policy = new PolicyRefView(outcome.policy().id(), outcome.policy().version());
        if (outcome.stepUp() != null) {
            StepUp.Challenge challenge = StepUp.challenge(outcome, callers.current(), clock.instant());
            return new Answer(401, Problem.MEDIA_TYPE, json(challenge.problem()), null, outcome.requestId(),
                    challenge.header());
        }
        if (!outcome.violations().isEmpty()) {
            Problem problem = Problem.invalid(422, "Request refused by policy", outcome.violations().stream()
                    .map(v -> new Problem.Violation(v.field(), v.rule(), v.message())).toList());
            return new Answer(422, Problem.MEDIA_TYPE, json(problem), null, outcome.requestId(), null);
        }
        String location = uri.getAbsolutePathBuilder().path(outcome.requestId()).build().toString();
        Created created = new Created(outcome.requestId(), outcome.status().name(), policy, outcome.ruleId(),
                outcome.duration() == null ? null : outcome.duration().toString());
        return new Answer(201, MediaType.APPLICATION_JSON, json(created), location, outcome.requestId(), null);
    }

    private static Response replay(StoredAnswer stored) {
        Response.ResponseBuilder builder = Response.status(stored.status()).type(stored.contentType())
                .entity(stored.body()).header("EER-Request-Id", stored.resourceId())
                .header("Idempotent-Replayed", "true");
        if (stored.location() != null) {
            builder.header("Location", stored.location());
        }
        return builder.build();
    }

    /** A path's request id; one that cannot be an id (blank) names no request. */
    private static RequestId requestId(String id) {
        try {
            return new RequestId(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("request " + id);
        }
    }

    /** Input limits and formats: a request breaking them is bad input (400), not a policy decision. */
    static RequestedAccess accessRequest(RequestBody body) {
        List<Problem.Violation> violations = new ArrayList<>();
        Duration duration = null;
        if (body.duration() != null) {
            try {
                duration = Duration.parse(body.duration());
            } catch (DateTimeParseException e) {
                violations.add(new Problem.Violation("duration", "iso-8601", "'" + body.duration()
                        + "' is not an ISO-8601 duration such as PT30M"));
            }
        }
        text(violations, "justification", body.justification(), MAX_JUSTIFICATION, CONTROL_BUT_NEWLINES);
        text(violations, "incident", body.incident(), MAX_REFERENCE, CONTROL);
        text(violations, "ticket", body.ticket(), MAX_REFERENCE, CONTROL);
        text(violations, "system", body.system(), MAX_NAME, CONTROL);
        text(violations, "role", body.role(), MAX_NAME, CONTROL);
        BeneficiaryBody beneficiary = body.beneficiary();
        if (beneficiary != null) {
            text(violations, "beneficiary.id", beneficiary.id(), MAX_NAME, CONTROL);
        }
        List<String> scope = scope(body.scope(), violations);
        if (!violations.isEmpty()) {
            throw new ProblemException(Problem.invalid(400, "Invalid request", violations));
        }
        return new RequestedAccess(body.kind(), body.origin(), beneficiary == null ? null
                : new RequestedAccess.Beneficiary(beneficiary.id(), beneficiary.type()), body.system(), body.role(),
                duration, body.justification(), body.incident(), body.ticket(), scope);
    }

    /** {@code scope.objects}: 1 to {@value #MAX_SCOPE} object names as the policy writes them; null when absent. */
    private static List<String> scope(Bodies.ScopeBody scope, List<Problem.Violation> violations) {
        if (scope == null) {
            return null;
        }
        List<String> objects = scope.objects();
        if (objects == null || objects.isEmpty()) {
            violations.add(new Problem.Violation("scope.objects", "required", "name 1 to " + MAX_SCOPE
                    + " objects, e.g. [\"payments.invoices\"], or leave scope out"));
            return null;
        }
        if (objects.size() > MAX_SCOPE) {
            violations.add(new Problem.Violation("scope.objects", "max-items", "at most " + MAX_SCOPE + " objects"));
            return null;
        }
        for (int i = 0; i < objects.size(); i++) {
            String object = objects.get(i);
            if (object == null || !OBJECT_NAME.matcher(object).matches()) {
                violations.add(new Problem.Violation("scope.objects[" + i + "]", "object-name", "must be an object"
                        + " name such as payments.invoices or payments.refund_* (letters, digits, _, $, * for any"
                        + " characters; at most three dot-separated parts)"));
            }
        }
        return objects;
    }

    private static void text(List<Problem.Violation> violations, String field, String value, int max, Pattern banned) {
        if (value == null) {
            return;
        }
        if (value.length() > max) {
            violations.add(new Problem.Violation(field, "max-length", "must be at most " + max
                    + " characters, was " + value.length()));
        } else if (banned.matcher(value).find()) {
            violations.add(new Problem.Violation(field, "no-control-characters", "must not contain control characters"));
        }
    }

    static String json(Object value) {
        try {
            return JsonBodies.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
