package io.eer.approval.domain;

/** The policy rule (id and version) that accepted the request and whose plan this approval follows. */
public record PolicyRef(String id, String version) {
}
