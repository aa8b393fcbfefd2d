package io.eer.gateway.application;

import io.eer.gateway.config.GatewaySettings;
import io.eer.gateway.domain.GatewaySession;
import io.eer.gateway.domain.SessionAction;
import io.eer.gateway.infra.out.GatewayEvents;
import io.eer.gateway.infra.out.SessionJournal;
import io.eer.support.decider.Decision;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Records session actions: {@link GatewaySession} decides, and what it decided is appended to the event log and the
 * outbox ({@code eer.gateway}) by {@link SessionJournal}, in batches of up to {@code eer.gateway.recording.batch-size}
 * actions of all sessions, one statement and one commit each (group commit). One batch is in flight at a time: the
 * session that finds the journal idle sends its action at once; actions that arrive meanwhile wait in the queue, and
 * the commit's answer (on the connection's event loop) sends them all as the next batch. No writer thread, no worker
 * pool: a statement costs one round trip and one WAL flush, shared with every session that recorded meanwhile.
 *
 * <p>A session waits for its action's commit before relaying the statement — never for Kafka: the outbox relay
 * publishes after the commit, and an outage of Kafka only grows the outbox. If the database does not commit within
 * {@code commit-timeout}, the batch fails, the journal's connection is dropped and the sessions of that batch are
 * closed (fail-closed: nothing runs unrecorded).
 */
@ApplicationScoped
public class RecordActions {

    private static final Logger LOG = Logger.getLogger(RecordActions.class);

    /**
     * One session's log: its aggregate ({@code gateway-session/<id>}), the decider's state and the last version
     * handed out. Versions are numbered when decided; a batch that failed leaves a gap, and its session is closed.
     */
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

    private record Pending(SessionJournal.Entry entry, CompletableFuture<Void> done) {
    }

    private final SessionJournal journal;
    private final GatewayEvents mapping;
    private final GatewaySession decider;
    private final GatewaySettings.Recording settings;
    private final int capacity;
    /** Guarded by itself: the actions waiting for the next batch, and whether a batch is in flight. */
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean inFlight;

    RecordActions(SessionJournal journal, GatewayEvents mapping, GatewaySettings settings) {
        this.journal = journal;
        this.mapping = mapping;
        this.settings = settings.recording();
        this.decider = new GatewaySession(new GatewaySession.StatementPolicy(this.settings.maxStatementLength()));
        this.capacity = Math.max(1000, this.settings.batchSize() * 20);
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

    /** Moves an open session's deadline (the grant was extended); the session's own state, no event. */
    public void extend(SessionLog log, java.time.Instant deadline) {
        synchronized (log) {
            if (log.state != null) {
                log.state = GatewaySession.extended(log.state, deadline);
            }
        }
    }

    private void submit(SessionLog log, GatewaySession.Command command) throws Unrecorded {
        List<Pending> mine = new ArrayList<>();
        List<Pending> batch;
        synchronized (log) {
            Decision<SessionAction> decision = decider.decide(log.state, command);
            if (decision instanceof Decision.Refused<SessionAction> refused) {
                throw new Refused(refused.rule(), refused.detail());
            }
            long version = log.version;
            for (SessionAction action : decision.events()) {
                mine.add(new Pending(journal.entry(log.aggregateId, ++version, mapping.toStored(action)),
                        new CompletableFuture<>()));
            }
            synchronized (queue) {
                if (queue.size() + mine.size() > capacity) {
                    throw new Unrecorded("the gateway's journal is full");
                }
                queue.addAll(mine);
                batch = inFlight ? null : takeBatch();
            }
            log.version = version;
            for (SessionAction action : decision.events()) {
                if (log.state != null) {
                    log.state = decider.evolve(log.state, action);
                }
            }
        }
        if (batch != null) {
            send(batch); // the journal was idle: this session sends the batch itself
        }
        for (Pending p : mine) {
            try {
                p.done.get(settings.commitTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unrecorded("interrupted while recording");
            } catch (Exception e) {
                throw new Unrecorded("the statement could not be recorded: " + e.getClass().getSimpleName());
            }
        }
    }

    /** Takes up to a batch from the queue and marks a batch in flight; call holding the queue's lock. */
    private List<Pending> takeBatch() {
        List<Pending> batch = new ArrayList<>(Math.min(queue.size(), settings.batchSize()));
        while (!queue.isEmpty() && batch.size() < settings.batchSize()) {
            batch.add(queue.poll());
        }
        inFlight = true;
        return batch;
    }

    private void send(List<Pending> batch) {
        journal.append(batch.stream().map(Pending::entry).toList())
                .ifNoItem().after(settings.commitTimeout()).fail()
                .subscribe().with(ok -> committed(batch, null), failure -> committed(batch, failure));
    }

    /** The batch's answer: its sessions go on (or are closed), and whatever queued meanwhile is sent now. */
    private void committed(List<Pending> batch, Throwable failure) {
        if (failure == null) {
            batch.forEach(p -> p.done.complete(null));
        } else {
            journal.reset();
            LOG.errorf("gateway journal: %d actions not recorded (%s); their sessions are closed", batch.size(),
                    failure.getClass().getSimpleName());
            batch.forEach(p -> p.done.completeExceptionally(failure));
        }
        List<Pending> next;
        synchronized (queue) {
            next = queue.isEmpty() ? null : takeBatch();
            if (next == null) {
                inFlight = false;
            }
        }
        if (next != null) {
            send(next);
        }
    }

    /** The statement was not recorded in time: the session must not relay it, and is closed. */
    public static final class Unrecorded extends Exception {
        public Unrecorded(String message) {
            super(message);
        }
    }
}
