package dev.spawn.monitoring.grafana;

import java.util.List;
import java.util.Objects;

/**
 * A titled band of a dashboard: Grafana's {@code row} panel (full width, one unit high, at {@code y})
 * followed by the panels below it. The row takes a panel id of its own.
 */
public record Row(int id, String title, int y, List<Panel> panels) {

    public Row {
        Objects.requireNonNull(title, "title");
        panels = List.copyOf(panels);
    }

    public GridPos gridPos() {
        return new GridPos(0, y, GridPos.COLUMNS, 1);
    }
}
