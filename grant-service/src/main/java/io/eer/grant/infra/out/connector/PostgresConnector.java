package io.eer.grant.infra.out.connector;

import io.eer.grant.domain.Accounts;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Real access on a PostgreSQL target: a temporary LOGIN role per grant, member of the requested role, with a
 * generated password (sent as a SCRAM verifier) and {@code VALID UNTIL} the deadline, a target-side safety net if
 * revocation ever fails. Revocation: NOLOGIN, terminate its sessions, revoke its memberships, drop it, check.
 *
 * <p>The connector's login needs CREATEROLE with ADMIN OPTION on the grantable roles, and the right to terminate
 * the temporary roles' backends (superuser, or membership in {@code pg_signal_backend}).
 */
final class PostgresConnector implements Connector {

    private static final Logger LOG = Logger.getLogger(PostgresConnector.class);
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
    private static final int PASSWORD_LENGTH = 32;
    /**
     * PBKDF2 rounds in the login's SCRAM verifier. Rounds slow down guessing a password that someone chose; this one is
     * {@value #PASSWORD_LENGTH} characters drawn at random from {@code ALPHABET} (~187 bits), which no number of rounds
     * makes easier or harder to guess, and a stolen verifier does not log in whatever the count. At PostgreSQL's 4096
     * the derivation was the largest single cost of a grant (docs/performance.md, P7).
     */
    private static final int SCRAM_ITERATIONS = 64;
    private static final int SCRAM_SALT_BYTES = 16;

    private final String system;
    /** Used through withConnection only: a query on the pool itself fails twice when the target is down
     * (vertx-sql-client #1706: its acquisition timer outlives the failed connect), logged as an uncaught error. */
    private final Pool pool;
    private final PostgresConnectorFactory.LoginEndpoint login;
    private final List<String> grantableRoles;
    private final Duration terminateWait;
    private final SecureRandom random;

    PostgresConnector(String system, Pool pool, PostgresConnectorFactory.LoginEndpoint login,
            List<String> grantableRoles, Duration terminateWait, SecureRandom random) {
        this.system = system;
        this.pool = pool;
        this.login = login;
        this.grantableRoles = List.copyOf(grantableRoles);
        this.terminateWait = terminateWait;
        this.random = random;
    }

    @Override
    public String type() {
        return PostgresConnectorFactory.TYPE;
    }

    @Override
    public String system() {
        return system;
    }

    @Override
    public void close() {
        pool.closeAndForget();
    }

    @Override
    public Uni<Provisioned> provision(Provisioning request) {
        return Uni.createFrom().deferred(() -> {
            String role = PgSql.identifier(request.role());
            if (!grantableRoles.isEmpty() && !grantableRoles.contains(request.role())) {
                throw new IllegalArgumentException("role '" + request.role() + "' may not be granted on " + system
                        + " (grantable: " + String.join(", ", grantableRoles) + ")");
            }
            if (GrantableRoles.isPredefined(request.role())) {
                throw new IllegalArgumentException("role '" + request.role() + "' is a predefined pg_* role and is "
                        + "never granted");
            }
            // one name per request: a redelivered Approved after a crash finds the login it created before
            String account = Accounts.forRequest(request.requestId());
            String quoted = PgSql.identifier(account);
            char[] password = password();
            // pgjdbc's encoder: the plaintext never reaches the server. It wipes the array it is given, so it
            // gets a copy: the secret itself is handed to the beneficiary
            String verifier = org.postgresql.util.PasswordUtil.encodeScramSha256(password.clone(), SCRAM_ITERATIONS,
                    salt());
            Instant validUntil = validUntil(request.expiresAt());
            String attributes = " WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT"
                    + " PASSWORD " + PgSql.literal(verifier)
                    + " VALID UNTIL " + PgSql.literal(validUntil.toString());
            String create = "CREATE ROLE " + quoted + attributes + " IN ROLE " + role;
            String comment = "COMMENT ON ROLE " + quoted + " IS "
                    + PgSql.literal("EER temporary login: grant " + request.grantId() + ", request "
                            + request.requestId() + ", for " + request.beneficiary() + ", until " + validUntil);
            Secret secret = new Secret(password);
            Arrays.fill(password, '\0');
            return pool.withTransaction(connection -> checkGrantable(connection, request.role())
                    .chain(() -> exists(connection, account))
                    .chain(exists -> exists
                            ? recreate(connection, account, create)
                            : connection.query(create).execute().replaceWithVoid())
                    .chain(() -> connection.query(comment).execute()))
                    .onFailure().invoke(secret::wipe)
                    .map(ignored -> {
                        LOG.infof("created login %s on %s (role %s, valid until %s)", account, system,
                                request.role(), validUntil);
                        return new Provisioned(account, secret, login.host(), login.port(), login.database());
                    });
        });
    }

