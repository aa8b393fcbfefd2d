package io.eer.gateway.domain;

/** What a statement does, from its first keyword. */
public enum StatementKind {
    /** SELECT, VALUES, TABLE, SHOW, EXPLAIN (without ANALYZE of a write). */
    SELECT,
    /** INSERT, UPDATE, DELETE, MERGE, COPY, TRUNCATE, CALL. */
    DML,
    /** CREATE, ALTER, DROP, COMMENT, REINDEX, CLUSTER, VACUUM, ANALYZE, REFRESH. */
    DDL,
    /** GRANT, REVOKE, SET ROLE / SESSION AUTHORIZATION, SECURITY LABEL. */
    DCL,
    /** BEGIN, START, COMMIT, END, ROLLBACK, SAVEPOINT, RELEASE, PREPARE TRANSACTION. */
    TCL,
    /** Anything else: SET, DO, LISTEN, PREPARE/EXECUTE, DISCARD, an empty query, ... */
    OTHER
}
