package io.eer.audit.ledger.application;

/**
 * An operation refused (nothing changed): the REST edge answers it as RFC 9457 problem+json, the application does not
 * speak HTTP. {@code field} and {@code rule} name what was refused when there is one.
 */
public class Refused extends RuntimeException {

    /** What kind of refusal, which the edge turns into a status. */
    public enum Kind { NOT_FOUND, FORBIDDEN, CONFLICT }

    private final Kind kind;
    private final String field;
    private final String rule;

    private Refused(Kind kind, String field, String rule, String detail) {
        super(detail, null, false, false);
        this.kind = kind;
        this.field = field;
        this.rule = rule;
    }

    /** {@code what} (e.g. "request 42") does not exist. */
    public static Refused notFound(String what) {
        return new Refused(Kind.NOT_FOUND, null, null, what);
    }

    public static Refused forbidden(String why) {
        return new Refused(Kind.FORBIDDEN, null, null, why);
    }

    public static Refused conflict(String field, String rule, String why) {
        return new Refused(Kind.CONFLICT, field, rule, why);
    }

    public Kind kind() {
        return kind;
    }

    public String field() {
        return field;
    }

    public String rule() {
        return rule;
    }
}
