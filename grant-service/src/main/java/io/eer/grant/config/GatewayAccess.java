package io.eer.grant.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code eer.grant.gateway.*}: the systems reached only through the PostgreSQL session gateway. For those, the
 * credentials endpoint hands out a short-lived one-time secret for the gateway, never the target login's password
 * (the beneficiary cannot use the target login directly); the gateway redeems it as group {@code group}.
 */
@ConfigMapping(prefix = "eer.grant.gateway")
public interface GatewayAccess {

    /** Systems behind the gateway ({@code EER_GRANT_GATEWAY_SYSTEMS}, comma-separated); none by default. */
    Optional<List<String>> systems();

    /** Where beneficiaries connect ({@code EER_GRANT_GATEWAY_HOST}, {@code EER_GRANT_GATEWAY_PORT}). */
    @WithDefault("localhost")
    String host();

    @WithDefault("26432")
    int port();

    /** How long an issued secret may be redeemed (never beyond the grant's deadline). */
    @WithDefault("PT2M")
    Duration secretTtl();

    /** The group of the gateway's service identity, the only callers of the redeem endpoint. */
    @WithDefault("session-gateways")
    String group();

    default boolean covers(String system) {
        return systems().map(list -> list.contains(system)).orElse(false);
    }
}
