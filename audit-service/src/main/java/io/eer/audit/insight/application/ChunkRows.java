package io.eer.audit.insight.application;

import io.eer.audit.insight.infra.out.ReplayChunk;
import io.eer.audit.insight.projection.GrantView;
import io.eer.audit.insight.projection.RequestView;
import io.eer.audit.insight.projection.RequesterView;
import io.eer.audit.insight.projection.ReviewView;
import io.eer.ledger.format.LedgerFact;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The projection rows a chunk of ledger entries touches, loaded before the chunk is applied with one query per table
 * (applying an entry then costs no round trip). Live ({@link #managed}): managed entities of the caller's Panache
 * session ({@code id in (…)}), changes going out at its flush. A rebuild's chunk ({@link #replay}): plain objects read
 * on the chunk's own connection; new rows are only kept here, and {@link #write} sends every row the chunk touched
 * with the moved position in one statement. An id the preload could not foresee (the requester of a {@code Denied}
 * whose request arrived in the same chunk without one) is looked up on its own: slower, never wrong. A map entry with
 * a null value means "known not to exist".
 */
final class ChunkRows implements ProjectionUpdater.Rows, ProjectionUpdater.InMemory {

    /** Loads the rows with these keys, one table each. */
    record Source(Function<List<String>, Uni<List<RequestView>>> requests,
            Function<List<String>, Uni<List<GrantView>>> grants,
            Function<List<String>, Uni<List<ReviewView>>> reviews,
            Function<List<String>, Uni<List<RequesterView>>> requesters) {
    }

    /** At most this many ids per query (bind parameters). */
    private static final int IDS_PER_QUERY = 1000;

    private static final Source MANAGED = new Source(ids -> managed(RequestView.class, "requestId", ids),
            ids -> managed(GrantView.class, "grantId", ids), ids -> managed(ReviewView.class, "reviewId", ids),
            ids -> managed(RequesterView.class, "requester", ids));

    private final Map<String, RequestView> requests = new HashMap<>();
    private final Map<String, GrantView> grants = new HashMap<>();
    private final Map<String, ReviewView> reviews = new HashMap<>();
    private final Map<String, RequesterView> requesters = new HashMap<>();

    private final Source source;
    /** Managed by the Panache session: a new row is persisted (written at the flush). */
    private final boolean managed;

    private ChunkRows(Source source, boolean managed) {
        this.source = source;
        this.managed = managed;
    }

    /** Live: the rows as managed entities of the caller's Panache session. */
    static Uni<ChunkRows> managed(List<LedgerFact> facts) {
        return new ChunkRows(MANAGED, true).preload(facts);
    }

    /** A rebuild's chunk: plain rows read by {@code chunk}, written by {@link #write}. */
    static Uni<ChunkRows> replay(List<LedgerFact> facts, ReplayChunk chunk) {
        return new ChunkRows(new Source(chunk::requests, chunk::grants, chunk::reviews, chunk::requesters), false)
                .preload(facts);
    }

    /** Loads every row {@code facts} name (their requests, grants, reviews and requesters). */
    private Uni<ChunkRows> preload(List<LedgerFact> facts) {
        Set<String> requestIds = new HashSet<>();
        Set<String> grantIds = new HashSet<>();
        Set<String> reviewIds = new HashSet<>();
        Set<String> requesterIds = new HashSet<>();
        for (LedgerFact fact : facts) {
            requestIds.add(fact.requestId());
            addIfPresent(grantIds, fact.text("grantId"));
            addIfPresent(reviewIds, fact.text("reviewId"));
            addIfPresent(requesterIds, fact.text("requester", "id"));
            addIfPresent(requesterIds, fact.text("requester"));
        }
        return load(source.requests(), requestIds, requests, row -> row.requestId)
                .invoke(() -> requests.values().forEach(request -> {
                    if (request != null) {
                        addIfPresent(requesterIds, request.requester);
                    }
                }))
                .chain(() -> load(source.grants(), grantIds, grants, row -> row.grantId))
                .chain(() -> load(source.reviews(), reviewIds, reviews, row -> row.reviewId))
                .chain(() -> load(source.requesters(), requesterIds, requesters, row -> row.requester))
                .replaceWith(this);
    }

    /** A rebuild's chunk: writes every row it loaded or added, and the moved position, in one statement. */
    Uni<Void> write(ReplayChunk chunk, long nextIndex, Long replayUntil) {
        return chunk.write(present(requests), present(grants), present(reviews), present(requesters), nextIndex,
                replayUntil);
    }

    private static <T> List<T> present(Map<String, T> rows) {
        return rows.values().stream().filter(java.util.Objects::nonNull).toList();
    }

    private static void addIfPresent(Set<String> ids, String id) {
        if (id != null) {
            ids.add(id);
        }
    }

    private static <T extends PanacheEntityBase> Uni<List<T>> managed(Class<T> type, String idField,
            List<String> ids) {
        return Panache.getSession().chain(session -> session.createSelectionQuery(
                "from " + type.getSimpleName() + " where " + idField + " in :ids", type)
                .setParameter("ids", ids).getResultList());
    }

    private static <T> Uni<Void> load(Function<List<String>, Uni<List<T>>> query, Set<String> ids,
            Map<String, T> into, Function<T, String> idOf) {
        ids.forEach(id -> into.put(id, null));
        List<String> all = new ArrayList<>(ids);
        Uni<Void> done = Uni.createFrom().voidItem();
        for (int from = 0; from < all.size(); from += IDS_PER_QUERY) {
            List<String> part = all.subList(from, Math.min(all.size(), from + IDS_PER_QUERY));
            done = done.chain(() -> query.apply(part))
                    .invoke(found -> found.forEach(row -> into.put(idOf.apply(row), row)))
                    .replaceWithVoid();
        }
        return done;
    }

    private <T> Uni<T> get(Map<String, T> rows, String id, Function<List<String>, Uni<List<T>>> query) {
        if (rows.containsKey(id)) {
            return Uni.createFrom().item(rows.get(id));
        }
        return query.apply(List.of(id)).map(found -> found.isEmpty() ? null : found.get(0))
                .invoke(found -> rows.put(id, found));
    }

    @Override
    public Uni<RequestView> request(String requestId) {
        return get(requests, requestId, source.requests());
    }

    @Override
    public Uni<GrantView> grant(String grantId) {
        return get(grants, grantId, source.grants());
    }

    @Override
    public Uni<ReviewView> review(String reviewId) {
        return get(reviews, reviewId, source.reviews());
    }

    @Override
    public Uni<RequesterView> requester(String requester) {
        return get(requesters, requester, source.requesters());
    }

    @Override
    public Uni<Void> add(Object row) {
        keep(row);
        return managed ? ((PanacheEntityBase) row).persist().replaceWithVoid() : Uni.createFrom().voidItem();
    }

    /** A new row, in memory: found from now on. */
    void keep(Object row) {
        if (row instanceof RequestView request) {
            requests.put(request.requestId, request);
        } else if (row instanceof GrantView grant) {
            grants.put(grant.grantId, grant);
        } else if (row instanceof ReviewView review) {
            reviews.put(review.reviewId, review);
        } else if (row instanceof RequesterView requester) {
            requesters.put(requester.requester, requester);
        } else {
            throw new IllegalArgumentException("not a projection row: " + row.getClass().getName());
        }
    }

    @Override
    public boolean knows(Class<?> table, String id) {
        return table(table).containsKey(id);
    }

    @Override
    public <T> T known(Class<T> table, String id) {
        return table.cast(table(table).get(id));
    }

    private Map<String, ?> table(Class<?> table) {
        if (table == RequestView.class) {
            return requests;
        }
        if (table == GrantView.class) {
            return grants;
        }
        return table == ReviewView.class ? reviews : requesters;
    }
}
