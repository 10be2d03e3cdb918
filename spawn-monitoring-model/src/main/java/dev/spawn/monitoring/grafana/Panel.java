package dev.spawn.monitoring.grafana;

import java.util.List;
import java.util.Objects;

/**
 * A visualisation on a dashboard, one record per kind the spawn dashboards need. Every panel has an
 * id unique in its dashboard, a title, a place on the grid, its queries, a Grafana unit and
 * optional thresholds; {@link DashboardCheck} checks ids, places, units and queries over the whole
 * dashboard and {@link DashboardJson} writes each kind as Grafana's JSON model names it.
 */
public sealed interface Panel permits Panel.Stat, Panel.TimeSeries, Panel.Table, Panel.PieChart, Panel.Gauge {

    int id();

    String title();

    String description();

    GridPos gridPos();

    List<Target> targets();

    /** A Grafana unit id ({@code currencyUSD}, {@code percent}, {@code bytes}); see {@link Units}. */
    String unit();

    /** Null when the panel has none. */
    Thresholds thresholds();

    /** The description Grafana shows on the panel and the documentation lists: the text, then the red line in words. */
    default String describe() {
        return (description() + " " + (thresholds() == null ? "" : thresholds().describe())).strip();
    }

    /** Grafana's {@code type} of the panel. */
    String type();

    /** One big number (the latest value), coloured by the thresholds. */
    record Stat(int id, String title, String description, GridPos gridPos, List<Target> targets, String unit,
            Thresholds thresholds) implements Panel {
        public Stat {
            targets = checked(title, gridPos, targets);
        }

        @Override
        public String type() {
            return "stat";
        }
    }

    /** Series over time; thresholds are drawn as lines (the alert's red line). */
    record TimeSeries(int id, String title, String description, GridPos gridPos, List<Target> targets, String unit,
            Thresholds thresholds) implements Panel {
        public TimeSeries {
            targets = checked(title, gridPos, targets);
        }

        @Override
        public String type() {
            return "timeseries";
        }
    }

    /** The latest value of each series as a table row; cells coloured by the thresholds. */
    record Table(int id, String title, String description, GridPos gridPos, List<Target> targets, String unit,
            Thresholds thresholds) implements Panel {
        public Table {
            targets = checked(title, gridPos, targets);
        }

        @Override
        public String type() {
            return "table";
        }
    }

    /** Shares of a whole, from the latest value of each series. */
    record PieChart(int id, String title, String description, GridPos gridPos, List<Target> targets, String unit,
            Thresholds thresholds) implements Panel {
        public PieChart {
            targets = checked(title, gridPos, targets);
        }

        @Override
        public String type() {
            return "piechart";
        }
    }

    /** A dial from {@code min} to {@code max} with the thresholds marked on it. */
    record Gauge(int id, String title, String description, GridPos gridPos, List<Target> targets, String unit,
            Thresholds thresholds, double min, double max) implements Panel {
        public Gauge {
            targets = checked(title, gridPos, targets);
            if (!(min < max)) {
                throw new IllegalArgumentException("gauge '" + title + "' has min " + min + " not below max " + max);
            }
        }

        @Override
        public String type() {
            return "gauge";
        }
    }

    private static List<Target> checked(String title, GridPos gridPos, List<Target> targets) {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(gridPos, "gridPos");
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("panel '" + title + "' has no query");
        }
        return List.copyOf(targets);
    }
}
