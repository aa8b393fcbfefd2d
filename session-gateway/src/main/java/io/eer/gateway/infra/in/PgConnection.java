package io.eer.gateway.infra.in;

import io.eer.gateway.application.LiveSessions;
import io.eer.gateway.application.OpenSession;
import io.eer.gateway.application.RecordActions;
import io.eer.gateway.application.Refused;
import io.eer.gateway.domain.GatewaySession;
import io.eer.gateway.domain.PgMessages;
import io.eer.gateway.domain.SessionRefusal;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * One client connection: the startup (TLS, one-time secret as a cleartext password over TLS, never MD5), the login
 * upstream (by {@link OpenSession}), then the relay. Every simple Query and every extended-protocol Execute is
 * recorded (and committed) before it is passed on; Parse/Bind are remembered per connection so an Execute is
 * recorded with its statement's text, also after pgJDBC switched to a named statement. The target's messages are
 * relayed whole, under a lock, so the cut-off's FATAL lands between two messages.
 */
final class PgConnection implements LiveSessions.Live {

    private static final Logger LOG = Logger.getLogger(PgConnection.class);

    private final Socket socket;
    private final PgListener gateway;
    private final Object clientWrite = new Object();
    private final AtomicBoolean ended = new AtomicBoolean();
    /** Requests (Query, Sync) passed upstream whose ReadyForQuery has not come back: the target is busy. */
    private final AtomicInteger pending = new AtomicInteger();
    private final Map<String, String> statements = new HashMap<>();
    private final Map<String, String> portals = new HashMap<>();
    private volatile String cutReason;
    /** The deadline an {@code AccessExtended} moved this session to (null: the one it was opened with). */
    private volatile Instant extendedTo;
    private Socket client;
    private OutputStream clientOut;
    private OpenSession.Opened session;
    private long cancelKey = -1;

    PgConnection(Socket socket, PgListener gateway) {
        this.socket = socket;
        this.client = socket;
        this.gateway = gateway;
    }

    @Override
    public String sessionId() {
        return session.sessionId();
    }

    @Override
    public String grantId() {
        return session.grantId();
    }

    @Override
    public Instant deadline() {
        Instant moved = extendedTo;
        return moved != null ? moved : session.deadline();
    }

    @Override
    public void extendTo(Instant deadline) {
        extendedTo = deadline;
        gateway.record().extend(session.log(), deadline);
    }

    void run() {
        try {
            socket.setTcpNoDelay(true);
            InputStream in = startup();
            if (in == null) {
                return;
            }
            relayClient(in);
        } catch (IOException | UncheckedIOException | PgMessages.ProtocolViolation e) {
            if (cutReason == null && !ended.get()) {
                LOG.debugf("gateway connection ended: %s", e.getMessage());
            }
        } finally {
            end();
        }
    }

