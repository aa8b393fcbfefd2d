package io.eer.audit.insight.application.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The control legend of a report: each control of the framework with the columns and exceptions that evidence it. */
final class Legend {

    record Use(List<Column> columns, List<ExceptionKind> exceptions, boolean basis) {
    }

    private Legend() {
    }

    /** The framework's controls in declaration order. */
    static Map<Control, Use> of(Framework framework) {
        Map<Control, Use> legend = new LinkedHashMap<>();
        for (Control control : Control.values()) {
            if (control.framework() != framework) {
                continue;
            }
            List<Column> columns = new ArrayList<>();
            for (Column column : Column.values()) {
                if (column.controls().contains(control)) {
                    columns.add(column);
                }
            }
            List<ExceptionKind> kinds = new ArrayList<>();
            for (ExceptionKind kind : ExceptionKind.values()) {
                if (kind.controls().contains(control)) {
                    kinds.add(kind);
                }
            }
            legend.put(control, new Use(List.copyOf(columns), List.copyOf(kinds), ReportBasis.CONTROLS.contains(control)));
        }
        return legend;
    }
}
