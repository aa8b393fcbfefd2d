package io.eer.support.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.eer.contracts.MalformedEventException;
import io.eer.support.inbox.FailurePolicy.Kind;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import org.hibernate.HibernateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FailurePolicyTest {

    private static PgException pg(String sqlState) {
        return new PgException("boom", "ERROR", sqlState, "detail");
    }

    /** As Hibernate Reactive hands it over: wrapped twice. */
    private static Throwable wrapped(Throwable cause) {
        return new CompletionException(new HibernateException("wrapped", cause));
    }

    @ParameterizedTest
    @ValueSource(strings = {"08000", "08001", "08003", "08006", "40001", "40P01", "55P03", "57P01", "57P02", "57P03",
            "53000", "53100", "53200", "53300"})
    void classify_whenDatabaseUnavailableOrBusy_isTransient(String sqlState) {
        assertThat(FailurePolicy.classify(wrapped(pg(sqlState)))).isEqualTo(Kind.TRANSIENT);
        assertThat(FailurePolicy.classify(new SQLException("x", sqlState))).isEqualTo(Kind.TRANSIENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"22001", "22P02", "22007", "23505", "23502", "23503", "23514"})
    void classify_whenDatabaseRefusesTheData_isPermanent(String sqlState) {
        assertThat(FailurePolicy.classify(wrapped(pg(sqlState)))).isEqualTo(Kind.PERMANENT);
        assertThat(FailurePolicy.refusedRecord(pg(sqlState))).isTrue();
    }

    @Test
    void classify_whenConcurrentWriterTookTheAggregateVersion_isTransient() {
        PgException conflict = new PgException("duplicate key", "ERROR", "23505", "d", null, null, null, null, null,
                null, null, null, null, null, null, null, "domain_event_aggregate_version");
        assertThat(FailurePolicy.classify(wrapped(conflict))).isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void classify_whenAggregatesCouldNotResolveAConcurrentChange_isTransient() {
        assertThat(FailurePolicy.classify(wrapped(new io.eer.support.outbox.ConcurrentChangeException("review-1", 1, 2))))
                .isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void classify_whenConnectionRefusedOrClosed_isTransient() {
        assertThat(FailurePolicy.classify(wrapped(new ConnectException("Connection refused")))).isEqualTo(Kind.TRANSIENT);
        assertThat(FailurePolicy.classify(ClosedConnectionException.INSTANCE)).isEqualTo(Kind.TRANSIENT);
        assertThat(FailurePolicy.classify(new java.util.concurrent.TimeoutException())).isEqualTo(Kind.TRANSIENT);
        assertThat(FailurePolicy.classify(new io.vertx.core.VertxException("Connection is closed", true)))
                .isEqualTo(Kind.TRANSIENT);
        assertThat(FailurePolicy.classify(new org.apache.kafka.common.errors.NotEnoughReplicasException("x")))
                .isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void classify_whenRecordIsMalformedOrRefusedByARule_isPermanent() {
        assertThat(FailurePolicy.classify(new MalformedEventException("unknown event type"))).isEqualTo(Kind.PERMANENT);
        assertThat(FailurePolicy.classify(wrapped(new PermanentFailure("rule-violation", "no"))))
                .isEqualTo(Kind.PERMANENT);
        assertThat(FailurePolicy.classify(wrapped(new IllegalArgumentException("AccessRevoked has no grantId"))))
                .isEqualTo(Kind.PERMANENT);
        // a malformed record stays permanent even if a connection problem is somewhere in the chain
        assertThat(FailurePolicy.classify(new MalformedEventException("x", new ConnectException())))
                .isEqualTo(Kind.PERMANENT);
    }

    @Test
    void classify_whenNobodyKnowsTheFailure_isUnknown_andNotPermanent() {
        assertThat(FailurePolicy.classify(new IllegalStateException("bug"))).isEqualTo(Kind.UNKNOWN);
        assertThat(FailurePolicy.classify(pg("42501"))).isEqualTo(Kind.UNKNOWN); // permission denied: fix and wait
        assertThat(FailurePolicy.permanent(new NullPointerException())).isFalse();
        // a Jackson parse error is not a network problem, though both are IOExceptions
        assertThat(FailurePolicy.transientFailure(new com.fasterxml.jackson.core.JsonParseException(null, "x")))
                .isFalse();
    }

    @Test
    void describe_namesKindClassesAndSqlState_butNeverTheMessage() {
        String text = FailurePolicy.describe(wrapped(pg("23505")));
        assertThat(text).contains("permanent").contains("SQLSTATE 23505").contains(PgException.class.getName())
                .doesNotContain("boom").doesNotContain("wrapped");
        assertThat(FailurePolicy.describe(new PermanentFailure("source-mismatch", "secret content")))
                .contains("source-mismatch").doesNotContain("secret");
    }
}
