package io.eer.grant.infra.out.connector;

/**
 * The outcome of a revocation that reached the target. {@code confirmed}: the final check found no account, no
 * role membership and no live session left; {@code leftovers} says what was found otherwise.
 */
public record Revocation(int sessionsTerminated, boolean confirmed, String leftovers) {
}
