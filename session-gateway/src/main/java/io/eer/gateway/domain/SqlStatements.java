package io.eer.gateway.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A small SQL tokenizer, enough to label a statement and name what it touches. Limits (documented in the README):
 * it does not parse SQL. The kind comes from the first keyword ({@code WITH ...} takes the kind of the first of
 * SELECT/INSERT/UPDATE/DELETE/MERGE after the CTEs); objects are the names after FROM, JOIN, INTO, UPDATE, TABLE,
 * TRUNCATE, ON (GRANT), and the object of CREATE/ALTER/DROP &lt;kind&gt;. Names inside functions, DO bodies, dynamic
 * SQL, or a PREPAREd statement run by EXECUTE are not seen; a simple Query with several statements is one record
 * whose kind is the first statement's. Comments, quoted identifiers and string/dollar literals are tokenized
 * correctly, so a keyword inside a literal is not mistaken for one.
 */
public final class SqlStatements {

    private SqlStatements() {
    }

    /** A token: a word (keyword or unquoted identifier, lower-cased), a quoted identifier, a literal or a symbol. */
    record Token(Type type, String text, int start, int end) {
    }

    enum Type { WORD, QUOTED, LITERAL, NUMBER, SYMBOL }

    public static StatementKind kind(String sql) {
        List<Token> tokens = tokens(sql);
        int i = 0;
        while (i < tokens.size() && tokens.get(i).type == Type.SYMBOL && tokens.get(i).text.equals("(")) {
            i++;
        }
        if (i >= tokens.size() || tokens.get(i).type != Type.WORD) {
            return StatementKind.OTHER;
        }
        String first = tokens.get(i).text;
        if (first.equals("with")) {
            for (int j = i + 1; j < tokens.size(); j++) {
                Token t = tokens.get(j);
                if (t.type == Type.WORD && depthAt(tokens, j) == 0) {
                    switch (t.text) {
                        case "select": return StatementKind.SELECT;
                        case "insert", "update", "delete", "merge": return StatementKind.DML;
                        default: break;
                    }
                }
            }
            return StatementKind.SELECT;
        }
        switch (first) {
            case "select", "values", "table", "show", "explain", "fetch", "move":
                return StatementKind.SELECT;
            case "insert", "update", "delete", "merge", "copy", "truncate", "call":
                return StatementKind.DML;
            case "create", "alter", "drop", "comment", "reindex", "cluster", "vacuum", "analyze", "refresh":
                return StatementKind.DDL;
            case "grant", "revoke", "security":
                return StatementKind.DCL;
            case "begin", "start", "commit", "end", "rollback", "abort", "savepoint", "release":
                return StatementKind.TCL;
            case "set":
                return next(tokens, i, "role") || next(tokens, i, "session") ? StatementKind.DCL : StatementKind.OTHER;
            case "prepare":
                return next(tokens, i, "transaction") ? StatementKind.TCL : StatementKind.OTHER;
            default:
                return StatementKind.OTHER;
        }
    }

