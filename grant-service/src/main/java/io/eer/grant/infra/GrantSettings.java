package io.eer.grant.infra;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The grant service's settings: one connector target per system, the credential key, revocation retries. */
@ConfigMapping(prefix = "eer.grant")
public interface GrantSettings {

    /** Keyed by system id as the policy names it, e.g. {@code eer.grant.targets."payments-db".connector=postgres}. */
    Map<String, Target> targets();

    /** Base64 of 32 bytes (AES-256) encrypting undelivered credentials at rest; random per start when absent. */
    Optional<String> credentialKey();

    Revocation revocation();

    /** Where and how a system is provisioned. Which fields a connector needs is up to the connector. */
    interface Target {
        /** Connector type, e.g. {@code postgres}. */
        String connector();

        /** JDBC-style URL of the target ({@code jdbc:postgresql://host:port/db}); or host, port and database. */
        Optional<String> url();

        Optional<String> host();

        Optional<Integer> port();

        Optional<String> database();

        /** The connector's administrative login on the target. */
        Optional<String> username();

        Optional<String> password();

        /** The roles that may be granted on this target; empty: any valid role name. */
        Optional<List<String>> roles();

        /** Host and port the beneficiary should connect to, when they differ from the administrative address. */
        Optional<String> clientHost();

        Optional<Integer> clientPort();

        /** How long a connection attempt to the target may take. */
        @WithDefault("5s")
        Duration connectTimeout();
    }

    interface Revocation {
        /** Attempts at revoking on the target before the expiry message fails (and is dead-lettered). */
        @WithDefault("5")
        int attempts();

        /** First pause between attempts; doubles up to {@code max-backoff}. */
        @WithDefault("1s")
        Duration backoff();

        @WithDefault("20s")
        Duration maxBackoff();

        /** How long to wait for each terminated session to actually end. */
        @WithDefault("5s")
        Duration terminateWait();
    }
}
