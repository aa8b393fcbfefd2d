package io.eer.local;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import java.net.InetAddress;

/**
 * The local run's LDAP directory (./eer up): UnboundID's in-memory server on 127.0.0.1:&lt;port&gt;, loaded from an
 * LDIF file (deploy/local/directory-seed.ldif: the demo people, the groups grant-service grants on
 * {@code corp-directory} and {@code hr-portal}, and the connector's bind entry). Nothing is persisted: every start
 * begins from the seed. Usage: {@code LocalDirectory <port> <seed.ldif>}; runs until killed.
 */
public final class LocalDirectory {

    private LocalDirectory() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: LocalDirectory <port> <seed.ldif>");
            System.exit(64);
        }
        int port = Integer.parseInt(args[0]);
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=eer,dc=local");
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(),
                port, null));
        // groupOfNames requires a member; an EER-granted group is empty between grants
        config.setSchema(null);
        InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
        int entries = server.importFromLDIF(true, args[1]);
        server.startListening();
        System.out.printf("LDAP directory ready on 127.0.0.1:%d (%d entries from %s)%n", port, entries, args[1]);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.shutDown(true)));
        Thread.currentThread().join();
    }
}