    /** Whole seconds, rounded up: the target never lets the login outlive the grant by more than that. */
    private static Instant validUntil(Instant expiresAt) {
        return expiresAt.truncatedTo(ChronoUnit.SECONDS).plusSeconds(expiresAt.getNano() > 0 ? 1 : 0);
    }

    /**
     * Moves the login's {@code VALID UNTIL} to the new deadline (the target's own safety net would otherwise refuse
     * new logins from the old deadline on). A login that is no longer there fails the extension.
     */
    @Override
    public Uni<Void> extend(String account, String role, Instant expiresAt) {
        return Uni.createFrom().deferred(() -> {
            if (!Accounts.isTemporaryAccount(account)) {
                throw new IllegalArgumentException("'" + account + "' is not an EER temporary login; not touching it");
            }
            Instant validUntil = validUntil(expiresAt);
            String alter = "ALTER ROLE " + PgSql.identifier(account) + " VALID UNTIL "
                    + PgSql.literal(validUntil.toString());
            return pool.withConnection(connection -> exists(connection, account).chain(exists -> {
                if (!exists) {
                    throw new IllegalStateException("login " + account + " is not on " + system + " any more");
                }
                return connection.query(alter).execute();
            })).invoke(() -> LOG.infof("login %s on %s now valid until %s", account, system, validUntil))
                    .replaceWithVoid();
        });
    }

    /**
     * The login exists already: an earlier attempt for this request created it and then failed to record the
     * grant (a crash). Nobody ever received its password, so it is disabled, its sessions ended and it is dropped
     * and created afresh in this same target transaction (attributes and memberships exactly as a new one; ALTER
     * could not even reset REPLICATION/BYPASSRLS without a superuser): still exactly one login per request.
     */
    private Uni<Void> recreate(SqlConnection connection, String account, String create) {
        LOG.warnf("login %s on %s already exists (an interrupted earlier attempt for the same request): dropping and "
                + "recreating it", account, system);
        String quoted = PgSql.identifier(account);
        return connection.query("ALTER ROLE " + quoted + " NOLOGIN").execute()
                .chain(() -> terminateSessions(connection, account))
                .chain(() -> connection.query("DROP ROLE " + quoted).execute())
                .chain(() -> connection.query(create).execute())
                .replaceWithVoid();
    }

    /** The logins that look like EER's on this target, with their comments (the reconciler decides about them). */
    @Override
    public Uni<List<TemporaryLogin>> temporaryLogins() {
        return Uni.createFrom().deferred(() -> pool.withConnection(connection -> connection.preparedQuery(
                        "select r.rolname, shobj_description(r.oid, 'pg_authid') as comment from pg_roles r "
                                + "where r.rolname ~ $1")
                .execute(Tuple.of("^eer_[0-9a-f]{32}$")))
                .map(rows -> {
                    List<TemporaryLogin> logins = new ArrayList<>();
                    rows.forEach(row -> {
                        if (Accounts.isReconcilable(row.getString("rolname"))) {
                            logins.add(new TemporaryLogin(row.getString("rolname"), row.getString("comment")));
                        }
                    });
                    return logins;
                }));
    }

