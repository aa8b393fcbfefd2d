package io.eer.grant.infra.out.connector;

import io.eer.grant.config.GrantSettings;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * One connector per configured target system, built at start from {@code eer.grant.targets}. An unknown connector
 * type or an incomplete target stops the service at start (a configuration error, not a runtime surprise).
 */
@Startup
@ApplicationScoped
public class Connectors {

    private static final Logger LOG = Logger.getLogger(Connectors.class);

    private final Map<String, Connector> bySystem = new HashMap<>();

    Connectors(GrantSettings settings, @Any Instance<ConnectorFactory> factories) {
        Map<String, ConnectorFactory> byType = factories.stream()
                .collect(Collectors.toMap(ConnectorFactory::type, factory -> factory));
        settings.targets().forEach((system, target) -> {
            ConnectorFactory factory = byType.get(target.connector());
            if (factory == null) {
                throw new IllegalStateException("eer.grant.targets.\"" + system + "\".connector: unknown connector '"
                        + target.connector() + "' (known: " + String.join(", ", byType.keySet()) + ")");
            }
            Connector connector = factory.create(system, target);
            bySystem.put(system, connector);
            LOG.infof("system %s is provisioned by the %s connector", system, target.connector());
            checkTarget(system, connector);
        });
    }

    /**
     * Looks at the target once at start, in the background (a target that is down must not stop the service):
     * refused roles are reported (they are refused again at every provisioning), and so is a cluster where a new
     * login could connect to databases other than the target.
     */
    private static void checkTarget(String system, Connector connector) {
        connector.checkConfiguredRoles().subscribe().with(
                problems -> problems.forEach(problem -> LOG.errorf("system %s: configured %s", system, problem)),
                e -> LOG.warnf("system %s: could not check the grantable roles at start (%s)", system, e.getMessage()));
        connector.otherDatabasesOpenToNewLogins().subscribe().with(
                databases -> {
                    if (!databases.isEmpty()) {
                        LOG.warnf("system %s: a temporary login could also connect to %s (PUBLIC has CONNECT there); "
                                + "revoke CONNECT from PUBLIC on every other database of that cluster", system,
                                String.join(", ", databases));
                    }
                },
                e -> LOG.warnf("system %s: could not check which databases new logins may reach (%s)", system,
                        e.getMessage()));
    }

    public java.util.Collection<Connector> all() {
        return bySystem.values();
    }

    public Optional<Connector> forSystem(String system) {
        return Optional.ofNullable(system).map(bySystem::get);
    }

    void close(@Observes ShutdownEvent event) {
        bySystem.values().forEach(Connector::close);
    }
}
