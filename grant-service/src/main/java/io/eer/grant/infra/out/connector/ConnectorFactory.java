package io.eer.grant.infra.out.connector;

import io.eer.grant.config.GrantSettings;

/**
 * Makes connectors of one {@link #type()}. To add a connector, implement this as an {@code @ApplicationScoped}
 * bean; every {@code eer.grant.targets."<system>".connector=<type>} then gets one {@link Connector} from it.
 */
public interface ConnectorFactory {

    String type();

    /** Validates {@code target} (throw {@link IllegalArgumentException} naming the setting) and builds the connector. */
    Connector create(String system, GrantSettings.Target target);
}