    /** Databases other than the target that any new login may connect to (PUBLIC has CONNECT). */
    @Override
    public Uni<List<String>> otherDatabasesOpenToNewLogins() {
        return Uni.createFrom().deferred(() -> pool.withConnection(connection -> connection.query(
                        "select datname from pg_database where datallowconn and datname <> current_database() "
                                + "and has_database_privilege('public', oid, 'CONNECT') order by datname").execute())
                .map(rows -> {
                    List<String> names = new ArrayList<>();
                    rows.forEach(row -> names.add(row.getString("datname")));
                    return names;
                }));
    }

    /**
     * Never hand out a role that does not exist, can log in itself, holds a dangerous attribute, is a predefined
     * {@code pg_*} role, or is (transitively) a member of one of those.
     */
    private Uni<Void> checkGrantable(SqlConnection connection, String role) {
        return connection.preparedQuery("select rolcanlogin from pg_roles where rolname = $1")
                .execute(Tuple.of(role)).chain(rows -> {
                    if (rows.size() == 0) {
                        throw new IllegalArgumentException("role '" + role + "' does not exist on " + system);
                    }
                    if (rows.iterator().next().getBoolean("rolcanlogin")) {
                        throw new IllegalArgumentException("role '" + role + "' can log in itself; only NOLOGIN "
                                + "group roles are granted");
                    }
                    return connection.preparedQuery(GrantableRoles.PRIVILEGED_ANCESTRY).execute(Tuple.of(role));
                }).map(rows -> {
                    if (rows.size() > 0) {
                        List<String> reasons = new ArrayList<>();
                        rows.forEach(row -> reasons.add(row.getString("rolname")));
                        throw new IllegalArgumentException("role '" + role + "' is privileged or reaches a privileged "
                                + "role (" + String.join(", ", reasons) + ": superuser, createrole, createdb, "
                                + "replication, bypassrls or a predefined pg_* role) and is never granted");
                    }
                    return null;
                });
    }

    /** At start: the configured roles, checked like at provision time; returns the problems found. */
    @Override
    public Uni<List<String>> checkConfiguredRoles() {
        return Uni.createFrom().deferred(() -> pool.withConnection(connection -> Multi.createFrom()
                .iterable(grantableRoles)
                .onItem().transformToUniAndConcatenate(role -> checkGrantable(connection, role)
                        .map(ok -> (String) null)
                        .onFailure(IllegalArgumentException.class).recoverWithItem(Throwable::getMessage))
                .filter(problem -> problem != null)
                .collect().asList()));
    }

    @Override
    public Uni<Revocation> revoke(String account, String role) {
        return Uni.createFrom().deferred(() -> {
            if (!Accounts.isTemporaryAccount(account)) {
                throw new IllegalArgumentException("'" + account + "' is not an EER temporary login; not touching it");
            }
            String quoted = PgSql.identifier(account);
            return pool.withConnection(connection -> exists(connection, account).chain(exists -> {
                Uni<Void> disable = exists
                        ? connection.query("ALTER ROLE " + quoted + " NOLOGIN").execute().replaceWithVoid()
                        : Uni.createFrom().voidItem();
                return disable
                        .chain(() -> terminateSessions(connection, account))
                        .call(() -> exists ? revokeMemberships(connection, account) : Uni.createFrom().voidItem())
                        .call(() -> exists ? dropRole(connection, account, role) : Uni.createFrom().voidItem())
                        .chain(terminated -> check(connection, account).map(leftovers -> {
                            Revocation revocation = new Revocation(terminated, leftovers.isEmpty(), leftovers);
                            LOG.infof("revoked login %s on %s: %d session(s) terminated, confirmed=%s%s", account,
                                    system, terminated, revocation.confirmed(),
                                    leftovers.isEmpty() ? "" : " (left: " + leftovers + ")");
                            return revocation;
                        }));
            }));
        });
    }