    /** Up to ReadyForQuery; answers the client's stream, or null when the connection was refused or cancelled. */
    private InputStream startup() throws IOException {
        InputStream in = socket.getInputStream();
        boolean tls = false;
        PgMessages.Startup startup;
        while (true) {
            startup = PgMessages.readStartup(in);
            if (startup.code() == PgMessages.SSL_REQUEST && !tls) {
                if (in.available() > 0) {
                    // bytes pipelined after SSLRequest would be read as if encrypted (CVE-2021-23214): refuse
                    throw new PgMessages.ProtocolViolation("data after SSLRequest");
                }
                socket.getOutputStream().write('S');
                socket.getOutputStream().flush();
                client = gateway.startTls(socket);
                in = client.getInputStream();
                tls = true;
            } else if (startup.code() == PgMessages.GSSENC_REQUEST && !tls) {
                socket.getOutputStream().write('N');
                socket.getOutputStream().flush();
            } else if (startup.code() == PgMessages.CANCEL_REQUEST) {
                if (startup.rest().length >= 8) {
                    ByteBuffer b = ByteBuffer.wrap(startup.rest());
                    gateway.cancel(((long) b.getInt() << 32) | (b.getInt() & 0xffffffffL));
                }
                return null; // never answered (protocol rule)
            } else {
                break;
            }
        }
        in = new BufferedInputStream(in, 16 * 1024);
        clientOut = new BufferedOutputStream(client.getOutputStream(), 16 * 1024);
        if ((startup.code() >>> 16) != 3) {
            fatal("0A000", "unsupported frontend protocol; the session gateway speaks 3.0");
            return null;
        }
        Map<String, String> params = PgMessages.startupParameters(startup.rest());
        if ((startup.code() & 0xffff) != 0 || params.keySet().stream().anyMatch(k -> k.startsWith("_pq_."))) {
            negotiateVersion(params);
        }
        boolean loopback = socket.getInetAddress().isLoopbackAddress();
        if (!tls && !(loopback && gateway.settings().listener().plaintextOnLoopback())) {
            fatal("28000", "the session gateway requires TLS (sslmode=require)");
            return null;
        }
        if (params.containsKey("replication")) {
            fatal("28000", "replication connections are not relayed");
            return null;
        }
        String user = params.getOrDefault("user", "");
        String database = params.getOrDefault("database", user);
        PgMessages.write(clientOut, 'R', PgMessages.authRequest(3, new byte[0]));
        clientOut.flush();
        PgMessages.Message password;
        try {
            password = PgMessages.read(in, 4096);
        } catch (java.io.EOFException e) {
            return null; // psql closes here, asks for the password and comes back: not a failed attempt
        }
        if (password.type() != 'p') {
            throw new PgMessages.ProtocolViolation("expected a password message");
        }
        String secret = PgMessages.string(password.body(), 0);
        try {
            session = gateway.openSession().execute(secret, user, database, params);
        } catch (Refused refused) {
            LOG.infof("gateway login refused (%s) from %s", refused.rule().rule(), socket.getInetAddress());
            if (refused.rule() == SessionRefusal.SESSION_ENDED) {
                fatal("28000", "the access grant has ended");
            } else {
                fatal("28P01", "password authentication failed for user \"" + user + "\"");
            }
            return null;
        } catch (RecordActions.Unrecorded e) {
            fatal("58000", "the session could not be recorded; try again");
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (IOException e) {
            // grant-service or the target is unreachable or refused: the client learns no internal detail
            LOG.warnf("gateway session not opened: %s", e.getMessage());
            fatal("08006", "the session gateway could not open the session on the target");
            return null;
        }
        cancelKey = gateway.issueCancelKey(this::cancelRunning);
        synchronized (clientWrite) {
            PgMessages.write(clientOut, 'R', PgMessages.authRequest(0, new byte[0]));
            for (byte[] frame : session.ready()) {
                clientOut.write(frame);
            }
            PgMessages.write(clientOut, 'K', ByteBuffer.allocate(8).putLong(cancelKey).array());
            PgMessages.write(clientOut, 'Z', new byte[] {(byte) session.transactionStatus()});
            clientOut.flush();
        }
        Thread upstream = new Thread(this::relayUpstream, "gateway-target");
        upstream.setDaemon(true);
        upstream.start();
        gateway.live().register(this);
        return in;
    }

    /** Client to target: record Query and Execute (committed first), remember Parse/Bind, relay the rest. */
    private void relayClient(InputStream in) throws IOException {
        OutputStream up = session.upstreamOut();
        int max = gateway.settings().listener().maxMessageBytes();
        while (cutReason == null) {
            PgMessages.Message m = PgMessages.read(in, max);
            byte[] body = m.body();
            switch (m.type()) {
                case 'Q' -> {
                    statements.remove(""); // a simple Query destroys the unnamed statement
                    if (!recorded("query", PgMessages.string(body, 0))) {
                        return;
                    }
                    pending.incrementAndGet();
                }
                case 'P' -> {
                    int nameEnd = PgMessages.indexOf(body, 0);
                    statements.put(PgMessages.string(body, 0), PgMessages.string(body, nameEnd + 1));
                }
                case 'B' -> {
                    int portalEnd = PgMessages.indexOf(body, 0);
                    portals.put(PgMessages.string(body, 0), PgMessages.string(body, portalEnd + 1));
                }
                case 'E' -> {
                    String statement = statements.get(portals.getOrDefault(PgMessages.string(body, 0), ""));
                    if (!recorded("execute", statement == null ? "(statement not seen by the gateway)" : statement)) {
                        return;
                    }
                }
                case 'C' -> {
                    String name = PgMessages.string(body, 1);
                    if (body[0] == 'S') {
                        statements.remove(name);
                    } else {
                        portals.remove(name);
                    }
                }
                case 'S' -> pending.incrementAndGet();
                case 'F' -> {
                    if (!recorded("function-call", "(function call by oid " + ByteBuffer.wrap(body).getInt() + ")")) {
                        return;
                    }
                }
                default -> {
                    // Describe, Flush, CopyData/Done/Fail, Terminate: relayed as they are
                }
            }
            PgMessages.write(up, m.type(), body);
            if (m.type() != 'P' && m.type() != 'B' && m.type() != 'E' && m.type() != 'D' && m.type() != 'C'
                    && m.type() != 'd') {
                up.flush(); // Sync, Flush, Query, CopyDone/Fail, Terminate end a batch the target must see now
            }
            if (m.type() == 'X') {
                return;
            }
        }
    }

    /** Records the statement; false when the session must end instead (grant over, or not recordable). */
    private boolean recorded(String action, String sql) throws IOException {
        try {
            gateway.record().record(session.log(), new GatewaySession.Record(action, sql, gateway.clock().instant()));
            return true;
        } catch (Refused refused) {
            cut("access grant expired");
            return false;
        } catch (RecordActions.Unrecorded e) {
            synchronized (clientWrite) {
                fatal("58000", "the statement could not be recorded; the session is closed");
            }
            return false;
        }
    }

    /** Target to client, whole messages under the write lock; ReadyForQuery (and an idle target) flushes. */
    private void relayUpstream() {
        DataInputStream up = new DataInputStream(session.upstreamIn());
        byte[] chunk = new byte[16 * 1024];
        try {
            while (true) {
                int type = up.read();
                if (type < 0) {
                    break;
                }
                int length = up.readInt();
                synchronized (clientWrite) {
                    if (cutReason != null) {
                        return;
                    }
                    clientOut.write(type);
                    clientOut.write(ByteBuffer.allocate(4).putInt(length).array());
                    int left = length - 4;
                    while (left > 0) {
                        int n = up.read(chunk, 0, Math.min(chunk.length, left));
                        if (n < 0) {
                            throw new java.io.EOFException("target closed mid-message");
                        }
                        clientOut.write(chunk, 0, n);
                        left -= n;
                    }
                    if (type == 'Z') {
                        pending.updateAndGet(p -> Math.max(0, p - 1));
                    }
                    if (type == 'Z' || up.available() == 0) {
                        clientOut.flush();
                    }
                }
            }
        } catch (IOException e) {
            // the target or the client went away; end() closes the other side
        }
        closeQuietly(client);
    }

    @Override
    public void cut(String reason) {
        if (cutReason != null || ended.get()) {
            return;
        }
        cutReason = reason;
        if (pending.get() > 0) {
            // a write outside a transaction may commit before a dropped connection is noticed: cancel it first
            session.cancelRunning().run();
        }
        synchronized (clientWrite) {
            try {
                fatal("57P01", "terminating connection: " + reason);
            } catch (IOException ignored) {
                // the client is gone already
            }
        }
        closeQuietly(client);
        LOG.infof("gateway session %s of grant %s cut off: %s", session.sessionId(), session.grantId(), reason);
    }

    private void cancelRunning() {
        if (session != null && pending.get() > 0) {
            session.cancelRunning().run();
        }
    }

    private void end() {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        if (session != null) {
            gateway.live().unregister(this);
            gateway.forgetCancelKey(cancelKey);
            try {
                OutputStream up = session.upstreamOut();
                PgMessages.write(up, 'X', new byte[0]); // an open transaction rolls back
                up.flush();
            } catch (IOException ignored) {
                // already closed
            }
            try {
                session.upstream().close();
            } catch (Exception ignored) {
                // closing anyway
            }
            try {
                String reason = cutReason;
                gateway.record().record(session.log(), new GatewaySession.End(reason == null ? "disconnect" : "cut-off",
                        reason, gateway.clock().instant()));
            } catch (RecordActions.Unrecorded | Refused e) {
                LOG.warnf("gateway session %s: its end was not recorded (%s)", session.sessionId(), e.getMessage());
            }
        }
        closeQuietly(client);
        closeQuietly(socket);
    }

    private void fatal(String sqlState, String message) throws IOException {
        PgMessages.write(clientOut, 'E', PgMessages.error("FATAL", sqlState, message));
        clientOut.flush();
    }

    private void negotiateVersion(Map<String, String> params) throws IOException {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        java.util.List<String> options = params.keySet().stream().filter(k -> k.startsWith("_pq_.")).toList();
        body.write(ByteBuffer.allocate(8).putInt(0).putInt(options.size()).array());
        options.forEach(o -> PgMessages.writeString(body, o));
        options.forEach(params::remove);
        PgMessages.write(clientOut, 'v', body.toByteArray());
    }

    /** Answers a connection the gateway will not serve (too many) with a FATAL, then closes it. */
    static void refuse(Socket socket, String sqlState, String message) {
        try (socket) {
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            PgMessages.write(out, 'E', PgMessages.error("FATAL", sqlState, message));
            out.flush();
        } catch (IOException ignored) {
            // nothing to tell a client that is gone
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            if (s != null) {
                s.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
