package io.eer.gateway.application;

import io.eer.gateway.config.GatewaySettings;
import io.eer.gateway.domain.GatewaySession;
import io.eer.gateway.domain.SessionAction;
import io.eer.gateway.infra.out.GatewayEvents;
import io.eer.support.decider.Decision;
import io.eer.support.outbox.EventStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Records session actions: {@link GatewaySession} decides, and one writer thread appends what it decided to the
 * event log and the outbox ({@code eer.gateway}) in batches of up to {@code eer.gateway.recording.batch-size},
 * one transaction each (group commit). A session waits for its statement's commit before relaying it — never for
 * Kafka: the outbox relay publishes after the commit, and an outage of Kafka only grows the outbox. If the database
 * does not commit within {@code commit-timeout}, the session is closed (fail-closed: nothing runs unrecorded).
 */
@ApplicationScoped
public class RecordActions {

    private static final Logger LOG = Logger.getLogger(RecordActions.class);

    /** One session's log: its aggregate ({@code gateway-session/<id>}), the decider's state and the stored version. */
    public static final class SessionLog {
        private final String aggregateId;
        private GatewaySession.State state;
        private long version;

        SessionLog(String sessionId, GatewaySession.State state) {
            this.aggregateId = "gateway-session/" + sessionId;
            this.state = state;
        }

        public GatewaySession.State state() {
            return state;
        }
    }

    private record Pending(SessionLog log, SessionAction action, CompletableFuture<Void> done) {
    }

    private final EventStore events;
    private final GatewayEvents mapping;
    private final GatewaySession decider;
    private final GatewaySettings.Recording settings;
    private final BlockingQueue<Pending> queue;
    private volatile Thread writer;

    RecordActions(EventStore events, GatewayEvents mapping, GatewaySettings settings) {
        this.events = events;
        this.mapping = mapping;
        this.settings = settings.recording();
        this.decider = new GatewaySession(new GatewaySession.StatementPolicy(this.settings.maxStatementLength()));
        this.queue = new ArrayBlockingQueue<>(Math.max(1000, this.settings.batchSize() * 20));
    }

    void start(@Observes StartupEvent ignored) {
        writer = new Thread(this::writeLoop, "gateway-journal");
        writer.setDaemon(true);
        writer.start();
    }

    void stop(@Observes ShutdownEvent ignored) {
        Thread w = writer;
        if (w != null) {
            w.interrupt();
        }
    }

    /** Opens a session's log and records its {@code connect}; answers once that is committed. */
    public SessionLog open(GatewaySession.Open open) throws Unrecorded {
        SessionLog log = new SessionLog(open.sessionId(), null);
        submit(log, open);
        log.state = GatewaySession.opened(open);
        return log;
    }

    /**
     * Decides {@code command} for the session and waits until its record is committed. A refusal (the grant ended) is
     * a {@link Refused}; a database that does not commit in time is {@link Unrecorded}.
     */
    public void record(SessionLog log, GatewaySession.Command command) throws Unrecorded {
        submit(log, command);
    }

    private void submit(SessionLog log, GatewaySession.Command command) throws Unrecorded {
        List<CompletableFuture<Void>> waits = new ArrayList<>();
        synchronized (log) {
            Decision<SessionAction> decision = decider.decide(log.state, command);
            if (decision instanceof Decision.Refused<SessionAction> refused) {
                throw new Refused(refused.rule(), refused.detail());
            }
            for (SessionAction action : decision.events()) {
                CompletableFuture<Void> done = new CompletableFuture<>();
                if (!queue.offer(new Pending(log, action, done))) {
                    throw new Unrecorded("the gateway's journal is full");
                }
                waits.add(done);
                if (log.state != null) {
                    log.state = decider.evolve(log.state, action);
                }
            }
        }
        for (CompletableFuture<Void> done : waits) {
            try {
                done.get(settings.commitTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unrecorded("interrupted while recording");
            } catch (Exception e) {
                throw new Unrecorded("the statement could not be recorded: " + e.getClass().getSimpleName());
            }
        }
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, settings.batchSize() - 1);
            try {
                write(batch);
                batch.forEach(p -> p.done.complete(null));
            } catch (Throwable e) {
                LOG.errorf("gateway journal: %d actions not recorded (%s); their sessions are closed", batch.size(),
                        e.getClass().getSimpleName());
                batch.forEach(p -> p.done.completeExceptionally(e));
            }
            batch.clear();
        }
    }

    /** One transaction: each session's new actions appended after the version it has stored. */
    private void write(List<Pending> batch) throws Throwable {
        Map<SessionLog, List<SessionAction>> bySession = new LinkedHashMap<>();
        for (Pending p : batch) {
            bySession.computeIfAbsent(p.log, ignored -> new ArrayList<>()).add(p.action);
        }
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Map.Entry<SessionLog, List<SessionAction>> e : bySession.entrySet()) {
                SessionLog log = e.getKey();
                chain = chain.chain(() -> events.append(log.aggregateId, log.version,
                        e.getValue().stream().map(mapping::toStored).toList()).replaceWithVoid());
            }
            return chain;
        }));
        bySession.forEach((log, actions) -> log.version += actions.size());
    }

    /** The statement was not recorded in time: the session must not relay it, and is closed. */
    public static final class Unrecorded extends Exception {
        public Unrecorded(String message) {
            super(message);
        }
    }
}
