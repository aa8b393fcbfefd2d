package io.eer.support.problem;

import io.eer.support.problem.Problem.Violation;
import java.util.List;

/** Thrown by resources and commands to answer with a problem detail; nothing has been changed. */
public class ProblemException extends RuntimeException {

    private final Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(Problem.of(404, "Not Found", what + " does not exist"));
    }

    public static ProblemException forbidden(String why) {
        return new ProblemException(Problem.of(403, "Forbidden", why));
    }

    public static ProblemException conflict(String why) {
        return new ProblemException(Problem.of(409, "Conflict", why));
    }

    /** A 403 that names the rule the caller broke, e.g. {@code ("decision", "separation-of-duties", ...)}. */
    public static ProblemException forbidden(String field, String rule, String message) {
        return new ProblemException(Problem.invalid(403, "Forbidden", List.of(new Violation(field, rule, message))));
    }

    /** A 409 that names the state rule, e.g. {@code ("requestId", "already-decided", ...)}. */
    public static ProblemException conflict(String field, String rule, String message) {
        return new ProblemException(Problem.invalid(409, "Conflict", List.of(new Violation(field, rule, message))));
    }

    public static ProblemException badRequest(String field, String rule, String message) {
        return new ProblemException(Problem.invalid(400, "Invalid request", List.of(new Violation(field, rule, message))));
    }

    public static ProblemException unprocessable(List<Violation> violations) {
        return new ProblemException(Problem.invalid(422, "Request refused by policy", violations));
    }
}
