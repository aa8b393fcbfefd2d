package io.eer.grant.infra.out.connector;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.jboss.logging.Logger;

/**
 * Access as membership in a directory group (LDAP, Active Directory): at grant the beneficiary's own entry
 * ({@code <user-attribute>=<beneficiary>,<user-base-dn>}) is added to the group {@code cn=<role>,<group-base-dn>}
 * (attribute {@code member}, a DN, as in {@code groupOfNames} and AD groups); at revocation it is removed and read
 * back. No account and no secret is made: the person signs in with their own directory identity, so the account
 * recorded is their DN, and two grants of one group for one person share it ({@link #sharesAccounts()}).
 *
 * <p>Only the configured groups are ever touched, and only the member value of people under {@code user-base-dn}.
 * The groups EER grants should be reserved for it: a standing member granted the same group by EER would lose the
 * membership when the grant ends. The UnboundID SDK blocks, so every call runs on a worker thread; one short-lived,
 * bound connection per call (grants are rare; nothing to keep alive, nothing stale after a directory restart).
 */
final class LdapConnector implements Connector {

    private static final Logger LOG = Logger.getLogger(LdapConnector.class);
    private static final String MEMBER = "member";
    private static final Pattern GROUP_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}");
    private static final int MAX_BENEFICIARY = 256;

    /** Where and as whom the connector binds; the password never appears in {@link #toString()}. */
    record Endpoint(String host, int port, boolean tls, String bindDn, String password, Duration timeout) {
        @Override
        public String toString() {
            return "ldap" + (tls ? "s" : "") + "://" + host + ":" + port + " as " + bindDn;
        }
    }

    private final String system;
    private final Vertx vertx;
    private final Endpoint endpoint;
    private final DN people;
    private final String userAttribute;
    private final DN groups;
    private final List<String> grantableGroups;

    LdapConnector(String system, Vertx vertx, Endpoint endpoint, DN people, String userAttribute, DN groups,
            List<String> grantableGroups) {
        this.system = system;
        this.vertx = vertx;
        this.endpoint = endpoint;
        this.people = people;
        this.userAttribute = userAttribute;
        this.groups = groups;
        this.grantableGroups = List.copyOf(grantableGroups);
    }

    static boolean isGroupName(String name) {
        return name != null && GROUP_NAME.matcher(name).matches();
    }

    @Override
    public String type() {
        return LdapConnectorFactory.TYPE;
    }

    @Override
    public String system() {
        return system;
    }

    @Override
    public boolean sharesAccounts() {
        return true;
    }

    @Override
    public Uni<Provisioned> provision(Provisioning request) {
        return Uni.createFrom().deferred(() -> {
            DN group = group(request.role());
            DN member = person(request.beneficiary());
            return blocking(connection -> {
                if (connection.getEntry(member.toString(), "1.1") == null) {
                    throw new IllegalArgumentException("'" + request.beneficiary() + "' has no entry under "
                            + people + " on " + system);
                }
                if (connection.getEntry(group.toString(), "1.1") == null) {
                    throw new IllegalArgumentException("group " + group + " does not exist on " + system);
                }
                try {
                    connection.modify(group.toString(), new Modification(ModificationType.ADD, MEMBER,
                            member.toString()));
                } catch (LDAPException e) {
                    // already a member: a redelivered Approved, or an overlapping grant of the same group
                    if (e.getResultCode() != ResultCode.ATTRIBUTE_OR_VALUE_EXISTS) {
                        throw e;
                    }
                }
                if (!isMember(connection, group, member)) {
                    throw new IllegalStateException("the directory accepted the change but " + member
                            + " is not a member of " + group);
                }
                LOG.infof("%s: %s added to %s (grant %s, request %s, until %s)", system, member, group,
                        request.grantId(), request.requestId(), request.expiresAt());
                return new Provisioned(member.toString(), null, endpoint.host(), endpoint.port(), null);
            });
        });
    }

    /**
     * Nothing to move: a group membership has no deadline on the directory; it lasts until {@link #revoke} removes it
     * at the (new) deadline.
     */
    @Override
    public Uni<Void> extend(String account, String role, Instant expiresAt) {
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Revocation> revoke(String account, String role) {
        return Uni.createFrom().deferred(() -> {
            DN member = ours(account);
            // no role: the reconciler's call, which knows only the account; every grantable group then
            List<DN> from = role == null ? grantableGroups.stream().map(this::group).toList() : List.of(group(role));
            return blocking(connection -> {
                for (DN group : from) {
                    try {
                        connection.modify(group.toString(), new Modification(ModificationType.DELETE, MEMBER,
                                member.toString()));
                    } catch (LDAPException e) {
                        // not a member (any more), or the group is gone: nothing to remove; the read-back decides
                        if (e.getResultCode() != ResultCode.NO_SUCH_ATTRIBUTE
                                && e.getResultCode() != ResultCode.NO_SUCH_OBJECT) {
                            throw e;
                        }
                    }
                    // confirmed only by reading it back: a membership still there fails the revocation (retried)
                    if (isMember(connection, group, member)) {
                        throw new IllegalStateException(member + " is still a member of " + group + " on " + system);
                    }
                }
                LOG.infof("%s: %s removed from %s, read back: not a member", system, member, from);
                return new Revocation(0, true, "");
            });
        });
    }

    /** Whether {@code member} is a value of the group's {@code member} attribute (a missing group: no). */
    private static boolean isMember(LDAPConnection connection, DN group, DN member) throws LDAPException {
        try {
            return connection.compare(group.toString(), MEMBER, member.toString()).compareMatched();
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                return false;
            }
            throw e;
        }
    }

    private DN group(String role) {
        if (!isGroupName(role) || !grantableGroups.contains(role)) {
            throw new IllegalArgumentException("group '" + role + "' may not be granted on " + system
                    + " (grantable: " + String.join(", ", grantableGroups) + ")");
        }
        return new DN(new RDN("cn", role), groups);
    }

    /** The beneficiary's entry; the SDK escapes the value, so a name cannot add RDNs or reach another subtree. */
    private DN person(String beneficiary) {
        if (beneficiary == null || beneficiary.isBlank() || beneficiary.length() > MAX_BENEFICIARY
                || beneficiary.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("the beneficiary is not a directory name");
        }
        return new DN(new RDN(userAttribute, beneficiary), people);
    }

    /** An account this connector gave out: a person's DN directly under the people base. */
    private DN ours(String account) {
        try {
            DN dn = new DN(account);
            if (dn.getParent() == null || !dn.getParent().equals(people)) {
                throw new IllegalArgumentException("'" + account + "' is not under " + people + "; not touching it");
            }
            return dn;
        } catch (LDAPException e) {
            throw new IllegalArgumentException("'" + account + "' is not a distinguished name");
        }
    }

    private interface DirectoryWork<T> {
        T apply(LDAPConnection connection) throws LDAPException;
    }

    /** Binds, does the work on a worker thread, unbinds; the SDK's failures come back as the Uni's failure. */
    private <T> Uni<T> blocking(DirectoryWork<T> work) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            try (LDAPConnection connection = connect()) {
                return work.apply(connection);
            } catch (LDAPException e) {
                throw new DirectoryException(e);
            }
        }), false);
    }

    private LDAPConnection connect() throws LDAPException {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis((int) endpoint.timeout().toMillis());
        options.setResponseTimeoutMillis(endpoint.timeout().toMillis());
        options.setAutoReconnect(false);
        LDAPConnection connection;
        if (endpoint.tls()) {
            try {
                // the JVM's trust store: an AD domain controller's certificate must chain to a trusted CA
                connection = new LDAPConnection(SSLContext.getDefault().getSocketFactory(), options);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("TLS is not available", e);
            }
        } else {
            connection = new LDAPConnection(options);
        }
        try {
            connection.connect(endpoint.host(), endpoint.port());
            connection.bind(endpoint.bindDn(), endpoint.password());
            return connection;
        } catch (LDAPException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * A directory failure: the result code and the SDK's diagnostic (never the bind password, which the SDK does
     * not repeat). Its class name is what {@code RevocationFailed.error} records.
     */
    static final class DirectoryException extends RuntimeException {
        DirectoryException(LDAPException e) {
            super("directory answered " + e.getResultCode() + ": " + e.getExceptionMessage(), null, false, false);
        }
    }

    @Override
    public String toString() {
        return "LdapConnector[" + system + ", " + endpoint + "]";
    }

}
