package io.eer.request.infra.out;

import io.eer.request.domain.InvalidPolicyException;
import io.eer.request.domain.Policy;
import io.eer.request.domain.PolicyError;
import io.eer.request.config.RequestSettings;
import io.eer.request.domain.LoadedPolicy;
import io.eer.request.infra.out.policy.PolicyReader;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The active policy. The configured file is loaded at start (an invalid file stops the service); an admin may load
 * another version at run time. A candidate is validated completely before it replaces the active one, so a bad
 * policy never becomes active. Every version that becomes active is recorded in {@code policy_version} with its
 * text, and a known id and version can never come back with different content.
 */
@ApplicationScoped
public class PolicyStore {

    private static final Logger LOG = Logger.getLogger(PolicyStore.class);

    private final RequestSettings settings;
    private final Clock clock;
    private final AtomicReference<LoadedPolicy> active = new AtomicReference<>();

    PolicyStore(RequestSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        LoadedPolicy initial = fromFile("startup");
        active.set(initial);
    }

    void recordAtStartup(@Observes StartupEvent start) throws Throwable {
        LoadedPolicy initial = active.get();
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> record(initial)));
        LOG.infof("policy %s version %s active (%d systems, %d rules) from %s", initial.policy().id(),
                initial.policy().version(), initial.policy().systems().size(), initial.policy().rules().size(),
                initial.source());
    }

    public LoadedPolicy active() {
        return active.get();
    }

    public Policy policy() {
        return active.get().policy();
    }

    /** Validates {@code yaml}; throws {@link InvalidPolicyException} naming each error's line and field. */
    public LoadedPolicy parse(String source, String yaml, String loadedBy) {
        Policy policy = PolicyReader.read(source, yaml);
        return new LoadedPolicy(policy, yaml, sha256(yaml), source, loadedBy, clock.instant());
    }

    /** The configured file, validated. */
    public LoadedPolicy fromFile(String loadedBy) {
        Path file = Path.of(settings.policyFile());
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidPolicyException(file.getFileName().toString(),
                    List.of(new PolicyError(0, "", "cannot read " + file.toAbsolutePath() + ": " + e.getMessage())));
        }
        return parse(file.getFileName().toString(), text, loadedBy);
    }

    /**
     * Records {@code candidate} in its own transaction and, once that committed, makes it the active policy. Fails
     * with {@link InvalidPolicyException} when its id and version are known with other content.
     */
    public Uni<LoadedPolicy> activate(LoadedPolicy candidate) {
        return Panache.withTransaction(() -> record(candidate)).invoke(() -> {
            LoadedPolicy previous = active.getAndSet(candidate);
            LOG.infof("policy %s version %s activated by %s (was %s version %s)", candidate.policy().id(),
                    candidate.policy().version(), candidate.loadedBy(), previous.policy().id(),
                    previous.policy().version());
        });
    }

    private Uni<LoadedPolicy> record(LoadedPolicy loaded) {
        Policy policy = loaded.policy();
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into policy_version (policy_id, version, sha256, document, source, loaded_by,
                                                    first_loaded, last_loaded)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)
                        on conflict (policy_id, version) do update set last_loaded = excluded.last_loaded
                        returning sha256""", String.class)
                .setParameter(1, policy.id())
                .setParameter(2, policy.version())
                .setParameter(3, loaded.sha256())
                .setParameter(4, loaded.document())
                .setParameter(5, loaded.source())
                .setParameter(6, loaded.loadedBy())
                .setParameter(7, loaded.loadedAt())
                .getSingleResult())
                .map(stored -> {
                    if (!stored.equals(loaded.sha256())) {
                        throw new InvalidPolicyException(loaded.source(), List.of(new PolicyError(0, "version",
                                "policy " + policy.id() + " version " + policy.version() + " is already known with "
                                        + "different content; change the version with every change")));
                    }
                    return loaded;
                });
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
