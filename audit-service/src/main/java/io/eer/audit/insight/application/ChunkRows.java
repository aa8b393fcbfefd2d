package io.eer.audit.insight.application;

import io.eer.audit.insight.infra.out.ProjectionUpserts;
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
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The projection rows a chunk of ledger entries touches, loaded before the chunk is applied with one query per table
 * ({@code id in (…)}), as managed entities of the caller's session: applying an entry then costs no round trip, and
 * the changes go out at the flush. A rebuild's chunk loads them {@code detached} instead (the session cleared): new
 * rows are only kept here, and {@link #write()} sends every row the chunk touched in one statement per table. An id
 * the preload could not foresee (the requester of a {@code Denied} whose request arrived in the same chunk without
 * one) is looked up on its own: slower, never wrong. A map entry with a null value means "known not to exist".
 */
final class ChunkRows implements ProjectionUpdater.Rows {

    private final Map<String, RequestView> requests = new HashMap<>();
    private final Map<String, GrantView> grants = new HashMap<>();
    private final Map<String, ReviewView> reviews = new HashMap<>();
    private final Map<String, RequesterView> requesters = new HashMap<>();

    private final boolean detached;

    private ChunkRows(boolean detached) {
        this.detached = detached;
    }

    /**
     * Loads every row {@code facts} name (their requests, grants, reviews and requesters); {@code detached}: not
     * managed by the session (which is cleared), written only by {@link #write()}.
     */
    static Uni<ChunkRows> preload(List<LedgerFact> facts, boolean detached) {
        ChunkRows rows = new ChunkRows(detached);
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
        return load(RequestView.class, "requestId", requestIds, rows.requests, row -> row.requestId)
                .invoke(() -> rows.requests.values().forEach(request -> {
                    if (request != null) {
                        addIfPresent(requesterIds, request.requester);
                    }
                }))
                .chain(() -> load(GrantView.class, "grantId", grantIds, rows.grants, row -> row.grantId))
                .chain(() -> load(ReviewView.class, "reviewId", reviewIds, rows.reviews, row -> row.reviewId))
                .chain(() -> load(RequesterView.class, "requester", requesterIds, rows.requesters,
                        row -> row.requester))
                .chain(rows::detach)
                .replaceWith(rows);
    }

    /** Detached rows: nothing the session loaded is written at its flush. */
    private Uni<Void> detach() {
        return detached ? Panache.getSession().invoke(Mutiny.Session::clear).replaceWithVoid()
                : Uni.createFrom().voidItem();
    }

    /** Detached rows: writes every row the chunk loaded or added, one statement per table. */
    Uni<Void> write() {
        return ProjectionUpserts.write(present(requests), present(grants), present(reviews), present(requesters));
    }

    private static <T> List<T> present(Map<String, T> rows) {
        return rows.values().stream().filter(java.util.Objects::nonNull).toList();
    }

    private static void addIfPresent(Set<String> ids, String id) {
        if (id != null) {
            ids.add(id);
        }
    }

    /** At most this many ids per query (bind parameters). */
    private static final int IDS_PER_QUERY = 1000;

    private static <T extends PanacheEntityBase> Uni<Void> load(Class<T> type, String idField, Set<String> ids,
            Map<String, T> into, Function<T, String> idOf) {
        ids.forEach(id -> into.put(id, null));
        List<String> all = new ArrayList<>(ids);
        Uni<Void> done = Uni.createFrom().voidItem();
        for (int from = 0; from < all.size(); from += IDS_PER_QUERY) {
            List<String> part = all.subList(from, Math.min(all.size(), from + IDS_PER_QUERY));
            done = done.chain(() -> Panache.getSession()
                    .chain(session -> session.createSelectionQuery(
                            "from " + type.getSimpleName() + " where " + idField + " in :ids", type)
                            .setParameter("ids", part).getResultList()))
                    .invoke(found -> found.forEach(row -> into.put(idOf.apply(row), row)))
                    .replaceWithVoid();
        }
        return done;
    }

    private <T extends PanacheEntityBase> Uni<T> get(Map<String, T> rows, String id,
            Function<String, Uni<T>> find) {
        if (rows.containsKey(id)) {
            return Uni.createFrom().item(rows.get(id));
        }
        return find.apply(id).invoke(found -> rows.put(id, found)).call(this::detach);
    }

    @Override
    public Uni<RequestView> request(String requestId) {
        return get(requests, requestId, RequestView::findById);
    }

    @Override
    public Uni<GrantView> grant(String grantId) {
        return get(grants, grantId, GrantView::findById);
    }

    @Override
    public Uni<ReviewView> review(String reviewId) {
        return get(reviews, reviewId, ReviewView::findById);
    }

    @Override
    public Uni<RequesterView> requester(String requester) {
        return get(requesters, requester, RequesterView::findById);
    }

    @Override
    public Uni<Void> add(RequestView row) {
        return keep(requests, row.requestId, row);
    }

    @Override
    public Uni<Void> add(GrantView row) {
        return keep(grants, row.grantId, row);
    }

    @Override
    public Uni<Void> add(ReviewView row) {
        return keep(reviews, row.reviewId, row);
    }

    @Override
    public Uni<Void> add(RequesterView row) {
        return keep(requesters, row.requester, row);
    }

    /** A new row: found from now on; persisted (written at the flush) unless the rows are detached. */
    private <T extends PanacheEntityBase> Uni<Void> keep(Map<String, T> rows, String id, T row) {
        rows.put(id, row);
        return detached ? Uni.createFrom().voidItem() : row.persist().replaceWithVoid();
    }
}
