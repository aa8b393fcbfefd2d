package io.eer.support.time;

/** Source of new identifiers; injected so tests can make them predictable. */
@FunctionalInterface
public interface Ids {
    String next();
}
