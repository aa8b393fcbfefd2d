package io.eer.grant.infra.out.connector;

import java.util.Locale;

/**
 * Which PostgreSQL roles may be handed out: never a predefined {@code pg_*} role (e.g.
 * {@code pg_execute_server_program}, {@code pg_read_server_files}), never a role with a dangerous attribute, and never
 * a role that reaches one of those through membership (inherited or not: SET ROLE would reach it).
 */
public final class GrantableRoles {

    /** Rows: every role in the ancestry of $1 (itself included) that is privileged. Empty: grantable. */
    static final String PRIVILEGED_ANCESTRY = """
            with recursive up(oid) as (
                select oid from pg_roles where rolname = $1
                union
                select m.roleid from pg_auth_members m join up on m.member = up.oid
            )
            select r.rolname from up join pg_roles r on r.oid = up.oid
            where r.rolname like 'pg\\_%' or r.rolsuper or r.rolcreaterole or r.rolcreatedb or r.rolreplication
               or r.rolbypassrls
            order by r.rolname""";

    private GrantableRoles() {
    }

    /** PostgreSQL reserves the {@code pg_} prefix for its predefined roles. */
    public static boolean isPredefined(String role) {
        return role != null && role.toLowerCase(Locale.ROOT).startsWith("pg_");
    }
}
