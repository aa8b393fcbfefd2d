package io.eer.gateway.application;

import io.eer.support.decider.Rule;

/** A decider's refusal, as the application reports it to the PostgreSQL edge (no HTTP here). */
public final class Refused extends RuntimeException {

    private final transient Rule rule;

    public Refused(Rule rule, String detail) {
        super(detail);
        this.rule = rule;
    }

    public Rule rule() {
        return rule;
    }
}
