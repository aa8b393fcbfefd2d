package io.eer.audit.insight.application;

import io.eer.audit.insight.config.ProjectionSettings;
import io.eer.audit.insight.projection.GrantView;
import io.eer.audit.insight.projection.ProjectionPositionRow;
import io.eer.audit.insight.projection.ReviewView;

import io.eer.audit.insight.config.SocSettings;
import io.eer.audit.insight.infra.out.ReplayChunk;
import io.eer.audit.insight.infra.out.ReplayStore;
import io.eer.audit.ledger.infra.out.LedgerStore;
import io.eer.ledger.format.LedgerFact;
import io.eer.ledger.format.StoredEntry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Follows the ledger by index with its own position row ({@code projection_position}) and applies each entry to the
 * projections and to the alert rules, a batch per transaction, the position moving in the same transaction; the
 * rows a batch touches are loaded up front ({@link ChunkRows}), a query per table.
 *
 * <p>A rebuild empties the projections and moves the position back to 0, with {@code replay_until} set to where it
 * was, in one short transaction; then the entries below {@code replay_until} are replayed a chunk per transaction
 * on a connection of the reactive pool, no Hibernate session (the entries read with only the columns a projection
 * needs, the rows a chunk touches loaded as plain objects, changed in memory and written with the moved position in
 * one statement, so memory stays flat and round trips are few), without the alert rules (they ran live on those
 * entries). Whoever holds the position row replays the next chunk: the rebuild call,
 * or the live projector, which therefore finishes a rebuild that crashed half-way. Entries are applied once each,
 * in order; the live rules resume at {@code replay_until}. Readers see the projections partly rebuilt meanwhile
 * ({@code GET /v1/projections/status}: behind).
 */
@ApplicationScoped
public class Projector {

    private static final Logger LOG = Logger.getLogger(Projector.class);
    private static final List<String> TABLES = List.of("proj_request", "proj_grant", "proj_review", "proj_requester");

    private final LedgerStore ledger;
    private final ReplayStore replay;
    private final ProjectionUpdater updater;
    private final AlertDispatcher alerts;
    private final AlertRules rules;
    private final Clock clock;
    private final ProjectionSettings settings;
    private final SocSettings soc;
    private volatile Instant nextCheck = Instant.MIN;

    Projector(LedgerStore ledger, ReplayStore replay, ProjectionUpdater updater, AlertDispatcher alerts, Clock clock,
            ProjectionSettings settings, SocSettings soc) {
        this.ledger = ledger;
        this.replay = replay;
        this.updater = updater;
        this.alerts = alerts;
        this.clock = clock;
        this.settings = settings;
        this.soc = soc;
        this.rules = new AlertRules(new AlertRules.Thresholds(soc.alerts().refusalsInARow(),
                soc.alerts().lateRevocationThreshold(), soc.alerts().reviewOverdueGrace()));
    }

    public record Rebuilt(long entries, long position) {
    }

    /**
     * One live batch (or one chunk of an unfinished rebuild) in a transaction of its own (triggered by
     * {@code insight.infra.in.ProjectionTrigger}); answers whether it was full, i.e. more may be waiting. Off when
     * {@code eer.projection.enabled} is false.
     */
    public Uni<Boolean> follow() {
        if (!settings.enabled()) {
            return Uni.createFrom().item(false);
        }
        // a failure is logged by the trigger's job; it retries
        return Panache.withTransaction(this::followOnce).chain(step -> step == Step.REPLAY
                ? replayChunk(true).map(replayed -> replayed != Replayed.BUSY)
                : Uni.createFrom().item(step == Step.MORE));
    }

    /** What a live batch found: nothing more waiting, a full batch (more may be), or an unfinished rebuild. */
    enum Step {
        IDLE, MORE, REPLAY
    }

    /**
     * One batch: lock the position (skip if a rebuild or another instance holds it), apply, move the position. A
     * rebuild left unfinished is not followed but replayed, after this transaction ({@link #replayChunk}).
     */
    Uni<Step> followOnce() {
        return lockPosition(true).chain(position -> {
            if (position.isEmpty()) {
                return Uni.createFrom().item(Step.IDLE);
            }
            ProjectionPositionRow row = position.get();
            if (row.replayUntil != null) {
                return Uni.createFrom().item(Step.REPLAY);
            }
            return ledger.entries(row.nextIndex, Long.MAX_VALUE, settings.batchSize())
                    .chain(batch -> applyAll(batch, true).chain(() -> {
                        if (!batch.isEmpty()) {
                            row.nextIndex = batch.get(batch.size() - 1).index() + 1;
                        }
                        return batch.size() < settings.batchSize() ? timeChecks().replaceWith(Step.IDLE)
                                : Uni.createFrom().item(Step.MORE);
                    }));
        });
    }

