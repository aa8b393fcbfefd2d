package io.eer.gateway.infra.out;

import io.eer.gateway.config.GatewaySettings;
import io.eer.gateway.domain.PgMessages;
import io.eer.gateway.domain.ScramClient;
import io.eer.gateway.domain.SessionTicket;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Logs in to the target as the grant's temporary login: optional TLS (SSLRequest first), StartupMessage, SCRAM-SHA-256
 * (or cleartext when the server asks for it over TLS; MD5 is never offered), then collects what the server sends up
 * to ReadyForQuery. Hand-rolled because JDBC drivers do not hand back the socket after authenticating.
 */
@ApplicationScoped
public class TargetDialer {

    /** Startup parameters a client may pass on to the target; anything else (options, replication) is dropped. */
    public static final List<String> PASSED_PARAMETERS = List.of("application_name", "client_encoding", "DateStyle",
            "TimeZone", "extra_float_digits", "search_path");

    private final GatewaySettings.Target settings;
    private final SecureRandom random = new SecureRandom();

    TargetDialer(GatewaySettings settings) {
        this.settings = settings.target();
    }

    /** Connects and authenticates; a refusal by the target is a {@link TargetRefused} without the server's text. */
    public UpstreamConnection connect(SessionTicket ticket, Map<String, String> clientParameters) throws IOException {
        InetSocketAddress address = new InetSocketAddress(ticket.host(), ticket.port());
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(address, (int) settings.connectTimeout().toMillis());
        socket.setSoTimeout((int) settings.connectTimeout().toMillis());
        try {
            boolean tls = false;
            if (!"disable".equals(settings.sslmode())) {
                socket = startTls(socket, ticket.host());
                tls = true;
            }
            InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            OutputStream out = UpstreamConnection.buffered(socket.getOutputStream());
            Map<String, String> params = new LinkedHashMap<>();
            params.put("user", ticket.login());
            params.put("database", ticket.database());
            for (String name : PASSED_PARAMETERS) {
                if (clientParameters.containsKey(name)) {
                    params.put(name, clientParameters.get(name));
                }
            }
            out.write(PgMessages.startupMessage(params));
            out.flush();
            authenticate(in, out, ticket, tls);
            List<byte[]> ready = new ArrayList<>();
            int pid = 0;
            byte[] key = new byte[0];
            while (true) {
                PgMessages.Message m = PgMessages.read(in, 1 << 20);
                switch (m.type()) {
                    case 'S', 'N' -> ready.add(PgMessages.frame(m.type(), m.body()));
                    case 'K' -> {
                        pid = ByteBuffer.wrap(m.body()).getInt();
                        key = java.util.Arrays.copyOfRange(m.body(), 4, m.body().length);
                    }
                    case 'E' -> throw new TargetRefused("the target refused the session: "
                            + PgMessages.errorFields(m.body()).getOrDefault('C', "?"));
                    case 'Z' -> {
                        socket.setSoTimeout(0);
                        return new UpstreamConnection(socket, in, out, ready, (char) m.body()[0], pid, key, address,
                                tls);
                    }
                    default -> throw new TargetRefused("unexpected message '" + m.type() + "' before ReadyForQuery");
                }
            }
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Sends a CancelRequest for the upstream backend on a fresh connection (how a deadline stops a running query). */
    public void cancel(UpstreamConnection upstream) {
        try (Socket socket = new Socket()) {
            socket.connect(upstream.address(), (int) settings.connectTimeout().toMillis());
            Socket s = upstream.tls() ? startTls(socket, upstream.address().getHostString()) : socket;
            ByteBuffer packet = ByteBuffer.allocate(12 + upstream.backendKey().length)
                    .putInt(12 + upstream.backendKey().length).putInt(PgMessages.CANCEL_REQUEST)
                    .putInt(upstream.backendPid()).put(upstream.backendKey());
            s.getOutputStream().write(packet.array());
            s.getOutputStream().flush();
            s.close();
        } catch (IOException e) {
            // best effort: the connection is closed right after anyway, and PostgreSQL then ends the backend
        }
    }

    private void authenticate(InputStream in, OutputStream out, SessionTicket ticket, boolean tls) throws IOException {
        ScramClient scram = null;
        while (true) {
            PgMessages.Message m = PgMessages.read(in, 1 << 16);
            if (m.type() == 'E') {
                // the server's text names the login; the client only learns that the target refused
                throw new TargetRefused("the target refused the login: "
                        + PgMessages.errorFields(m.body()).getOrDefault('C', "?"));
            }
            if (m.type() != 'R') {
                throw new TargetRefused("unexpected message '" + m.type() + "' during authentication");
            }
            int code = ByteBuffer.wrap(m.body()).getInt();
            switch (code) {
                case 0:
                    return;
                case 3:
                    if (!tls) {
                        throw new TargetRefused("the target asks for a cleartext password without TLS");
                    }
                    ByteArrayOutputStream pw = new ByteArrayOutputStream();
                    PgMessages.writeString(pw, new String(ticket.password()));
                    PgMessages.write(out, 'p', pw.toByteArray());
                    out.flush();
                    break;
                case 10:
                    String mechanisms = new String(m.body(), 4, m.body().length - 4, StandardCharsets.UTF_8);
                    if (!mechanisms.contains("SCRAM-SHA-256\0")) {
                        throw new TargetRefused("the target offers no SCRAM-SHA-256");
                    }
                    scram = new ScramClient(ticket.password(), random);
                    byte[] first = scram.clientFirst().getBytes(StandardCharsets.UTF_8);
                    ByteArrayOutputStream initial = new ByteArrayOutputStream();
                    PgMessages.writeString(initial, "SCRAM-SHA-256");
                    new DataOutputStream(initial).writeInt(first.length);
                    initial.write(first);
                    PgMessages.write(out, 'p', initial.toByteArray());
                    out.flush();
                    break;
                case 11:
                    if (scram == null) {
                        throw new TargetRefused("SASLContinue before SASL");
                    }
                    String serverFirst = new String(m.body(), 4, m.body().length - 4, StandardCharsets.UTF_8);
                    PgMessages.write(out, 'p', scram.clientFinal(serverFirst).getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    break;
                case 12:
                    String serverFinal = new String(m.body(), 4, m.body().length - 4, StandardCharsets.UTF_8);
                    if (scram == null || !scram.verifyServerFinal(serverFinal)) {
                        throw new TargetRefused("the target could not prove it knows the login's verifier");
                    }
                    break;
                default:
                    throw new TargetRefused("the target asks for authentication method " + code + " (not offered)");
            }
        }
    }

    private Socket startTls(Socket plain, String host) throws IOException {
        plain.getOutputStream().write(PgMessages.sslRequest());
        plain.getOutputStream().flush();
        int answer = plain.getInputStream().read();
        if (answer != 'S') {
            throw new TargetRefused("the target does not speak TLS (sslmode=" + settings.sslmode() + ")");
        }
        SSLSocket tls = (SSLSocket) context().getSocketFactory().createSocket(plain, host, plain.getPort(), true);
        if ("verify-full".equals(settings.sslmode())) {
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(parameters);
        }
        tls.startHandshake();
        return tls;
    }

    private SSLContext context() throws IOException {
        try {
            if ("verify-full".equals(settings.sslmode())) {
                return SSLContext.getDefault();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AnyCertificate()}, random);
            return context;
        } catch (NoSuchAlgorithmException | java.security.KeyManagementException e) {
            throw new IOException("TLS is not available", e);
        }
    }

    /** sslmode=require: encrypted, the certificate not checked (libpq's meaning of require). */
    private static final class AnyCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** The target refused the login or broke the protocol; the message never carries the server's own text. */
    public static final class TargetRefused extends IOException {
        public TargetRefused(String message) {
            super(message);
        }
    }
}
