package io.eer.support.outbox;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Wakes the {@link OutboxRelay} the moment an outbox row commits: {@link EventStore} sends
 * {@code NOTIFY eer_outbox} in the appending transaction, which PostgreSQL delivers at commit (never for a rolled-back
 * transaction), to every instance of the service on that database. The relay's poll stays as a backstop for a lost
 * listener connection. The listener reconnects with back-off after an outage.
 */
@ApplicationScoped
public class OutboxWakeup {

    /** The PostgreSQL notification channel. */
    public static final String CHANNEL = "eer_outbox";
    private static final Logger LOG = Logger.getLogger(OutboxWakeup.class);

    private final OutboxRelay relay;
    private final boolean enabled;
    private final String url;
    private final String user;
    private final String password;
    private PgSubscriber subscriber;

    OutboxWakeup(OutboxRelay relay, @ConfigProperty(name = "eer.outbox.wake-on-commit", defaultValue = "true")
            boolean enabled, @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.relay = relay;
        this.enabled = enabled;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    void listen(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER + 600) StartupEvent event, Vertx vertx) {
        if (!enabled) {
            return;
        }
        PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""))
                .setUser(user).setPassword(password);
        // reconnects by itself once connected; the first connection is retried below
        subscriber = PgSubscriber.subscriber(vertx, options)
                .reconnectPolicy(retries -> Math.min(200L << Math.min(retries, 5), 5_000L));
        subscriber.channel(CHANNEL).handler(ignored -> relay.wake())
                .subscribeHandler(relay::wake); // (re)connected: rows committed meanwhile are relayed at once
        connect(vertx, 0);
    }

    private void connect(Vertx vertx, int attempt) {
        subscriber.connect().subscribe().with(
                ok -> LOG.debugf("listening for %s", CHANNEL),
                e -> {
                    if (attempt == 0) {
                        LOG.warnf("outbox wake-up listener not connected yet (the poll relays meanwhile): %s",
                                e.getMessage());
                    }
                    vertx.setTimer(Math.min(200L << Math.min(attempt, 5), 5_000L), id -> connect(vertx, attempt + 1));
                });
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscriber != null) {
            subscriber.close().subscribe().with(ok -> { }, e -> { });
        }
    }
}
