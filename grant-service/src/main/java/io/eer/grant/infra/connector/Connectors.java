package io.eer.grant.infra.connector;

import io.eer.grant.infra.GrantSettings;
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
            bySystem.put(system, factory.create(system, target));
            LOG.infof("system %s is provisioned by the %s connector", system, target.connector());
        });
    }

    public Optional<Connector> forSystem(String system) {
        return Optional.ofNullable(system).map(bySystem::get);
    }

    void close(@Observes ShutdownEvent event) {
        bySystem.values().forEach(Connector::close);
    }
}
