package io.eer.gateway.infra.out;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;

/**
 * An authenticated connection to the target as the temporary login: what the gateway relays to. {@code ready} are
 * the frames (ParameterStatus, NoticeResponse) the target sent before its first ReadyForQuery, to be passed on to
 * the client; its own BackendKeyData stays here (used only to cancel).
 */
public record UpstreamConnection(Socket socket, InputStream in, OutputStream out, List<byte[]> ready,
        char transactionStatus, int backendPid, byte[] backendKey, InetSocketAddress address, boolean tls)
        implements AutoCloseable {

    public static OutputStream buffered(OutputStream out) {
        return new BufferedOutputStream(out, 16 * 1024);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
