package io.eer.request.domain;

import java.util.List;
import java.util.stream.Collectors;

/** A policy that failed validation; it never becomes active. The message names each error's line and field. */
public class InvalidPolicyException extends RuntimeException {

    private final String source;
    private final List<PolicyError> errors;

    public InvalidPolicyException(String source, List<PolicyError> errors) {
        super(errors.stream().map(e -> source + " " + e).collect(Collectors.joining("\n")));
        this.source = source;
        this.errors = List.copyOf(errors);
    }

    public String source() {
        return source;
    }

    public List<PolicyError> errors() {
        return errors;
    }
}