    private static Uni<Boolean> exists(SqlConnection connection, String account) {
        return connection.preparedQuery("select 1 from pg_roles where rolname = $1").execute(Tuple.of(account))
                .map(rows -> rows.size() > 0);
    }

    /** Terminates every backend of the login and waits for each to end; returns how many were terminated. */
    private Uni<Integer> terminateSessions(SqlConnection connection, String account) {
        return connection.preparedQuery("select count(*) filter (where pg_terminate_backend(pid, $2)) as terminated "
                + "from pg_stat_activity where usename = $1 and pid <> pg_backend_pid()")
                .execute(Tuple.of(account, terminateWait.toMillis()))
                .map(rows -> rows.iterator().next().getLong("terminated").intValue());
    }

    /** Every membership the login holds (the granted role, and any added behind EER's back). */
    private static Uni<Void> revokeMemberships(SqlConnection connection, String account) {
        return connection.preparedQuery("select g.rolname from pg_auth_members m "
                + "join pg_roles g on g.oid = m.roleid join pg_roles u on u.oid = m.member where u.rolname = $1")
                .execute(Tuple.of(account))
                .chain(rows -> {
                    List<String> groups = new ArrayList<>();
                    rows.forEach(row -> groups.add(row.getString("rolname")));
                    return Multi.createFrom().iterable(groups)
                            .onItem().transformToUniAndConcatenate(group -> connection.query("REVOKE "
                                    + PgSql.catalogIdentifier(group) + " FROM " + PgSql.identifier(account)).execute())
                            .collect().last();
                }).replaceWithVoid();
    }

    /**
     * Hands what the login created to the granted role (it is evidence), drops its privileges and the login.
     * A failure here leaves a login that can neither log in nor act; the check reports it (confirmed=false).
     */
    private Uni<Void> dropRole(SqlConnection connection, String account, String role) {
        String quoted = PgSql.identifier(account);
        String heir = Accounts.isIdentifier(role) ? PgSql.identifier(role) : "CURRENT_USER";
        // usually the login owns nothing and simply goes; only when it does (2BP01) is its property handed over
        return connection.query("DROP ROLE IF EXISTS " + quoted).execute().replaceWithVoid()
                .onFailure().recoverWithUni(e -> tolerant(connection, "REASSIGN OWNED BY " + quoted + " TO " + heir)
                        .chain(() -> tolerant(connection, "DROP OWNED BY " + quoted))
                        .chain(() -> tolerant(connection, "DROP ROLE IF EXISTS " + quoted)));
    }

    private Uni<Void> tolerant(SqlConnection connection, String sql) {
        return connection.query(sql).execute().replaceWithVoid()
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("on %s, '%s' failed: %s", system, sql, e.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }

    /** What is left of the login: empty when the revocation is confirmed. */
    private static Uni<String> check(SqlConnection connection, String account) {
        return connection.preparedQuery("select "
                + "(select count(*) from pg_roles where rolname = $1) as roles, "
                + "(select count(*) from pg_auth_members m join pg_roles u on u.oid = m.member where u.rolname = $1) "
                + "as memberships, "
                + "(select count(*) from pg_stat_activity where usename = $1) as sessions")
                .execute(Tuple.of(account)).map(PostgresConnector::leftovers);
    }

    private static String leftovers(RowSet<Row> rows) {
        Row row = rows.iterator().next();
        List<String> left = new ArrayList<>();
        if (row.getLong("roles") > 0) {
            left.add("role still exists");
        }
        if (row.getLong("memberships") > 0) {
            left.add(row.getLong("memberships") + " role membership(s)");
        }
        if (row.getLong("sessions") > 0) {
            left.add(row.getLong("sessions") + " live session(s)");
        }
        return String.join(", ", left);
    }

    private char[] password() {
        char[] password = new char[PASSWORD_LENGTH];
        for (int i = 0; i < password.length; i++) {
            password[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return password;
    }

    private byte[] salt() {
        byte[] salt = new byte[SCRAM_SALT_BYTES];
        random.nextBytes(salt);
        return salt;
    }
}
