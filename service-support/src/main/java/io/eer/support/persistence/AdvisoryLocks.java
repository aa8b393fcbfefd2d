package io.eer.support.persistence;

import io.smallrye.mutiny.Uni;

/**
 * PostgreSQL's transaction-scoped advisory locks on a text key ({@code hashtext} of it is what is locked, so a test
 * or a second instance takes the same lock with the same text); held until the caller's transaction ends.
 */
public final class AdvisoryLocks {

    private AdvisoryLocks() {
    }

    /** Waits for the key's lock. */
    public static Uni<Void> lock(String key) {
        return Sql.rows("select 1 from pg_advisory_xact_lock(hashtext($1))", key).replaceWithVoid();
    }

    /** Takes the key's lock if nobody holds it; false when somebody does. */
    public static Uni<Boolean> tryLock(String key) {
        return Sql.value(Boolean.class, "select pg_try_advisory_xact_lock(hashtext($1))", key);
    }
}
