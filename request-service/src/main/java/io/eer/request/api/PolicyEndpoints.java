package io.eer.request.api;

import io.eer.support.security.Callers;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.eer.request.api.Bodies.ApprovalView;
import io.eer.request.api.Bodies.MfaView;
import io.eer.request.api.Bodies.PolicyRefView;
import io.eer.request.api.Bodies.ReviewView;
import io.eer.request.application.ManagePolicy;
import io.eer.request.domain.LoadedPolicy;
import io.eer.request.domain.Policy;
import io.eer.support.problem.ProblemException;
import io.eer.support.security.Caller;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The active policy (served by {@link ApiResource}): anyone authenticated may read it (requesters need to know the rules); the admin groups
 * ({@code @RolesAllowed} on {@link ApiResource}) may load a new version without a restart, from the request body or from the configured file. A policy that fails
 * validation is answered 422 naming each error's line and field, and the active one stays.
 */
@ApplicationScoped
public class PolicyEndpoints {

    static final int MAX_DOCUMENT = 256 * 1024;
    private static final List<MediaType> YAML = List.of(new MediaType("application", "yaml"),
            new MediaType("application", "x-yaml"), new MediaType("text", "yaml"));

    private final ManagePolicy store;
    private final Callers callers;

    PolicyEndpoints(ManagePolicy store, Callers callers) {
        this.store = store;
        this.callers = callers;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PolicyView(String id, String version, String description, String sha256, String source,
            String loadedBy, String loadedAt, PolicyRefView previous, List<SystemView> systems, List<RuleView> rules) {
    }

    public record SystemView(String id, String criticality, String connector, List<String> roles) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RuleView(String id, String kind, String description, RequestersView requesters, List<String> origins,
            List<String> systems, List<String> roles, DurationView duration, ApprovalView approval, MfaView mfa,
            ReferenceView reference, ReviewView review) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RequestersView(List<String> groups, List<String> types, List<String> supervisorGroups,
            String beneficiaryCheck, List<String> knownEmployees, List<String> knownContractors) {
    }

    public record DurationView(String defaultDuration, String max) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReferenceView(boolean required, String pattern) {
    }

    public PolicyView active() {
        return view(store.active(), null);
    }

    public Uni<PolicyView> load(String body, String contentType) {
        Caller caller = callers.current();
        JsonBodies.requireMediaType(contentType, "application/yaml", YAML);
        if (body == null || body.isBlank()) {
            throw ProblemException.badRequest("body", "required", "send the policy YAML as the body");
        }
        if (body.length() > MAX_DOCUMENT) {
            throw ProblemException.badRequest("body", "max-length", "a policy is at most " + MAX_DOCUMENT
                    + " characters");
        }
        return store.load(body, caller.id()).map(activated -> view(activated.active(), activated.previous()));
    }

    public Uni<PolicyView> reload() {
        Caller caller = callers.current();
        return store.reload(caller.id()).map(activated -> view(activated.active(), activated.previous()));
    }

    static PolicyView view(LoadedPolicy loaded, Policy previous) {
        Policy policy = loaded.policy();
        return new PolicyView(policy.id(), policy.version(), policy.description(), loaded.sha256(), loaded.source(),
                loaded.loadedBy(), loaded.loadedAt().toString(),
                previous == null ? null : new PolicyRefView(previous.id(), previous.version()),
                policy.systems().stream().map(s -> new SystemView(s.id(), s.criticality().name(), s.connector(),
                        s.roles())).toList(),
                policy.rules().stream().map(PolicyEndpoints::rule).toList());
    }

    private static RuleView rule(Policy.Rule rule) {
        Policy.Mfa mfa = rule.mfa();
        return new RuleView(rule.id(), rule.kind().name(), rule.description(),
                new RequestersView(rule.requesters().groups(),
                        rule.requesters().types().stream().map(Enum::name).toList(),
                        rule.requesters().supervisorGroups(),
                        rule.requesters().beneficiaryCheck() == null ? null : rule.requesters().beneficiaryCheck().name(),
                        nullIfEmpty(rule.requesters().knownEmployees()), nullIfEmpty(rule.requesters().knownContractors())),
                rule.origins().stream().map(Enum::name).toList(), rule.systems(), rule.roles(),
                new DurationView(Views.text(rule.duration().defaultDuration()), Views.text(rule.duration().max())),
                Views.approval(rule.approval()),
                new MfaView(mfa.required(), mfa.methods().isEmpty() ? null : mfa.methods(), Views.text(mfa.maxAge()),
                        null),
                new ReferenceView(rule.reference().required(),
                        rule.reference().pattern() == null ? null : rule.reference().pattern().pattern()),
                Views.review(rule.review()));
    }

    private static List<String> nullIfEmpty(List<String> list) {
        return list.isEmpty() ? null : list;
    }
}
