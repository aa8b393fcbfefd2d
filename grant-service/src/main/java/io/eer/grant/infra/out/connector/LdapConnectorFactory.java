package io.eer.grant.infra.out.connector;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import io.eer.grant.config.GrantSettings;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.List;

/**
 * {@code connector=ldap}: group membership in an LDAP directory or Active Directory. Settings of the target:
 * {@code url} ({@code ldap://host:389} or {@code ldaps://host:636}), {@code username} (the bind DN) and
 * {@code password}, {@code user-base-dn}, {@code user-attribute} ({@code uid}), {@code group-base-dn}, and
 * {@code roles}: the group names (RDN {@code cn=<role>}) that may be granted, required.
 */
@ApplicationScoped
public class LdapConnectorFactory implements ConnectorFactory {

    public static final String TYPE = "ldap";

    private final Vertx vertx;

    LdapConnectorFactory(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Connector create(String system, GrantSettings.Target target) {
        String prefix = "eer.grant.targets.\"" + system + "\".";
        URI url = URI.create(target.url().orElseThrow(() -> new IllegalArgumentException(prefix
                + "url (ldap://host:port or ldaps://host:port) is required")));
        if (!"ldap".equals(url.getScheme()) && !"ldaps".equals(url.getScheme())) {
            throw new IllegalArgumentException(prefix + "url: ldap:// or ldaps:// expected");
        }
        boolean tls = "ldaps".equals(url.getScheme());
        String host = target.host().orElse(url.getHost());
        int port = target.port().orElse(url.getPort() > 0 ? url.getPort() : tls ? 636 : 389);
        String bindDn = target.username().orElseThrow(() -> new IllegalArgumentException(prefix
                + "username (the bind DN) is required"));
        String password = target.password().filter(p -> !p.isEmpty()).orElseThrow(() ->
                new IllegalArgumentException(prefix + "password (the bind password) is required"));
        DN people = dn(prefix + "user-base-dn", target.userBaseDn());
        DN groups = dn(prefix + "group-base-dn", target.groupBaseDn());
        dn(prefix + "username", java.util.Optional.of(bindDn));
        List<String> roles = target.roles().filter(list -> !list.isEmpty()).orElseThrow(() ->
                new IllegalArgumentException(prefix + "roles (the groups that may be granted) is required"));
        roles.stream().filter(role -> !LdapConnector.isGroupName(role)).findFirst().ifPresent(role -> {
            throw new IllegalArgumentException(prefix + "roles: '" + role + "' is not a plain group name");
        });
        if (!target.userAttribute().matches("[A-Za-z][A-Za-z0-9-]{0,63}")) {
            throw new IllegalArgumentException(prefix + "user-attribute: an attribute name expected");
        }
        LdapConnector.Endpoint endpoint = new LdapConnector.Endpoint(host, port, tls, bindDn, password,
                target.connectTimeout());
        return new LdapConnector(system, vertx, endpoint, people, target.userAttribute(), groups, roles);
    }

    private static DN dn(String setting, java.util.Optional<String> value) {
        String text = value.orElseThrow(() -> new IllegalArgumentException(setting + " is required"));
        try {
            return new DN(text);
        } catch (LDAPException e) {
            throw new IllegalArgumentException(setting + ": not a distinguished name");
        }
    }
}
