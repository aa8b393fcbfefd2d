package io.eer.support.inbox;

import io.eer.contracts.MalformedEventException;
import io.eer.support.outbox.ConcurrentChangeException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * The one classification of failures every EER consumer (and the REST edge) uses.
 *
 * <ul>
 *   <li>{@link Kind#PERMANENT}: the record is at fault and no retry can help: not a CloudEvent, unknown type, schema
 *   or binding failure ({@link MalformedEventException}), a {@link PermanentFailure} (wrong {@code source}, a domain
 *   rule), data the database refuses (SQLSTATE class 22 data exception, 23 integrity constraint violation), or an
 *   {@link IllegalArgumentException} (how the domain layer, which cannot depend on this class, refuses data).</li>
 *   <li>{@link Kind#TRANSIENT}: a dependency is unavailable or busy for now: connection refused, reset or closed,
 *   pool or connect timeout, SQLSTATE class 08 (connection), 53 (insufficient resources), 40001 (serialization),
 *   40P01 (deadlock), 55P03 (lock not available), 57P01/57P02/57P03 (shutdown, cannot connect now), Kafka's
 *   retriable errors, and the optimistic-concurrency conflict on {@code domain_event (aggregate_id, version)} or a
 *   {@code ConcurrentChangeException} that {@code Aggregates} could not resolve by deciding again (re-running the
 *   transaction reloads the aggregate).</li>
 *   <li>{@link Kind#UNKNOWN}: anything else. Consumers retry it like a transient failure (an event is never lost to
 *   a failure nobody has classified), but log it as an error: a partition that keeps failing this way needs a
 *   person.</li>
 * </ul>
 */
public final class FailurePolicy {

    public enum Kind { TRANSIENT, PERMANENT, UNKNOWN }

    /** The optimistic-concurrency constraint of the event log (V0_1). */
    static final String AGGREGATE_VERSION_CONSTRAINT = "domain_event_aggregate_version";

    private FailurePolicy() {
    }

    public static Kind classify(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            if (e instanceof MalformedEventException || e instanceof PermanentFailure) {
                return Kind.PERMANENT;
            }
            if (e instanceof ConcurrentChangeException) {
                return Kind.TRANSIENT; // re-running the transaction reloads the aggregate
            }
        }
        Optional<String> state = sqlState(failure);
        if (state.isPresent()) {
            String code = state.get();
            if (code.startsWith("23") && concurrentVersion(failure)) {
                return Kind.TRANSIENT;
            }
            if (code.startsWith("22") || code.startsWith("23")) {
                return Kind.PERMANENT;
            }
            if (code.startsWith("08") || code.startsWith("53") || code.equals("40001") || code.equals("40P01")
                    || code.equals("55P03") || code.equals("57P01") || code.equals("57P02")
                    || code.equals("57P03")) {
                return Kind.TRANSIENT;
            }
        }
        if (unavailable(failure)) {
            return Kind.TRANSIENT;
        }
        for (Throwable e = failure; e != null; e = e.getCause()) {
            if (e instanceof IllegalArgumentException) {
                return Kind.PERMANENT; // the domain refuses the event's data (domain code cannot name PermanentFailure)
            }
        }
        return Kind.UNKNOWN;
    }

    /** Whether the record itself is at fault: send it to the dead-letter topic, never retry. */
    public static boolean permanent(Throwable failure) {
        return classify(failure) == Kind.PERMANENT;
    }

    /** Whether re-running the whole transaction later may succeed (the failure is not the input's). */
    public static boolean transientFailure(Throwable failure) {
        return classify(failure) == Kind.TRANSIENT;
    }

    /**
     * The record's own fault in the ledger's sense (audit-service): not a CloudEvent, or data the database refuses.
     * Same as {@link #permanent}.
     */
    public static boolean refusedRecord(Throwable failure) {
        return permanent(failure);
    }

    /** The SQLSTATE the database answered with, if the failure carries one. */
    public static Optional<String> sqlState(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            String state = e instanceof SQLException sql ? sql.getSQLState()
                    : e instanceof DatabaseException database ? database.getSqlState() : null;
            if (state != null) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }

    /**
     * A short description for logs and dead-letter reasons: the kind, the exception classes and the SQLSTATE, never a
     * message (a parser's or the database's message may quote the record).
     */
    public static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder(classify(failure).name().toLowerCase());
        String permanentKind = permanentKind(failure);
        if (permanentKind != null) {
            text.append(' ').append(permanentKind);
        }
        sqlState(failure).ifPresent(state -> text.append(" SQLSTATE ").append(state));
        text.append(" (");
        int depth = 0;
        for (Throwable e = failure; e != null && depth < 5; e = e.getCause(), depth++) {
            text.append(depth == 0 ? "" : " <- ").append(e.getClass().getName());
        }
        return text.append(')').toString();
    }

    /** A short, fixed reason for a dead letter (the metric's label): the permanent kind, else the SQLSTATE class. */
    public static String reason(Throwable failure) {
        String permanentKind = permanentKind(failure);
        if (permanentKind != null) {
            return permanentKind;
        }
        return sqlState(failure).map(state -> "sqlstate-" + state.substring(0, Math.min(2, state.length())))
                .orElse(classify(failure).name().toLowerCase());
    }

    private static String permanentKind(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            if (e instanceof PermanentFailure permanent) {
                return permanent.kind();
            }
            if (e instanceof MalformedEventException) {
                return "malformed-event";
            }
        }
        return null;
    }

    /** The database or the broker cannot be reached or is closing our connection: nothing the input can change. */
    private static boolean unavailable(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            if (e instanceof SocketException // ConnectException (refused), NoRouteToHost, reset
                    || e instanceof ClosedChannelException
                    || e instanceof UnknownHostException
                    || e instanceof ClosedConnectionException
                    || e instanceof TimeoutException // Vert.x pool / connect timeouts
                    || e instanceof SQLTransientException
                    || e instanceof org.apache.kafka.common.errors.RetriableException) {
                return true;
            }
            String name = e.getClass().getName();
            if (name.startsWith("io.netty.") && message(e).contains("Connection reset")) {
                return true; // netty's native IOException for a reset connection
            }
            String message = message(e).toLowerCase(java.util.Locale.ROOT);
            // Vert.x reports some pool states with a bare NoStackTraceThrowable/VertxException and a fixed text
            if ((name.startsWith("io.vertx.") || name.startsWith("org.hibernate."))
                    && (message.contains("connection refused") || message.contains("connection is closed")
                    || message.contains("connection closed") || message.contains("pool closed")
                    || message.contains("connection reset") || message.contains("timeout")
                    || message.contains("timed out"))) {
                return true;
            }
        }
        return false;
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? "" : e.getMessage();
    }

    private static boolean concurrentVersion(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            if (e instanceof PgException pg && AGGREGATE_VERSION_CONSTRAINT.equals(pg.getConstraint())) {
                return true;
            }
            if (e instanceof org.hibernate.exception.ConstraintViolationException violation
                    && AGGREGATE_VERSION_CONSTRAINT.equals(violation.getConstraintName())) {
                return true;
            }
        }
        return false;
    }
}
