package io.eer.grant.infra.out.connector;

import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.List;

/**
 * The contract a connector fulfils for one target system. The grant service calls it inside a database
 * transaction on a Vert.x context: return non-blocking {@link Uni}s (wrap blocking drivers in
 * {@code Vertx#executeBlocking}); the caller brings the result back to its own context.
 *
 * <ul>
 *   <li>{@link #provision}: create a temporary, individually named account that holds {@code role} and cannot
 *   outlive {@code expiresAt} on the target if the target can enforce it. Fail (a failed Uni) when nothing was
 *   created; the failure's message becomes {@code GrantFailed.error}, so it must never contain the secret.</li>
 *   <li>{@link #revoke}: disable the account, end its live sessions, remove its role memberships, delete it, then
 *   look again and report what is left. Must be idempotent (the account may already be gone). Fail when the
 *   target could not be reached or a step that removes access failed: the expiry message is then retried and
 *   dead-lettered, and no {@code AccessRevoked} is recorded. Report {@code confirmed=true} only when the
 *   final check found nothing left.</li>
 *   <li>{@link #extend}: the grant's deadline moved to {@code expiresAt} ({@code AccessExtended}): move whatever
 *   deadline the target enforces for the account there. Fail when it could not be moved: the extension is then not
 *   recorded (the caller's transaction rolls back) and the caller is told the target is unavailable.</li>
 * </ul>
 */
public interface Connector {

    /** Connector type, as configured ({@code postgres}); recorded in {@code AccessGranted.connector}. */
    String type();

    /** The system (policy id) this connector instance serves. */
    String system();

    Uni<Provisioned> provision(Provisioning request);

    Uni<Revocation> revoke(String account, String role);

    /**
     * The grant was extended to {@code expiresAt}: the account must not lose access on the target before then. A
     * target that enforces no deadline of its own answers at once.
     */
    Uni<Void> extend(String account, String role, Instant expiresAt);

    /**
     * Whether two grants can give the same access on this target: the account is the beneficiary's own (a directory
     * entry put into a group), not one made per grant. Then overlapping grants of one role for one person share it,
     * and the grant service removes it only when no other live grant still gives it (reference counting, kept in
     * application.SharedAccess). False for per-grant logins (postgres, webhook): each grant has its own account.
     */
    default boolean sharesAccounts() {
        return false;
    }

    /** A login on the target that looks like one of EER's temporary logins; {@code comment} may be null. */
    record TemporaryLogin(String account, String comment) {
    }

    /** Every login on the target that looks like an EER temporary login (for the reconciler); none by default. */
    default Uni<List<TemporaryLogin>> temporaryLogins() {
        return Uni.createFrom().item(List.of());
    }

    /** Start-up check: other databases/resources a freshly created login could reach besides the target. */
    default Uni<List<String>> otherDatabasesOpenToNewLogins() {
        return Uni.createFrom().item(List.of());
    }

    /** Start-up check of the configured grantable roles against the target; returns one message per refused role. */
    default Uni<List<String>> checkConfiguredRoles() {
        return Uni.createFrom().item(List.of());
    }

    /** Releases what the connector holds (pools, clients) at shutdown. */
    default void close() {
    }
}
