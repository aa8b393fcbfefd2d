package io.eer.expiry;

import io.quarkus.hibernate.reactive.panache.Panache;
import java.time.Instant;

/**
 * Test helper: many pending timers stored by SQL the way the service stores an arming (as {@code ./eer bench}'s P2
 * phase does): version 1 of each grant in {@code domain_event} ({@code internal:TimerScheduled}, the body
 * {@code TimerEventMapping} reads) and the projection's {@code timer} row, in one transaction. Grant ids are
 * {@code <prefix><i>}, request ids {@code <prefix>request-<i>}; timer {@code i} is due at {@code first + i * step}
 * and carries the trace {@link #traceparent}{@code (i)}.
 */
public final class SeededTimers {

    private SeededTimers() {
    }

    public static void seed(String prefix, int count, Instant first, long stepMicros) {
        String deadline = "(timestamptz '%s' + g * interval '%d microseconds')".formatted(first, stepMicros);
        String iso = "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'";
        String grant = "'%s' || g".formatted(prefix);
        String request = "'%srequest-' || g".formatted(prefix);
        String trace = "'00-' || lpad(to_hex(g + 1), 32, '0') || '-00000000000000ab-01'";
        OnContext.await(() -> Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery("set local time zone 'UTC'").executeUpdate()
                        .chain(() -> session.createNativeQuery(("insert into domain_event (aggregate_id, version,"
                                + " event_id, type, payload, recorded_at) select %1$s, 1, gen_random_uuid()::text,"
                                + " 'internal:TimerScheduled', json_build_object('grantId', %1$s, 'requestId', %2$s,"
                                + " 'deadline', to_char(%3$s, %4$s), 'scheduledAt', to_char(now(), %4$s), 'traceparent',"
                                + " %5$s)::text, now() from generate_series(0, %6$d) g")
                                .formatted(grant, request, deadline, iso, trace, count - 1)).executeUpdate())
                        .chain(() -> session.createNativeQuery(("insert into timer (grant_id, request_id, deadline,"
                                + " scheduled_at, traceparent) select %s, %s, %s, now(), %s"
                                + " from generate_series(0, %d) g").formatted(grant, request, deadline, trace,
                                count - 1)).executeUpdate()))));
    }

    /** The trace timer {@code i} was seeded with (its trace id is {@code i + 1} in hex, zero-padded). */
    public static String traceId(int i) {
        return String.format("%032x", i + 1L);
    }

    public static long count(String sql) {
        return OnContext.await(() -> Panache.withSession(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(sql, Long.class).getSingleResult())));
    }

    public static Object[] row(String sql) {
        return OnContext.await(() -> Panache.withSession(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(sql, Object[].class).getSingleResult())));
    }

    public static void execute(String sql) {
        OnContext.await(() -> Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(sql).executeUpdate())));
    }
}
