package io.eer.audit.insight.infra.out;

import io.eer.audit.insight.projection.GrantView;
import io.eer.audit.insight.projection.ProjectionPositionRow;
import io.eer.audit.insight.projection.RequestView;
import io.eer.audit.insight.projection.RequesterView;
import io.eer.audit.insight.projection.ReviewView;
import io.eer.ledger.format.StoredEntry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The statements of one rebuild chunk, on one connection of the reactive pool inside one transaction (obtained from
 * {@link ReplayStore#inTransaction}): lock the position, read the chunk's ledger entries, load the projection rows
 * they touch, and write every row the chunk touched together with the moved position in ONE statement. No Hibernate
 * session: the rows are plain objects, never managed, so memory is a chunk's worth; no JSON is built for the write
 * (the rows travel as typed arrays, {@code unnest} turns them back into rows, like the ledger's own append).
 */
public final class ReplayChunk {

    /** The position row as locked: {@code replayUntil} null when no rebuild is unfinished. */
    public record Position(long nextIndex, Long replayUntil) {
    }

    private static final String REQUEST_COLUMNS = "request_id, kind, requester, beneficiary, system, role, incident, "
            + "status, approvers, requested_at, decided_at, granted_at, ended_at, first_index, last_index, event_count";
    private static final String GRANT_COLUMNS = "grant_id, request_id, beneficiary, system, role, granted_at, "
            + "expires_at, expired_at, revoked_at, revoke_reason, status, action_count, last_action_at, granted_index";
    private static final String REVIEW_COLUMNS = "review_id, grant_id, request_id, reviewer_groups, due_at, status, "
            + "outcome, reviewer, completed_at, scheduled_index";
    private static final String REQUESTER_COLUMNS = "requester, refusals_in_a_row, last_refusal_index";

    /**
     * Every row of the chunk, one upsert per table as data-modifying {@code with} parts, and the moved position, in
     * one round trip. Each map holds a key once, so no upsert touches a row twice.
     */
    private static final String WRITE = """
            with r as (
                insert into proj_request (%s)
                select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                                     $7::text[], $8::text[], $9::text[], $10::timestamptz[], $11::timestamptz[],
                                     $12::timestamptz[], $13::timestamptz[], $14::bigint[], $15::bigint[], $16::int[])
                on conflict (request_id) do update set %s),
            g as (
                insert into proj_grant (%s)
                select * from unnest($17::text[], $18::text[], $19::text[], $20::text[], $21::text[],
                                     $22::timestamptz[], $23::timestamptz[], $24::timestamptz[], $25::timestamptz[],
                                     $26::text[], $27::text[], $28::int[], $29::timestamptz[], $30::bigint[])
                on conflict (grant_id) do update set %s),
            v as (
                insert into proj_review (%s)
                select * from unnest($31::text[], $32::text[], $33::text[], $34::text[], $35::timestamptz[],
                                     $36::text[], $37::text[], $38::text[], $39::timestamptz[], $40::bigint[])
                on conflict (review_id) do update set %s),
            q as (
                insert into proj_requester (%s)
                select * from unnest($41::text[], $42::int[], $43::bigint[])
                on conflict (requester) do update set %s)
            update projection_position set next_index = $44, replay_until = $45 where name = $46"""
            .formatted(REQUEST_COLUMNS, excluded(REQUEST_COLUMNS), GRANT_COLUMNS, excluded(GRANT_COLUMNS),
                    REVIEW_COLUMNS, excluded(REVIEW_COLUMNS), REQUESTER_COLUMNS, excluded(REQUESTER_COLUMNS));

    private final SqlConnection connection;

    ReplayChunk(SqlConnection connection) {
        this.connection = connection;
    }

    /** {@code (b, c) = (excluded.b, excluded.c)} for every column but the first (the key). */
    private static String excluded(String columns) {
        List<String> names = List.of(columns.split(", "));
        List<String> updated = names.subList(1, names.size());
        return "(" + String.join(", ", updated) + ") = row("
                + String.join(", ", updated.stream().map(column -> "excluded." + column).toList()) + ")";
    }

    /** The position row, locked until the transaction ends; empty when {@code skipLocked} and someone holds it. */
    public Uni<Optional<Position>> lockPosition(boolean skipLocked) {
        return connection.preparedQuery("select next_index, replay_until from projection_position where name = $1 "
                        + "for update" + (skipLocked ? " skip locked" : ""))
                .execute(Tuple.of(ProjectionPositionRow.PROJECTIONS))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new Position(row.getLong(0), row.getLong(1)));
                });
    }

    /**
     * Up to {@code max} ledger entries with {@code from <= index < toExclusive}, in index order, with only what a
     * projection reads: index, recordedAt, topic and the bytes as received (no record text, no hashes).
     */
    public Uni<List<StoredEntry>> entries(long from, long toExclusive, int max) {
        return connection.preparedQuery("select ledger_index, recorded_at, topic, received from ledger_entry "
                        + "where ledger_index >= $1 and ledger_index < $2 order by ledger_index limit $3")
                .execute(Tuple.of(from, toExclusive, max))
                .map(rows -> {
                    List<StoredEntry> entries = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        entries.add(new StoredEntry(row.getLong(0), row.getOffsetDateTime(1).toInstant(),
                                row.getString(2), 0, 0, row.getBuffer(3).getBytes(), null, null, null));
                    }
                    return entries;
                });
    }

    /** The stored record text of these entries (read only for an entry whose received bytes no longer parse). */
    public Uni<Map<Long, String>> records(Collection<Long> indexes) {
        return connection.preparedQuery("select ledger_index, record_json from ledger_entry "
                        + "where ledger_index = any($1::bigint[])")
                .execute(Tuple.of((Object) indexes.toArray(Long[]::new)))
                .map(rows -> {
                    Map<Long, String> records = new HashMap<>();
                    rows.forEach(row -> records.put(row.getLong(0), row.getString(1)));
                    return records;
                });
    }

    public Uni<List<RequestView>> requests(Collection<String> ids) {
        return select("proj_request", REQUEST_COLUMNS, ids, row -> {
            RequestView v = new RequestView();
            v.requestId = row.getString(0);
            v.kind = row.getString(1);
            v.requester = row.getString(2);
            v.beneficiary = row.getString(3);
            v.system = row.getString(4);
            v.role = row.getString(5);
            v.incident = row.getString(6);
            v.status = row.getString(7);
            v.approvers = row.getString(8);
            v.requestedAt = instant(row, 9);
            v.decidedAt = instant(row, 10);
            v.grantedAt = instant(row, 11);
            v.endedAt = instant(row, 12);
            v.firstIndex = row.getLong(13);
            v.lastIndex = row.getLong(14);
            v.eventCount = row.getInteger(15);
            return v;
        });
    }

    public Uni<List<GrantView>> grants(Collection<String> ids) {
        return select("proj_grant", GRANT_COLUMNS, ids, row -> {
            GrantView v = new GrantView();
            v.grantId = row.getString(0);
            v.requestId = row.getString(1);
            v.beneficiary = row.getString(2);
            v.system = row.getString(3);
            v.role = row.getString(4);
            v.grantedAt = instant(row, 5);
            v.expiresAt = instant(row, 6);
            v.expiredAt = instant(row, 7);
            v.revokedAt = instant(row, 8);
            v.revokeReason = row.getString(9);
            v.status = row.getString(10);
            v.actionCount = row.getInteger(11);
            v.lastActionAt = instant(row, 12);
            v.grantedIndex = row.getLong(13);
            return v;
        });
    }

    public Uni<List<ReviewView>> reviews(Collection<String> ids) {
        return select("proj_review", REVIEW_COLUMNS, ids, row -> {
            ReviewView v = new ReviewView();
            v.reviewId = row.getString(0);
            v.grantId = row.getString(1);
            v.requestId = row.getString(2);
            v.reviewerGroups = row.getString(3);
            v.dueAt = instant(row, 4);
            v.status = row.getString(5);
            v.outcome = row.getString(6);
            v.reviewer = row.getString(7);
            v.completedAt = instant(row, 8);
            v.scheduledIndex = row.getLong(9);
            return v;
        });
    }

    public Uni<List<RequesterView>> requesters(Collection<String> ids) {
        return select("proj_requester", REQUESTER_COLUMNS, ids, row -> {
            RequesterView v = new RequesterView();
            v.requester = row.getString(0);
            v.refusalsInARow = row.getInteger(1);
            v.lastRefusalIndex = row.getLong(2);
            return v;
        });
    }

    /** The rows whose key (the first column) is one of {@code ids}, in one statement ({@code = any}). */
    private <T> Uni<List<T>> select(String table, String columns, Collection<String> ids, Function<Row, T> read) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String key = columns.substring(0, columns.indexOf(','));
        // table and column names are constants of this class, never input
        return connection.preparedQuery("select " + columns + " from " + table + " where " + key
                        + " = any($1::text[])")
                .execute(Tuple.of((Object) ids.toArray(String[]::new)))
                .map(rows -> {
                    List<T> found = new ArrayList<>(rows.size());
                    rows.forEach(row -> found.add(read.apply(row)));
                    return found;
                });
    }

    /**
     * Writes every row of the chunk (inserted, or overwritten where the key exists) and moves the position to
     * {@code nextIndex}, {@code replayUntil} null when the chunk reached the mark.
     */
    public Uni<Void> write(Collection<RequestView> requests, Collection<GrantView> grants,
            Collection<ReviewView> reviews, Collection<RequesterView> requesters, long nextIndex, Long replayUntil) {
        List<Object> values = new ArrayList<>(46);
        values.add(column(requests, v -> v.requestId));
        values.add(column(requests, v -> v.kind));
        values.add(column(requests, v -> v.requester));
        values.add(column(requests, v -> v.beneficiary));
        values.add(column(requests, v -> v.system));
        values.add(column(requests, v -> v.role));
        values.add(column(requests, v -> v.incident));
        values.add(column(requests, v -> v.status));
        values.add(column(requests, v -> v.approvers));
        values.add(times(requests, v -> v.requestedAt));
        values.add(times(requests, v -> v.decidedAt));
        values.add(times(requests, v -> v.grantedAt));
        values.add(times(requests, v -> v.endedAt));
        values.add(requests.stream().map(v -> v.firstIndex).toArray(Long[]::new));
        values.add(requests.stream().map(v -> v.lastIndex).toArray(Long[]::new));
        values.add(requests.stream().map(v -> v.eventCount).toArray(Integer[]::new));

        values.add(column(grants, v -> v.grantId));
        values.add(column(grants, v -> v.requestId));
        values.add(column(grants, v -> v.beneficiary));
        values.add(column(grants, v -> v.system));
        values.add(column(grants, v -> v.role));
        values.add(times(grants, v -> v.grantedAt));
        values.add(times(grants, v -> v.expiresAt));
        values.add(times(grants, v -> v.expiredAt));
        values.add(times(grants, v -> v.revokedAt));
        values.add(column(grants, v -> v.revokeReason));
        values.add(column(grants, v -> v.status));
        values.add(grants.stream().map(v -> v.actionCount).toArray(Integer[]::new));
        values.add(times(grants, v -> v.lastActionAt));
        values.add(grants.stream().map(v -> v.grantedIndex).toArray(Long[]::new));

        values.add(column(reviews, v -> v.reviewId));
        values.add(column(reviews, v -> v.grantId));
        values.add(column(reviews, v -> v.requestId));
        values.add(column(reviews, v -> v.reviewerGroups));
        values.add(times(reviews, v -> v.dueAt));
        values.add(column(reviews, v -> v.status));
        values.add(column(reviews, v -> v.outcome));
        values.add(column(reviews, v -> v.reviewer));
        values.add(times(reviews, v -> v.completedAt));
        values.add(reviews.stream().map(v -> v.scheduledIndex).toArray(Long[]::new));

        values.add(column(requesters, v -> v.requester));
        values.add(requesters.stream().map(v -> v.refusalsInARow).toArray(Integer[]::new));
        values.add(requesters.stream().map(v -> v.lastRefusalIndex).toArray(Long[]::new));

        values.add(nextIndex);
        values.add(replayUntil);
        values.add(ProjectionPositionRow.PROJECTIONS);
        return connection.preparedQuery(WRITE).execute(Tuple.tuple(values)).replaceWithVoid();
    }

    private static <T> String[] column(Collection<T> rows, Function<T, String> value) {
        return rows.stream().map(value).toArray(String[]::new);
    }

    /** Microseconds, as PostgreSQL keeps them (the live projector's rows are the same). */
    private static <T> OffsetDateTime[] times(Collection<T> rows, Function<T, Instant> value) {
        return rows.stream().map(value)
                .map(instant -> instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC))
                .toArray(OffsetDateTime[]::new);
    }

    private static Instant instant(Row row, int column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
