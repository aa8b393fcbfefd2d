package io.eer.audit.ledger.infra.out;

import io.eer.ledger.format.LedgerEntry;
import io.eer.ledger.format.LedgerHead;
import io.eer.ledger.format.ReceivedEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One append transaction's statements, on a connection of the reactive pool (not a Hibernate session: an append is
 * a fixed handful of statements whatever the batch size, with no entities to build, track and flush). Obtained from
 * {@link LedgerStore#append}; {@link SequenceStore#record} runs in the same transaction.
 */
public final class LedgerAppend {

    /**
     * Every entry of the batch, its {@code ledger_subject} row and the moved head in ONE statement: the rows travel
     * as arrays and {@code unnest} turns them back into rows. The subject rows' foreign key is checked at the end of
     * the statement, when the entries are there.
     */
    private static final String INSERT = """
            with entry as (
                insert into ledger_entry (ledger_index, event_id, topic, kafka_partition, kafka_offset, recorded_at,
                                          received, record_json, leaf, chain)
                select * from unnest($1::bigint[], $2::text[], $3::text[], $4::int[], $5::bigint[],
                                     $6::timestamptz[], $7::bytea[], $8::text[], $9::bytea[], $10::bytea[])),
            subject as (
                insert into ledger_subject (ledger_index, subject, type)
                select * from unnest($1::bigint[], $11::text[], $12::text[]))
            update ledger_head set size = $13, chain_head = $14 where id = 1""";

    final SqlConnection connection;

    LedgerAppend(SqlConnection connection) {
        this.connection = connection;
    }

    /**
     * The head, its row locked {@code FOR UPDATE} until the transaction ends: the one-writer-at-a-time lock that gives
     * a gap-free index and an unforked chain.
     */
    public Uni<LedgerHead> lockHead() {
        return connection.query("select size, chain_head from ledger_head where id = 1 for update").execute()
                .map(rows -> {
                    if (rows.size() != 1) {
                        throw new IllegalStateException("ledger_head row 1 is missing");
                    }
                    Row row = rows.iterator().next();
                    return new LedgerHead(row.getLong("size"), row.getBuffer("chain_head").getBytes());
                });
    }

    /**
     * Which of these CloudEvent ids are already in the ledger. Call after {@link #lockHead()}: this statement's
     * snapshot is taken once the lock is held, so it sees every entry a previous writer committed.
     */
    public Uni<Set<String>> recordedAmong(Collection<String> eventIds) {
        return connection.preparedQuery("select event_id from ledger_entry where event_id = any($1::text[])")
                .execute(Tuple.of((Object) eventIds.toArray(String[]::new)))
                .map(rows -> {
                    Set<String> recorded = new HashSet<>();
                    rows.forEach(row -> recorded.add(row.getString(0)));
                    return recorded;
                });
    }

    /**
     * Inserts {@code entries} (made from {@code received}, in the same order, following the locked head) with their
     * subject rows and moves the head past the last one.
     */
    public Uni<Void> insert(List<LedgerEntry> entries, List<ReceivedEvent> received) {
        int n = entries.size();
        Long[] index = new Long[n];
        String[] eventId = new String[n];
        String[] topic = new String[n];
        Integer[] partition = new Integer[n];
        Long[] offset = new Long[n];
        OffsetDateTime[] recordedAt = new OffsetDateTime[n];
        Buffer[] bytes = new Buffer[n];
        String[] recordJson = new String[n];
        Buffer[] leaf = new Buffer[n];
        Buffer[] chain = new Buffer[n];
        String[] subject = new String[n];
        String[] type = new String[n];
        for (int i = 0; i < n; i++) {
            LedgerEntry entry = entries.get(i);
            ReceivedEvent event = received.get(i);
            index[i] = entry.index();
            eventId[i] = event.eventId();
            topic[i] = entry.record().topic();
            partition[i] = entry.record().partition();
            offset[i] = entry.record().offset();
            recordedAt[i] = entry.record().recordedAt().atOffset(ZoneOffset.UTC);
            bytes[i] = Buffer.buffer(entry.received());
            recordJson[i] = entry.record().canonicalString();
            leaf[i] = Buffer.buffer(entry.leaf());
            chain[i] = Buffer.buffer(entry.chain());
            subject[i] = event.subject();
            type[i] = event.type();
        }
        LedgerHead head = entries.get(n - 1).head();
        return connection.preparedQuery(INSERT)
                .execute(Tuple.tuple(List.of(index, eventId, topic, partition, offset, recordedAt, bytes, recordJson,
                        leaf, chain, subject, type, head.size(), Buffer.buffer(head.chainHead()))))
                .replaceWithVoid();
    }
}
