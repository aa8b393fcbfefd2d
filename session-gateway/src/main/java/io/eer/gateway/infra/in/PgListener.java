package io.eer.gateway.infra.in;

import io.eer.gateway.application.LiveSessions;
import io.eer.gateway.application.OpenSession;
import io.eer.gateway.application.RecordActions;
import io.eer.gateway.config.GatewaySettings;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.jboss.logging.Logger;

/**
 * The PostgreSQL listener ({@code eer.gateway.listener.port}, 26432): accepts client connections and runs each as a
 * {@link PgConnection} on threads of its own (two per session: client to target, target to client). Blocking I/O on
 * purpose: a session is a long-lived pair of sockets, and a blocked relay is the back-pressure.
 */
@ApplicationScoped
public class PgListener {

    private static final Logger LOG = Logger.getLogger(PgListener.class);

    private final GatewaySettings settings;
    private final OpenSession openSession;
    private final RecordActions record;
    private final LiveSessions live;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** The keys handed to clients (BackendKeyData) and how to cancel the matching session's running statement. */
    private final Map<Long, Runnable> cancelKeys = new ConcurrentHashMap<>();
    private ServerSocket server;
    private ServerTls tls;
    private Semaphore slots;

    PgListener(GatewaySettings settings, OpenSession openSession, RecordActions record, LiveSessions live,
            Clock clock) {
        this.settings = settings;
        this.openSession = openSession;
        this.record = record;
        this.live = live;
        this.clock = clock;
    }

    void start(@Observes StartupEvent ignored) throws IOException {
        GatewaySettings.Listener listener = settings.listener();
        tls = new ServerTls(listener);
        slots = new Semaphore(listener.maxConnections());
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getByName(listener.host()), listener.port()), 128);
        Thread acceptor = new Thread(this::acceptLoop, "gateway-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.infof("session gateway listening for PostgreSQL clients on %s:%d", listener.host(), port());
    }

    void stop(@Observes ShutdownEvent ignored) throws IOException {
        if (server != null) {
            server.close();
        }
    }

    /** The port the listener is bound to (the configured one, or the one picked for 0). */
    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.warnf("gateway accept failed: %s", e.getMessage());
                }
                continue;
            }
            if (!slots.tryAcquire()) {
                PgConnection.refuse(socket, "53300", "too many connections to the session gateway");
                continue;
            }
            PgConnection connection = new PgConnection(socket, this);
            Thread t = new Thread(() -> {
                try {
                    connection.run();
                } finally {
                    slots.release();
                }
            }, "gateway-client");
            t.setDaemon(true);
            t.start();
        }
    }

    GatewaySettings settings() {
        return settings;
    }

    OpenSession openSession() {
        return openSession;
    }

    RecordActions record() {
        return record;
    }

    LiveSessions live() {
        return live;
    }

    Clock clock() {
        return clock;
    }

    Socket startTls(Socket plain) {
        try {
            return tls.wrap(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh (pid, key) for a session's BackendKeyData, remembered with how to cancel it. */
    long issueCancelKey(Runnable cancel) {
        long key;
        do {
            key = random.nextLong() & 0x7fffffff_ffffffffL;
        } while (cancelKeys.putIfAbsent(key, cancel) != null);
        return key;
    }

    void forgetCancelKey(long key) {
        cancelKeys.remove(key);
    }

    /** A client's CancelRequest: cancels the matching session's statement; an unknown key is ignored (no answer). */
    void cancel(long key) {
        Runnable cancel = cancelKeys.get(key);
        if (cancel != null) {
            cancel.run();
        }
    }
}
