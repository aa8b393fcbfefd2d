package io.eer.request.application;

import io.eer.request.domain.LoadedPolicy;
import io.eer.request.domain.Policy;
import io.eer.request.infra.out.PolicyStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The active policy: read it, or (admins; the REST edge checks the group) load a new version from a document or
 * from the configured file. A candidate is validated completely before it replaces the active one.
 */
@ApplicationScoped
public class ManagePolicy {

    /** The policy now active and the one it replaced. */
    public record Activated(LoadedPolicy active, Policy previous) {
    }

    private final PolicyStore store;

    ManagePolicy(PolicyStore store) {
        this.store = store;
    }

    public LoadedPolicy active() {
        return store.active();
    }

    public Uni<Activated> load(String yaml, String by) {
        return activate(store.parse("policy", yaml, by));
    }

    public Uni<Activated> reload(String by) {
        return activate(store.fromFile(by));
    }

    private Uni<Activated> activate(LoadedPolicy candidate) {
        Policy previous = store.policy();
        return store.activate(candidate).map(loaded -> new Activated(loaded, previous));
    }
}
