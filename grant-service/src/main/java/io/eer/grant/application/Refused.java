package io.eer.grant.application;

import io.eer.support.decider.Rule;

/** An operation refused under {@code rule}; the REST edge answers it as a problem naming the rule. */
public class Refused extends RuntimeException {

    private final transient Rule rule;

    public Refused(Rule rule, String detail) {
        super(detail, null, false, false);
        this.rule = rule;
    }

    public Rule rule() {
        return rule;
    }
}
