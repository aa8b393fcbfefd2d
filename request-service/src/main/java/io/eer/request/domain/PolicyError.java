package io.eer.request.domain;

/** One problem in a policy file: where it is (line, 0 when unknown; path such as {@code rules[1].duration.max}) and what. */
public record PolicyError(int line, String path, String message) {

    @Override
    public String toString() {
        String where = line > 0 ? "line " + line : "";
        if (path != null && !path.isEmpty()) {
            where = where.isEmpty() ? path : where + ", " + path;
        }
        return where.isEmpty() ? message : where + ": " + message;
    }
}
