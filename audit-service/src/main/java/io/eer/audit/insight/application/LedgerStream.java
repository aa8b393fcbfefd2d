package io.eer.audit.insight.application;

import io.eer.audit.insight.config.SocSettings;

import com.fasterxml.jackson.databind.JsonNode;
import io.eer.audit.ledger.config.AuditSettings;
import io.eer.audit.ledger.infra.out.LedgerQueries;
import io.eer.audit.ledger.infra.out.LedgerStore;
import io.eer.ledger.format.StoredEntry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The ledger from an index on, forever: committed entries are read from the database by index, a chunk at a time,
 * and when there is nothing more the stream waits for the next append (or the poll interval, for appends made by
 * another instance) and reads again. Because it only ever reads committed entries in index order, and a ledger
 * index becomes visible only after every smaller one, there is no gap between the catch-up and the live part.
 */
@ApplicationScoped
public class LedgerStream {

    private final LedgerStore store;
    private final LedgerQueries queries;
    private final LedgerSignal signal;
    private final Clock clock;
    private final SocSettings.Stream settings;
    private final int chunkSize;

    LedgerStream(LedgerStore store, LedgerQueries queries, LedgerSignal signal, Clock clock, SocSettings settings,
            AuditSettings audit) {
        this.store = store;
        this.queries = queries;
        this.signal = signal;
        this.clock = clock;
        this.settings = settings.stream();
        this.chunkSize = audit.chunkSize();
    }

    /** An entry, or (entry null) a heartbeat after a quiet period. */
    public record Item(StoredEntry entry) {
        public boolean heartbeat() {
            return entry == null;
        }
    }

    /** What a subscriber wants: CloudEvent types and systems (empty: all). */
    public record Filter(Set<String> types, Set<String> systems) {
    }

    private static final class State {
        long next;
        Instant lastSent;
        final Map<String, Optional<String>> systems = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Optional<String>> eldest) {
                return size() > 10_000;
            }
        };
    }

    public Uni<Long> head() {
        return store.head().map(head -> head.size());
    }

    public Multi<Item> follow(long from, Filter filter) {
        Context context = Vertx.currentContext();
        Executor onContext = task -> context.runOnContext(ignored -> task.run());
        State state = new State();
        state.next = from;
        state.lastSent = clock.instant();
        return Multi.createBy().repeating().uni(() -> state, s -> nextItems(s, onContext)).indefinitely()
                .onItem().transformToIterable(items -> items)
                .select().when(item -> item.heartbeat() ? Uni.createFrom().item(true) : matches(item.entry(), filter,
                        state));
    }

    private Uni<List<Item>> nextItems(State state, Executor onContext) {
        CompletionStage<Void> appended = signal.next(); // before reading, so an append in between wakes us
        return store.entries(state.next, Long.MAX_VALUE, chunkSize).chain(chunk -> {
            if (!chunk.isEmpty()) {
                state.next = chunk.get(chunk.size() - 1).index() + 1;
                state.lastSent = clock.instant();
                return Uni.createFrom().item(chunk.stream().map(Item::new).toList());
            }
            return Uni.createFrom().completionStage(appended)
                    .ifNoItem().after(settings.pollInterval()).recoverWithItem((Void) null)
                    .emitOn(onContext)
                    .map(ignored -> {
                        Instant now = clock.instant();
                        if (!now.isBefore(state.lastSent.plus(settings.heartbeat()))) {
                            state.lastSent = now;
                            return List.of(new Item(null));
                        }
                        return List.<Item>of();
                    });
        });
    }

    private Uni<Boolean> matches(StoredEntry entry, Filter filter, State state) {
        Optional<JsonNode> event = entry.event();
        if (event.isEmpty()) {
            return Uni.createFrom().item(filter.types().isEmpty() && filter.systems().isEmpty());
        }
        if (!filter.types().isEmpty() && !filter.types().contains(event.get().path("type").asText())) {
            return Uni.createFrom().item(false);
        }
        if (filter.systems().isEmpty()) {
            return Uni.createFrom().item(true);
        }
        JsonNode system = event.get().path("data").path("system");
        if (system.isTextual()) {
            return Uni.createFrom().item(filter.systems().contains(system.asText()));
        }
        // session actions, expiries, reviews, alerts: the system of their request, as the ledger says
        String subject = event.get().path("subject").asText();
        Optional<String> known = state.systems.get(subject);
        Uni<Optional<String>> resolved = known != null && known.isPresent() ? Uni.createFrom().item(known)
                : queries.systemOf(subject).invoke(found -> state.systems.put(subject, found));
        return resolved.map(found -> found.isPresent() && filter.systems().contains(found.get()));
    }
}