    /**
     * Rebuilds every projection from index 0 to the live position: empties them and marks the replay (waiting for
     * the live projector's batch), then replays chunk by chunk until the mark is gone.
     */
    public Uni<Rebuilt> rebuild() {
        return Panache.withTransaction(() -> lockPosition(false).chain(position -> {
            ProjectionPositionRow row = position.orElseThrow(
                    () -> new IllegalStateException("projection_position row missing"));
            // a rebuild started while another is unfinished: its rules already ran up to the older mark
            long end = Math.max(row.nextIndex, row.replayUntil == null ? 0 : row.replayUntil);
            Uni<Void> cleared = Uni.createFrom().voidItem();
            for (String table : TABLES) {
                cleared = cleared.chain(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery("delete from " + table).executeUpdate()))
                        .replaceWithVoid();
            }
            return cleared.invoke(() -> {
                row.nextIndex = 0;
                row.replayUntil = end == 0 ? null : end;
            }).replaceWith(end);
        })).chain(end -> Multi.createBy().repeating()
                .uni(() -> replayChunk(false))
                .whilst(replayed -> replayed == Replayed.MORE)
                .collect().last()
                .replaceWith(new Rebuilt(end, end)))
                .invoke(rebuilt -> LOG.infof("projections rebuilt from %d ledger entries", rebuilt.entries()));
    }

    /** What one replay step did. */
    public enum Replayed {
        /** Another holds the position row (skipped). */
        BUSY,
        /** No rebuild unfinished: nothing to replay. */
        LIVE,
        /** A chunk replayed; the mark is still ahead. */
        MORE,
        /** The chunk that reached the mark: cleared, live from here. */
        DONE
    }

    /**
     * The next chunk of an unfinished rebuild, in a transaction of its own on the reactive pool: lock the position
     * row ({@code skipLocked}: skip when someone holds it), read the chunk's entries, load the rows they touch, apply
     * the same {@link ProjectionUpdater} code to them in memory, and write them with the moved position in one
     * statement; the chunk that reaches {@code replay_until} clears it. Public for the test of a rebuild cut short.
     */
    public Uni<Replayed> replayChunk(boolean skipLocked) {
        return replay.inTransaction(chunk -> chunk.lockPosition(skipLocked).chain(position -> {
            if (position.isEmpty()) {
                return Uni.createFrom().item(Replayed.BUSY);
            }
            if (position.get().replayUntil() == null) {
                return Uni.createFrom().item(Replayed.LIVE);
            }
            long until = position.get().replayUntil();
            return chunk.entries(position.get().nextIndex(), until, settings.rebuildChunk())
                    .chain(entries -> {
                        // an empty chunk below the mark cannot happen (the index is gap-free); never loop on it
                        long next = entries.isEmpty() ? until : entries.get(entries.size() - 1).index() + 1;
                        Long mark = next >= until ? null : until; // the chunk that reaches the mark clears it
                        return facts(entries, chunk)
                                .chain(facts -> ChunkRows.replay(facts, chunk)
                                        .call(rows -> replayEach(facts, rows, 0)))
                                .chain(rows -> rows.write(chunk, next, mark))
                                .map(written -> {
                                    if (mark == null) {
                                        LOG.infof("projections: rebuild replayed up to %d, live from here", until);
                                        return Replayed.DONE;
                                    }
                                    return Replayed.MORE;
                                });
                    });
        }));
    }

    /**
     * The facts of a rebuild chunk's entries, each parsed once from the bytes as received; an entry whose bytes no
     * longer parse (a damaged row) is read from its stored record instead, fetched only then ({@link
     * StoredEntry#event}).
     */
    private static Uni<List<LedgerFact>> facts(List<StoredEntry> entries, ReplayChunk chunk) {
        List<Optional<LedgerFact>> read = new ArrayList<>(entries.size());
        List<Long> unreadable = new ArrayList<>();
        for (StoredEntry entry : entries) {
            Optional<LedgerFact> fact = LedgerFact.of(entry);
            read.add(fact);
            if (fact.isEmpty()) {
                unreadable.add(entry.index());
            }
        }
        Uni<Map<Long, String>> records = unreadable.isEmpty() ? Uni.createFrom().item(Map.of())
                : chunk.records(unreadable);
        return records.map(stored -> {
            List<LedgerFact> facts = new ArrayList<>(entries.size());
            for (int i = 0; i < entries.size(); i++) {
                StoredEntry entry = entries.get(i);
                Optional<LedgerFact> fact = read.get(i).isPresent() ? read.get(i)
                        : LedgerFact.of(new StoredEntry(entry.index(), entry.recordedAt(), entry.topic(),
                                entry.partition(), entry.offset(), entry.received(), stored.get(entry.index()), null,
                                null));
                keepReadable(entry, fact, facts);
            }
            return facts;
        });
    }

    /**
     * A rebuild chunk's facts applied in order, without rules: in memory, with no {@code Uni} per entry, while the
     * preloaded rows hold what an entry concerns (always, unless the preload could not foresee an id); such an entry
     * is loaded with a round trip, and the loop goes on after it.
     */
    private Uni<Void> replayEach(List<LedgerFact> facts, ChunkRows rows, int from) {
        for (int i = from; i < facts.size(); i++) {
            LedgerFact fact = facts.get(i);
            ProjectionUpdater.Loaded loaded = updater.loadKnown(fact, rows);
            if (loaded == null) {
                int next = i + 1;
                return updater.load(fact, rows).invoke(found -> updater.change(fact, found).forEach(rows::keep))
                        .chain(() -> replayEach(facts, rows, next));
            }
            updater.change(fact, loaded).forEach(rows::keep);
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> applyAll(List<StoredEntry> entries, boolean live) {
        List<LedgerFact> facts = facts(entries);
        return facts.isEmpty() ? Uni.createFrom().voidItem()
                : ChunkRows.managed(facts).chain(rows -> applyEach(facts, live, rows));
    }

    private static List<LedgerFact> facts(List<StoredEntry> entries) {
        List<LedgerFact> facts = new ArrayList<>(entries.size());
        for (StoredEntry entry : entries) {
            keepReadable(entry, LedgerFact.of(entry), facts);
        }
        return facts;
    }

    private static void keepReadable(StoredEntry entry, Optional<LedgerFact> fact, List<LedgerFact> facts) {
        if (fact.isEmpty()) {
            LOG.errorf("ledger entry %d is unreadable and was skipped; run GET /v1/audit/verify", entry.index());
            return;
        }
        facts.add(fact.get());
    }

    private Uni<Void> applyEach(List<LedgerFact> facts, boolean live, ChunkRows rows) {
        // one after the other, iteratively: with the rows in memory every step completes at once, and a chain of
        // thousands of nested Unis would be as deep on the stack
        return Multi.createFrom().iterable(facts)
                .onItem().transformToUniAndConcatenate(fact -> apply(fact, live, rows).replaceWith(Boolean.TRUE))
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> apply(LedgerFact fact, boolean live, ProjectionUpdater.Rows rows) {
        return updater.load(fact, rows).chain(loaded -> {
            // rules see the projections as they were just before this entry; a rebuild raises nothing again
            Uni<Void> raised = live ? alerts.raise(rules.evaluate(fact, loaded.context()))
                    : Uni.createFrom().voidItem();
            return raised.chain(() -> updater.apply(fact, loaded, rows));
        });
    }

    /** Time-based rules, when the projector has caught up and the check interval has passed. */
    private Uni<Void> timeChecks() {
        Instant now = clock.instant();
        if (now.isBefore(nextCheck)) {
            return Uni.createFrom().voidItem();
        }
        nextCheck = now.plus(soc.alerts().checkInterval());
        Instant grantLimit = now.minus(soc.alerts().lateRevocationThreshold());
        Instant reviewLimit = now.minus(soc.alerts().reviewOverdueGrace());
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                select g.* from proj_grant g where g.status = 'ACTIVE' and g.expires_at < ?1 and not exists
                (select 1 from alert_fired a where a.rule = 'late-revocation' and a.alert_key = g.grant_id)
                order by g.granted_index limit 500""", GrantView.class)
                .setParameter(1, grantLimit).getResultList())
                .chain(grants -> {
                    List<AlertRules.Alert> raised = new ArrayList<>();
                    grants.forEach(grant -> raised.addAll(
                            rules.checkActiveGrant(ProjectionUpdater.grantState(grant), now)));
                    return alerts.raise(raised);
                })
                .chain(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                        select r.* from proj_review r where r.status = 'SCHEDULED' and r.due_at < ?1 and not exists
                        (select 1 from alert_fired a where a.rule = 'review-overdue' and a.alert_key = r.review_id)
                        order by r.scheduled_index limit 500""", ReviewView.class)
                        .setParameter(1, reviewLimit).getResultList()))
                .chain(reviews -> {
                    List<AlertRules.Alert> raised = new ArrayList<>();
                    reviews.forEach(review -> raised.addAll(
                            rules.checkOpenReview(ProjectionUpdater.reviewState(review), now)));
                    return alerts.raise(raised);
                });
    }

    private Uni<Optional<ProjectionPositionRow>> lockPosition(boolean skipLocked) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "select * from projection_position where name = 'projections' for update"
                        + (skipLocked ? " skip locked" : ""), ProjectionPositionRow.class).getResultList())
                .map(rows -> rows.stream().findFirst());
    }

    /** The position, the ledger size and the rebuild's {@code replay_until} (-1 when none). */
    public Uni<long[]> status() {
        return Panache.withSession(() -> ProjectionPositionRow.<ProjectionPositionRow>findById(
                ProjectionPositionRow.PROJECTIONS))
                .chain(position -> ledger.head().map(head -> new long[] {position.nextIndex, head.size(),
                        position.replayUntil == null ? -1 : position.replayUntil}));
    }
}
