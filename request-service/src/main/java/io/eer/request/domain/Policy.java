package io.eer.request.domain;

import io.eer.contracts.events.Values.ApprovalMode;
import io.eer.contracts.events.Values.Origin;
import io.eer.contracts.events.Values.PolicyRef;
import io.eer.contracts.events.Values.PrincipalType;
import io.eer.contracts.events.Values.RequestKind;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The active access policy: which systems exist and who may ask for what, decided how. */
public record Policy(String id, String version, List<TargetSystem> systems, List<Rule> rules) {

    public Policy {
        systems = List.copyOf(systems);
        rules = List.copyOf(rules);
    }

    public PolicyRef ref() {
        return new PolicyRef(id, version);
    }

    public Optional<TargetSystem> system(String systemId) {
        return systems.stream().filter(s -> s.id().equals(systemId)).findFirst();
    }

    /** A system access can be granted on, through a connector. */
    public record TargetSystem(String id, boolean critical, String connector, List<String> roles) {
        public TargetSystem {
            roles = List.copyOf(roles);
        }
    }

    /** Who may request which access of one kind, for how long, and how it is approved and reviewed. */
    public record Rule(
            String id,
            RequestKind kind,
            List<String> requesterGroups,
            List<PrincipalType> requesterTypes,
            List<Origin> origins,
            List<String> systems,
            List<String> roles,
            Duration maxDuration,
            Approval approval,
            boolean incidentRequired,
            boolean mfaRequired,
            Review review) {

        public Rule {
            requesterGroups = List.copyOf(requesterGroups);
            requesterTypes = List.copyOf(requesterTypes);
            origins = List.copyOf(origins);
            systems = List.copyOf(systems);
            roles = List.copyOf(roles);
        }

        boolean covers(String system, String role) {
            return systems.contains(system) && roles.contains(role);
        }
    }

    public record Approval(ApprovalMode mode, List<String> approverGroups, int quorum) {
        public Approval {
            approverGroups = List.copyOf(approverGroups);
        }
    }

    public record Review(List<String> reviewerGroups, Duration dueWithin) {
        public Review {
            reviewerGroups = List.copyOf(reviewerGroups);
        }
    }
}
