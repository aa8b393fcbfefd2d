package io.eer.grant.connectors;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real LDAP server for the tests: UnboundID's in-memory directory, listening on a free port of 127.0.0.1, with
 * the local run's seed (people under {@code ou=people}, the groups EER grants under {@code ou=groups}, the
 * connector's own bind entry).
 * It configures the {@code corp-directory} target (an LDAP connector) and {@code dead-directory} (nothing listens).
 */
public class TestDirectory implements QuarkusTestResourceLifecycleManager {

    public static final String BASE = "dc=eer,dc=local";
    public static final String PEOPLE = "ou=people," + BASE;
    public static final String GROUPS = "ou=groups," + BASE;
    /** The tests' own view of the directory (not the connector's identity). */
    public static final String ADMIN_DN = "cn=test-admin";
    public static final String ADMIN_PASSWORD = "test-admin-password";
    static final String SEED = "../deploy/local/directory-seed.ldif";
    /** Beside the seed's carol, dave, erin, hana, audrey. */
    static final List<String> EXTRA_PEOPLE = List.of("frank", "grace", "heidi");

    private InMemoryDirectoryServer server;

    @Override
    public Map<String, String> start() {
        try {
            InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
            config.addAdditionalBindCredentials(ADMIN_DN, ADMIN_PASSWORD);
            config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap",
                    InetAddress.getLoopbackAddress(), 0, null));
            // groupOfNames needs a member; the directory's own schema is not what is under test
            config.setSchema(null);
            server = new InMemoryDirectoryServer(config);
            // the local run's seed (deploy/local/directory-seed.ldif: people, EER's groups, the connector's entry),
            // so the tests also prove that what ./eer up loads works; plus people of the tests' own
            server.importFromLDIF(true, SEED);
            for (String id : EXTRA_PEOPLE) {
                server.add("dn: uid=" + id + "," + PEOPLE, "objectClass: inetOrgPerson", "uid: " + id, "cn: " + id,
                        "sn: " + id);
            }
            String bindDn = "cn=eer-grant-connector,ou=services," + BASE;
            String bindPassword = "eer-directory-local";
            server.startListening();
            Map<String, String> settings = new HashMap<>();
            String target = "eer.grant.targets.\"corp-directory\".";
            settings.put(target + "connector", "ldap");
            settings.put(target + "url", "ldap://127.0.0.1:" + server.getListenPort());
            settings.put(target + "username", bindDn);
            settings.put(target + "password", bindPassword);
            settings.put(target + "user-base-dn", PEOPLE);
            settings.put(target + "group-base-dn", GROUPS);
            settings.put(target + "roles", "corp_admins");
            String dead = "eer.grant.targets.\"dead-directory\".";
            settings.put(dead + "connector", "ldap");
            settings.put(dead + "url", "ldap://127.0.0.1:1");
            settings.put(dead + "username", bindDn);
            settings.put(dead + "password", bindPassword);
            settings.put(dead + "user-base-dn", PEOPLE);
            settings.put(dead + "group-base-dn", GROUPS);
            settings.put(dead + "roles", "corp_admins");
            settings.put(dead + "connect-timeout", "1s");
            return settings;
        } catch (LDAPException | com.unboundid.ldif.LDIFException e) {
            throw new IllegalStateException("the test directory did not start", e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.shutDown(true);
        }
    }

    /** A connection as the tests' administrator to the directory at {@code url} (ldap://host:port). */
    public static LDAPConnection connect(String url) throws LDAPException {
        java.net.URI uri = java.net.URI.create(url);
        return new LDAPConnection(uri.getHost(), uri.getPort(), ADMIN_DN, ADMIN_PASSWORD);
    }
}
