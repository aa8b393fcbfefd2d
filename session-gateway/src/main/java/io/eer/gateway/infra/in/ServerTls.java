package io.eer.gateway.infra.in;

import io.eer.gateway.config.GatewaySettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The gateway's TLS server side: a PKCS#12 key store ({@code eer.gateway.listener.key-store}); for development and
 * tests a self-signed one is made with this JDK's keytool when {@code generate-self-signed} is on and none exists.
 */
final class ServerTls {

    private final SSLContext context;

    ServerTls(GatewaySettings.Listener settings) throws IOException {
        Path store = Path.of(settings.keyStore());
        char[] password = settings.keyStorePassword().toCharArray();
        if (!Files.exists(store)) {
            if (!settings.generateSelfSigned()) {
                throw new IOException("no TLS key store at " + store + " (eer.gateway.listener.key-store)");
            }
            generate(store, settings.keyStorePassword());
        }
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, password);
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, password);
            context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, null);
        } catch (GeneralSecurityException e) {
            throw new IOException("the TLS key store " + store + " cannot be used: " + e.getMessage(), e);
        }
    }

    /** Server-side TLS over an accepted connection, after the client's SSLRequest was answered 'S'. */
    SSLSocket wrap(Socket plain) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, null, true);
        tls.setUseClientMode(false);
        tls.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        tls.startHandshake();
        return tls;
    }

    private static void generate(Path store, String password) throws IOException {
        if (store.getParent() != null) {
            Files.createDirectories(store.getParent());
        }
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "session-gateway", "-keyalg", "EC",
                "-groupname", "secp256r1", "-validity", "365", "-dname", "CN=eer-session-gateway",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", password, "-keypass", password))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool could not create " + store);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating " + store, e);
        }
    }
}
