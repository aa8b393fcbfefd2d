package io.eer.audit.insight.application.report;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** Cell values as text, shared by the CSV and HTML forms. */
final class Cells {

    private Cells() {
    }

    /** Times and durations in ISO 8601, lists joined with {@code "; "}, {@code null} as empty. */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(Cells::text).collect(Collectors.joining("; "));
        }
        if (value instanceof Instant || value instanceof Duration || value instanceof String
                || value instanceof Boolean || value instanceof Number) {
            return value.toString();
        }
        throw new IllegalArgumentException("no text form for " + value.getClass());
    }

    /** {@code 1h 30m}, {@code 45s}, {@code 2d 3h}: for people. */
    static String human(Duration duration) {
        if (duration == null) {
            return "";
        }
        boolean negative = duration.isNegative();
        Duration d = duration.abs();
        long days = d.toDays();
        int hours = d.toHoursPart();
        int minutes = d.toMinutesPart();
        int seconds = d.toSecondsPart();
        StringBuilder out = new StringBuilder(negative ? "-" : "");
        if (days > 0) {
            out.append(days).append("d ");
        }
        if (hours > 0) {
            out.append(hours).append("h ");
        }
        if (minutes > 0) {
            out.append(minutes).append("m ");
        }
        if (seconds > 0 || out.length() == (negative ? 1 : 0)) {
            out.append(seconds).append(d.toMillisPart() > 0 ? "." + String.format("%03d", d.toMillisPart()) : "")
                    .append("s ");
        }
        return out.toString().trim();
    }

    static String controls(List<Control> controls) {
        return controls.stream().map(Control::id).collect(Collectors.joining("; "));
    }
}
