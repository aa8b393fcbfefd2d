package io.eer.grant.infra.out.connector;

/**
 * What was created: the account, its one-time secret, and where the beneficiary logs in ({@code host},
 * {@code port}, {@code database} may be null for targets where they mean nothing).
 */
public record Provisioned(String account, Secret secret, String host, Integer port, String database) {
}
