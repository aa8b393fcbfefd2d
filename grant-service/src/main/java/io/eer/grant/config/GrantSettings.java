package io.eer.grant.config;

import io.eer.support.config.Consistent;
import io.eer.support.config.ConsistentSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * The grant service's settings: one connector target per system, the credential key, revocation retries. Checked at
 * start (Bean Validation): a missing or malformed credential key, or a back-off that cannot work, stops the service
 * naming the setting, instead of failing at the first grant or revocation.
 */
@ConfigMapping(prefix = "eer.grant")
@Consistent
public interface GrantSettings extends ConsistentSettings {

    /** Keyed by system id as the policy names it, e.g. {@code eer.grant.targets."payments-db".connector=postgres}. */
    Map<String, Target> targets();

    /**
     * Base64 of 32 bytes (AES-256) sealing undelivered credentials at rest; key id {@code default}. Required unless
     * {@link #credentialKeys()} is set (see {@link CredentialKeys}).
     */
    Optional<String> credentialKey();

    /** More keys for rotation, {@code id:base64,id:base64}; old keys still open what they sealed. */
    Optional<String> credentialKeys();

    /** Id of the key that seals new credentials; default {@code default} (the {@link #credentialKey()}). */
    Optional<String> credentialKeyId();

    Revocation revocation();

    Sweeper sweeper();

    Reconciler reconciler();

    /** The access policy (the file request-service loads): grant-service bounds each grant by it. */
    @WithDefault("../deploy/local/policy.yaml")
    String policyFile();

    /** Session agents by their token's {@code sub}: which systems' grants each may see and log actions for. */
    Map<String, Agent> agents();

    interface Agent {
        /** System ids (as the policy names them). Absent or empty, like an agent not configured: no grant. */
        Optional<List<String>> systems();
    }

    /** Revokes ACTIVE grants whose deadline passed, also when no AccessExpired arrives; retries failed revocations. */
    interface Sweeper {
        @WithDefault("5s")
        @DurationMin(millis = 1)
        Duration interval();

        /** How long past its deadline a grant may stay ACTIVE before the sweeper revokes it itself. */
        @WithDefault("5s")
        @DurationMin(millis = 0)
        Duration grace();

        /** First pause after a failed revocation; doubles per attempt up to {@code max-retry-backoff}. */
        @WithDefault("5s")
        @DurationMin(millis = 1)
        Duration retryBackoff();

        @WithDefault("5m")
        Duration maxRetryBackoff();

        /**
         * Grants revoked per transaction of the sweeper's poller. Small: each connector call runs while the batch's
         * row locks are held, and one batch commits (or is retried row by row) as a whole.
         */
        @WithDefault("5")
        @Min(1)
        int batchSize();
    }

    /** Removes temporary logins on the targets that no ACTIVE grant explains (left by a crash). */
    interface Reconciler {
        @WithDefault("60s")
        Duration interval();
    }

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

        /** {@code ldap}: where people's entries are ({@code uid=<beneficiary>,<user-base-dn>}). */
        Optional<String> userBaseDn();

        /** {@code ldap}: the naming attribute of people's entries; {@code uid} (Active Directory: {@code cn}). */
        @WithDefault("uid")
        String userAttribute();

        /** {@code ldap}: where the grantable groups are ({@code cn=<role>,<group-base-dn>}). */
        Optional<String> groupBaseDn();

        /** {@code webhook}: the HMAC-SHA256 secret signing every call ({@code X-EER-Signature}). */
        Optional<String> secret();

        /** {@code webhook}: attempts per call (network error, 5xx, 429, no confirmation), with doubling back-off. */
        @WithDefault("3")
        int attempts();

        /** {@code webhook}: the first pause between attempts. */
        @WithDefault("0.5s")
        Duration backoff();
    }

    interface Revocation {
        /** Quick attempts at revoking on the target before the failure is recorded and left to the sweeper. */
        @WithDefault("5")
        @Min(1)
        int attempts();

        /** First pause between attempts; doubles up to {@code max-backoff}. */
        @WithDefault("1s")
        @DurationMin(millis = 1)
        Duration backoff();

        @WithDefault("20s")
        Duration maxBackoff();

        /** How long to wait for each terminated session to actually end. */
        @WithDefault("5s")
        @DurationMin(millis = 1)
        Duration terminateWait();
    }

    @Override
    default List<String> inconsistencies() {
        List<String> broken = new ArrayList<>();
        try {
            CredentialKeys.from(this);
        } catch (IllegalStateException e) {
            broken.add(e.getMessage()); // names the setting, never the key
        }
        if (sweeper().maxRetryBackoff().compareTo(sweeper().retryBackoff()) < 0) {
            broken.add("eer.grant.sweeper.max-retry-backoff must be at least retry-backoff");
        }
        if (revocation().maxBackoff().compareTo(revocation().backoff()) < 0) {
            broken.add("eer.grant.revocation.max-backoff must be at least backoff");
        }
        return broken;
    }
}
