package io.eer.verifier;

import java.util.ArrayList;
import java.util.List;

/** What was checked, and the first thing that failed: which entry index or checkpoint, and why. */
final class Report {

    private final List<String> checked = new ArrayList<>();
    private Long badIndex;
    private Long badCheckpoint;
    private String reason;
    private String detail;
    private final List<String> missing = new ArrayList<>();

    void ok(String line) {
        checked.add(line);
    }

    Report fail(Long index, Long checkpoint, String reason, String detail) {
        if (this.reason == null) {
            this.badIndex = index;
            this.badCheckpoint = checkpoint;
            this.reason = reason;
            this.detail = detail;
        }
        return this;
    }

    /** A gap in a producer's sequence older than the grace: the export is intact but incomplete. */
    void missing(String gap) {
        missing.add(gap);
    }

    boolean valid() {
        return reason == null;
    }

    /** Intact (valid) but an event of some producer is missing. */
    boolean incomplete() {
        return valid() && !missing.isEmpty();
    }

    List<String> missing() {
        return List.copyOf(missing);
    }

    List<String> checked() {
        return List.copyOf(checked);
    }

    /** The first bad entry index (for a checkpoint mismatch: the first index no valid checkpoint vouches for). */
    Long badIndex() {
        return badIndex;
    }

    Long badCheckpoint() {
        return badCheckpoint;
    }

    /** A short reason: "leaf mismatch", "chain mismatch", "index gap", "checkpoint signature invalid", ... */
    String reason() {
        return reason;
    }

    String detail() {
        return detail;
    }

    String verdict() {
        if (incomplete()) {
            return "INCOMPLETE: " + missing.size() + " gap(s) in producer sequences: " + String.join("; ", missing);
        }
        if (valid()) {
            return "VALID";
        }
        StringBuilder out = new StringBuilder("INVALID: ").append(reason);
        if (badIndex != null) {
            out.append(" at index ").append(badIndex);
        }
        if (badCheckpoint != null) {
            out.append(badIndex != null ? ", " : " at ").append("checkpoint ").append(badCheckpoint);
        }
        return out.append(": ").append(detail).toString();
    }
}
