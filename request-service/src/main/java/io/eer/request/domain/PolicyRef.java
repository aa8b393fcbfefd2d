package io.eer.request.domain;

/** Which policy version decided: its id and version. */
public record PolicyRef(String id, String version) {
}