    /** The tables and other objects the statement names, schema-qualified as written, in order, without repeats. */
    public static List<String> objects(String sql) {
        List<Token> tokens = tokens(sql);
        Set<String> found = new LinkedHashSet<>();
        // ON names an object only in GRANT/REVOKE ... ON t; in a JOIN it starts a condition
        boolean privileges = !tokens.isEmpty() && tokens.get(0).type == Type.WORD
                && (tokens.get(0).text.equals("grant") || tokens.get(0).text.equals("revoke"));
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.type != Type.WORD) {
                continue;
            }
            switch (t.text) {
                case "from", "join", "into", "update", "truncate", "table", "copy":
                    collect(tokens, skip(tokens, i + 1, "only", "table", "if", "not", "exists", "lateral"), found);
                    break;
                case "on":
                    if (privileges) {
                        collect(tokens, skip(tokens, i + 1, "table", "sequence", "schema", "function"), found);
                    }
                    break;
                case "create", "alter", "drop":
                    int j = skip(tokens, i + 1, "or", "replace", "temporary", "temp", "unique", "unlogged",
                            "materialized", "if", "not", "exists", "concurrently");
                    if (j < tokens.size() && tokens.get(j).type == Type.WORD && OBJECT_KINDS.contains(tokens.get(j).text)) {
                        collect(tokens, skip(tokens, j + 1, "if", "not", "exists", "concurrently"), found);
                    }
                    break;
                default:
                    break;
            }
        }
        return new ArrayList<>(found);
    }

    private static final Set<String> OBJECT_KINDS = Set.of("table", "view", "index", "sequence", "schema", "function",
            "procedure", "role", "user", "database", "type", "trigger", "extension", "policy");

    private static final Set<String> NOT_NAMES = Set.of("select", "values", "lateral", "set", "where", "only",
            "table", "all", "schema", "database", "function", "sequence", "sequences", "tables", "stdin", "stdout");

    /** Replaces every string, dollar-quoted and numeric literal by {@code ?} (identifiers and keywords stay). */
    public static String redactLiterals(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int last = 0;
        for (Token t : tokens(sql)) {
            if (t.type == Type.LITERAL || t.type == Type.NUMBER) {
                out.append(sql, last, t.start).append('?');
                last = t.end;
            }
        }
        return out.append(sql, last, sql.length()).toString();
    }

    private static void collect(List<Token> tokens, int i, Set<String> found) {
        if (i >= tokens.size()) {
            return;
        }
        Token t = tokens.get(i);
        if ((t.type != Type.WORD && t.type != Type.QUOTED) || (t.type == Type.WORD && NOT_NAMES.contains(t.text))) {
            return;
        }
        StringBuilder name = new StringBuilder(t.text);
        int j = i + 1;
        while (j + 1 < tokens.size() && tokens.get(j).type == Type.SYMBOL && tokens.get(j).text.equals(".")
                && (tokens.get(j + 1).type == Type.WORD || tokens.get(j + 1).type == Type.QUOTED)) {
            name.append('.').append(tokens.get(j + 1).text);
            j += 2;
        }
        found.add(name.toString());
    }

    private static int skip(List<Token> tokens, int i, String... words) {
        Set<String> skip = Set.of(words);
        while (i < tokens.size() && tokens.get(i).type == Type.WORD && skip.contains(tokens.get(i).text)) {
            i++;
        }
        return i;
    }

    private static boolean next(List<Token> tokens, int i, String word) {
        return i + 1 < tokens.size() && tokens.get(i + 1).type == Type.WORD && tokens.get(i + 1).text.equals(word);
    }

    private static int depthAt(List<Token> tokens, int index) {
        int depth = 0;
        for (int k = 0; k < index; k++) {
            Token t = tokens.get(k);
            if (t.type == Type.SYMBOL) {
                depth += t.text.equals("(") ? 1 : t.text.equals(")") ? -1 : 0;
            }
        }
        return depth;
    }

    static List<Token> tokens(String sql) {
        List<Token> tokens = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int depth = 1;
                i += 2;
                while (i < n && depth > 0) {
                    if (sql.startsWith("/*", i)) {
                        depth++;
                        i += 2;
                    } else if (sql.startsWith("*/", i)) {
                        depth--;
                        i += 2;
                    } else {
                        i++;
                    }
                }
            } else if (c == '\'' || ((c == 'e' || c == 'E') && i + 1 < n && sql.charAt(i + 1) == '\'')) {
                int start = i;
                boolean escapes = c != '\'';
                i += escapes ? 2 : 1;
                while (i < n) {
                    char d = sql.charAt(i);
                    if (escapes && d == '\\') {
                        i += 2;
                    } else if (d == '\'' && i + 1 < n && sql.charAt(i + 1) == '\'') {
                        i += 2;
                    } else if (d == '\'') {
                        i++;
                        break;
                    } else {
                        i++;
                    }
                }
                tokens.add(new Token(Type.LITERAL, sql.substring(start, Math.min(i, n)), start, Math.min(i, n)));
            } else if (c == '"') {
                int start = i++;
                StringBuilder name = new StringBuilder();
                while (i < n) {
                    if (sql.charAt(i) == '"' && i + 1 < n && sql.charAt(i + 1) == '"') {
                        name.append('"');
                        i += 2;
                    } else if (sql.charAt(i) == '"') {
                        i++;
                        break;
                    } else {
                        name.append(sql.charAt(i++));
                    }
                }
                tokens.add(new Token(Type.QUOTED, name.toString(), start, i));
            } else if (c == '$' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))) {
                int start = i++; // $1: a bind parameter, not a literal
                while (i < n && Character.isDigit(sql.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(Type.SYMBOL, sql.substring(start, i), start, i));
            } else if (c == '$' && dollarTag(sql, i) != null) {
                String tag = dollarTag(sql, i);
                int start = i;
                int close = sql.indexOf(tag, i + tag.length());
                i = close < 0 ? n : close + tag.length();
                tokens.add(new Token(Type.LITERAL, sql.substring(start, i), start, i));
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.'
                        || sql.charAt(i) == '_')) {
                    i++;
                }
                tokens.add(new Token(Type.NUMBER, sql.substring(start, i), start, i));
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
                        || sql.charAt(i) == '$')) {
                    i++;
                }
                tokens.add(new Token(Type.WORD, sql.substring(start, i).toLowerCase(Locale.ROOT), start, i));
            } else {
                tokens.add(new Token(Type.SYMBOL, String.valueOf(c), i, i + 1));
                i++;
            }
        }
        return tokens;
    }

    /** {@code $tag$} or {@code $$} at {@code i}, or null ({@code $1} is a parameter, not a quote). */
    private static String dollarTag(String sql, int i) {
        int j = i + 1;
        while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
            j++;
        }
        if (j < sql.length() && sql.charAt(j) == '$' && (j == i + 1 || !Character.isDigit(sql.charAt(i + 1)))) {
            return sql.substring(i, j + 1);
        }
        return null;
    }
}
