package io.eer.support.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on a free loopback port for tests that need something the service calls out to (a webhook
 * receiver, an OTLP collector): records every request (method, path, headers, body, the status it was answered)
 * and answers what the path's {@link Responder} says. Each request is handled on its own thread, so a responder
 * may hold its answer (an in-flight post) without holding up the others; {@link #close()} interrupts such held
 * responders and frees the port.
 */
public final class HttpReceiver implements AutoCloseable {

    /**
     * One request as received. {@code status} is what it was answered ({@code 0} while its responder decides);
     * header names are lower case.
     */
    public record Received(String method, String path, Map<String, List<String>> headers, byte[] body, Instant at,
            int status) {

        /** The body as UTF-8 text. */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The first value of header {@code name} (any case), or null. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** The answer to a request: a status without a body, and response headers. */
    public record Reply(int status, Map<String, String> headers) {

        public static Reply status(int status) {
            return new Reply(status, Map.of());
        }

        public Reply header(String name, String value) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.put(name, value);
            return new Reply(status, Map.copyOf(all));
        }
    }

    /** Decides the answer to a request on {@code path}; may block (the request stays in flight meanwhile). */
    @FunctionalInterface
    public interface Responder {
        Reply reply(Received request) throws InterruptedException;
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private HttpReceiver(HttpServer server) {
        this.server = server;
    }

    /** Starts a receiver on 127.0.0.1 and a free port; every path answers 404 until {@link #on} names it. */
    public static HttpReceiver start() {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpReceiver receiver = new HttpReceiver(server);
        server.setExecutor(receiver.threads);
        server.start();
        return receiver;
    }

    /** Answers requests on {@code path} (and below it) with 200. */
    public HttpReceiver on(String path) {
        return on(path, request -> Reply.status(200));
    }

    /** Answers requests on {@code path} (and below it) as {@code responder} says. */
    public HttpReceiver on(String path, Responder responder) {
        server.createContext(path, exchange -> answer(exchange, responder));
        return this;
    }

    private void answer(HttpExchange exchange, Responder responder) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
            Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(headers), body, Instant.now(), 0);
            Reply reply;
            try {
                reply = responder.reply(request);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reply = Reply.status(503); // closing while held
            }
            received.add(new Received(request.method(), request.path(), request.headers(), body, request.at(),
                    reply.status()));
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(reply.status(), -1);
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The URL of {@code path} on this receiver. */
    public String url(String path) {
        return base() + path;
    }

    /** Every request received so far, in order of answer. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The requests received on exactly {@code path}, in order of answer. */
    public List<Received> received(String path) {
        return received.stream().filter(request -> request.path().equals(path)).toList();
    }

    /** Stops listening and interrupts responders still holding an answer. */
    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
