package io.eer.grant.infra.out.connector;

import io.eer.grant.domain.Accounts;
import io.eer.grant.config.GrantSettings;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.List;

/** {@code connector=postgres}: real PostgreSQL logins on the target, through a small reactive pool per target. */
@ApplicationScoped
public class PostgresConnectorFactory implements ConnectorFactory {

    public static final String TYPE = "postgres";

    private final Vertx vertx;
    private final GrantSettings settings;
    private final SecureRandom random = new SecureRandom();

    PostgresConnectorFactory(Vertx vertx, GrantSettings settings) {
        this.vertx = vertx;
        this.settings = settings;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Connector create(String system, GrantSettings.Target target) {
        String prefix = "eer.grant.targets.\"" + system + "\".";
        PgConnectOptions options = target.url()
                .map(url -> PgConnectOptions.fromUri(url.startsWith("jdbc:") ? url.substring(5) : url))
                .orElseGet(PgConnectOptions::new);
        target.host().ifPresent(options::setHost);
        target.port().ifPresent(options::setPort);
        target.database().ifPresent(options::setDatabase);
        if (target.url().isEmpty() && (target.host().isEmpty() || target.database().isEmpty())) {
            throw new IllegalArgumentException(prefix + "url (or host, port and database) is required");
        }
        options.setUser(target.username().orElseThrow(() -> new IllegalArgumentException(prefix + "username is required")));
        options.setPassword(target.password().orElseThrow(() -> new IllegalArgumentException(prefix + "password is required")));
        options.setConnectTimeout((int) target.connectTimeout().toMillis());
        options.setReconnectAttempts(0);
        options.setCachePreparedStatements(false);
        List<String> roles = target.roles().orElse(List.of());
        roles.stream().filter(role -> !Accounts.isIdentifier(role)).findFirst().ifPresent(role -> {
            throw new IllegalArgumentException(prefix + "roles: '" + role + "' is not a valid role name");
        });
        roles.stream().filter(GrantableRoles::isPredefined).findFirst().ifPresent(role -> {
            throw new IllegalArgumentException(prefix + "roles: '" + role + "' is a predefined PostgreSQL role (pg_*) "
                    + "and is never grantable");
        });
        PoolOptions poolOptions = new PoolOptions().setMaxSize(2).setName("eer-target-" + system)
                .setIdleTimeout(60).setConnectionTimeout((int) target.connectTimeout().toSeconds() + 1);
        Pool pool = PgBuilder.pool().with(poolOptions).connectingTo(options).using(vertx).build();
        LoginEndpoint login = new LoginEndpoint(target.clientHost().orElse(options.getHost()),
                target.clientPort().orElse(options.getPort()), options.getDatabase());
        return new PostgresConnector(system, pool, login, roles, settings.revocation().terminateWait(), random);
    }

    /** Where the beneficiary logs in. */
    record LoginEndpoint(String host, int port, String database) {
    }
}
