package io.eer.audit.ledger.api;

import io.eer.audit.ledger.application.Refused;
import io.eer.support.problem.ProblemException;
import io.eer.support.problem.ProblemMappers;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A refused operation (ledger's or insight's) as the same problem+json a {@link ProblemException} gives. */
public class RefusalProblems {

    private static final ProblemMappers PROBLEMS = new ProblemMappers();

    @ServerExceptionMapper
    public Response refused(Refused refused) {
        return PROBLEMS.problem(problem(refused));
    }

    static ProblemException problem(Refused refused) {
        if (refused.kind() == Refused.Kind.NOT_FOUND) {
            return ProblemException.notFound(refused.getMessage());
        }
        if (refused.kind() == Refused.Kind.FORBIDDEN) {
            return ProblemException.forbidden(refused.getMessage());
        }
        return ProblemException.conflict(refused.field(), refused.rule(), refused.getMessage());
    }
}
