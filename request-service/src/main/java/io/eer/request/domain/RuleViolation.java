package io.eer.request.domain;

/** One failed policy rule, naming the request field it concerns. */
public record RuleViolation(String field, String rule, String message) {
}
