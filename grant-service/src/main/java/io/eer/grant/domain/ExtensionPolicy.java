package io.eer.grant.domain;

import java.time.Duration;
import java.util.List;

/**
 * How far a grant of one role on one system may be extended: the grant's whole length (grantedAt to the new
 * expiresAt) stays within {@code max}; {@code reapproval}: a second person from {@code approverGroups} must approve
 * the extension first (never the beneficiary). From the policy's optional {@code extension} of the rules that offer
 * the role on the system; without one a rule allows extending within its {@code duration.max}, no re-approval.
 */
public record ExtensionPolicy(Duration max, boolean reapproval, List<String> approverGroups) {
    public ExtensionPolicy {
        approverGroups = approverGroups == null ? List.of() : List.copyOf(approverGroups);
    }
}
