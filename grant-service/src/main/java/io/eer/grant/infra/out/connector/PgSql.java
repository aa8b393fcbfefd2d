package io.eer.grant.infra.out.connector;

import io.eer.grant.domain.Accounts;

/**
 * Quoting for the few PostgreSQL statements that cannot take bind parameters (role DDL). Identifiers are
 * validated before they are quoted; literals are quoted the way PostgreSQL's {@code quote_literal} does.
 */
public final class PgSql {

    private PgSql() {
    }

    /** A validated identifier, always double-quoted (so case and keywords are preserved as given). */
    public static String identifier(String name) {
        if (!Accounts.isIdentifier(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a valid role name "
                    + "(letters, digits and _, starting with a letter or _, at most 63 characters)");
        }
        return '"' + name + '"';
    }

    /** Any name read back from the catalog: double-quoted with embedded quotes doubled. */
    public static String catalogIdentifier(String name) {
        if (name == null || name.isEmpty() || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not an identifier");
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** A string literal: quotes doubled; with backslashes, the {@code E''} form with backslashes doubled. */
    public static String literal(String value) {
        if (value == null || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a literal cannot be null or contain NUL");
        }
        String quoted = value.replace("'", "''");
        if (quoted.indexOf('\\') >= 0) {
            return "E'" + quoted.replace("\\", "\\\\") + "'";
        }
        return "'" + quoted + "'";
    }
}
