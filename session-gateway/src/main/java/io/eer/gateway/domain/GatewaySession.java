package io.eer.gateway.domain;

import io.eer.support.decider.Decider;
import io.eer.support.decider.Decision;
import java.time.Instant;
import java.util.List;

/**
 * The rules of one gateway session: a statement is recorded (and then relayed) only while the grant lasts; what is
 * recorded is classified, truncated to the policy's length and, where the policy asks, has its literals replaced.
 * The gateway keeps the state in memory (a session is its only writer) and appends what this decides.
 */
public final class GatewaySession implements Decider<GatewaySession.State, GatewaySession.Command, SessionAction> {

    /** How statements are written down: at most {@code maxLength} characters; literals redacted or not. */
    public record StatementPolicy(int maxLength) {
        public StatementPolicy {
            if (maxLength < 16) {
                throw new IllegalArgumentException("a statement is kept to at least 16 characters");
            }
        }
    }

    public record State(String grantId, String requestId, String sessionId, Instant deadline, boolean redactLiterals,
            boolean ended) {
    }

    public sealed interface Command {
        Instant at();
    }

    public record Open(String grantId, String requestId, String sessionId, Instant deadline, boolean redactLiterals,
            Instant at) implements Command {
    }

    /** A statement the client sent: {@code action} is {@code query} or {@code execute}. */
    public record Record(String action, String sql, Instant at) implements Command {
    }

    /** The session ends: {@code action} is {@code disconnect} or {@code cut-off}. */
    public record End(String action, String reason, Instant at) implements Command {
    }

    private final StatementPolicy policy;

    public GatewaySession(StatementPolicy policy) {
        this.policy = policy;
    }

    @Override
    public State initialState() {
        return null;
    }

    @Override
    public Decision<SessionAction> decide(State state, Command command) {
        if (command instanceof Open open) {
            return Decision.accept(new SessionAction(open.grantId(), open.requestId(), open.sessionId(), "connect",
                    List.of(), null, null, false, open.at()));
        }
        if (state == null || state.ended()) {
            return Decision.refuse(SessionRefusal.SESSION_ENDED, "the session is not open");
        }
        if (command instanceof End end) {
            return Decision.accept(new SessionAction(state.grantId(), state.requestId(), state.sessionId(),
                    end.action(), List.of(), null, end.reason(), false, end.at()));
        }
        Record record = (Record) command;
        if (!record.at().isBefore(state.deadline())) {
            return Decision.refuse(SessionRefusal.SESSION_ENDED, "the grant ended at " + state.deadline());
        }
        String text = state.redactLiterals() ? SqlStatements.redactLiterals(record.sql()) : record.sql();
        boolean truncated = text.length() > policy.maxLength();
        if (truncated) {
            text = text.substring(0, policy.maxLength());
        }
        return Decision.accept(new SessionAction(state.grantId(), state.requestId(), state.sessionId(),
                record.action(), SqlStatements.objects(record.sql()), SqlStatements.kind(record.sql()), text,
                truncated, record.at()));
    }

    @Override
    public State evolve(State state, SessionAction event) {
        if (event.action().equals("connect")) {
            return new State(event.grantId(), event.requestId(), event.sessionId(), Instant.MAX, false, false);
        }
        if (event.action().equals("disconnect") || event.action().equals("cut-off")) {
            return new State(state.grantId(), state.requestId(), state.sessionId(), state.deadline(),
                    state.redactLiterals(), true);
        }
        return state;
    }

    /**
     * The state once the grant was extended to {@code deadline}: statements are accepted until then. A deadline that
     * is not later than the current one changes nothing (an extension only ever moves it later).
     */
    public static State extended(State state, Instant deadline) {
        if (state.ended() || !deadline.isAfter(state.deadline())) {
            return state;
        }
        return new State(state.grantId(), state.requestId(), state.sessionId(), deadline, state.redactLiterals(),
                false);
    }

    /** The state right after {@code open} was accepted (deadline and redaction are not part of the event). */
    public static State opened(Open open) {
        return new State(open.grantId(), open.requestId(), open.sessionId(), open.deadline(), open.redactLiterals(),
                false);
    }
}
