package io.eer.systemtests;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * The system tests' LDAP directory: UnboundID's in-memory server on a free loopback port, loaded from the same
 * {@code deploy/local/directory-seed.ldif} as {@code ./eer up}'s directory (io.eer.local.LocalDirectory), and read
 * back by the tests over real LDAP.
 */
final class TestDirectory implements AutoCloseable {

    static final String BIND_DN = "cn=eer-grant-connector,ou=services,dc=eer,dc=local";
    static final String BIND_PASSWORD = "eer-directory-local";

    private final InMemoryDirectoryServer server;

    private TestDirectory(InMemoryDirectoryServer server) {
        this.server = server;
    }

    static TestDirectory start(Path seed) {
        try {
            InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=eer,dc=local");
            config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(),
                    0, null));
            // as LocalDirectory: groupOfNames requires a member, and an EER-granted group is empty between grants
            config.setSchema(null);
            InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
            server.importFromLDIF(true, seed.toFile());
            server.startListening();
            return new TestDirectory(server);
        } catch (LDAPException e) {
            throw new IllegalStateException("cannot start the test LDAP directory from " + seed, e);
        }
    }

    String url() {
        return "ldap://127.0.0.1:" + server.getListenPort();
    }

    /** The members of {@code cn=<group>,ou=groups}, read over LDAP with the connector's bind (as an operator would). */
    List<String> members(String group) {
        try (LDAPConnection ldap = new LDAPConnection("127.0.0.1", server.getListenPort(), BIND_DN, BIND_PASSWORD)) {
            SearchResultEntry entry = ldap.getEntry("cn=" + group + ",ou=groups,dc=eer,dc=local", "member");
            if (entry == null || entry.getAttributeValues("member") == null) {
                return List.of();
            }
            return List.of(entry.getAttributeValues("member"));
        } catch (LDAPException e) {
            throw new IllegalStateException("cannot read cn=" + group + " from the test directory", e);
        }
    }

    @Override
    public void close() {
        server.shutDown(true);
    }

    static String personDn(String uid) {
        return "uid=" + uid + ",ou=people,dc=eer,dc=local";
    }
}
