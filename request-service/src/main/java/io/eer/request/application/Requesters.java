package io.eer.request.application;

import io.eer.request.domain.MfaEvidence;
import io.eer.request.domain.Requester;
import io.eer.request.infra.out.RequestEventMapping;
import io.eer.support.security.Caller;

/** The verified caller as the domain sees it. */
public final class Requesters {

    private Requesters() {
    }

    public static Requester of(Caller caller) {
        return new Requester(RequestEventMapping.principal(caller.principal()),
                new MfaEvidence(caller.amr(), caller.authTime()));
    }
}
