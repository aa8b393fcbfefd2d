package io.eer.request.domain;

/** Who is asking, as the verified token says, with its authentication evidence (amr, auth_time). */
public record Requester(Principal principal, MfaEvidence mfa) {

    public String id() {
        return principal.id();
    }
}
