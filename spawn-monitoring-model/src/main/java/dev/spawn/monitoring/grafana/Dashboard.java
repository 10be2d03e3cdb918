package dev.spawn.monitoring.grafana;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One Grafana dashboard: a name (the file stem, {@code fleet-overview}, from which the stable
 * {@code uid} {@code spawn-fleet-overview} is made), a title, template variables and rows of
 * panels. Built with {@link #builder}, which lays panels out left to right and numbers them;
 * checked by {@link DashboardCheck} and written by {@link DashboardJson}.
 */
public record Dashboard(String name, String title, String description, List<String> tags, List<Variable> variables,
        List<Row> rows) {

    /** Where dashboards go in the bundle. */
    public static final String DIRECTORY = "grafana/dashboards/";

    public Dashboard {
        Objects.requireNonNull(title, "title");
        if (name == null || !name.matches("[a-z0-9]+(-[a-z0-9]+)*") || uid(name).length() > 40) {
            throw new IllegalArgumentException("dashboard name '" + name + "' is not a file stem of lower-case words joined by"
                    + " '-' of at most " + (40 - UID_PREFIX.length()) + " characters (Grafana uids are at most 40)");
        }
        description = description == null ? "" : description;
        tags = List.copyOf(tags);
        variables = List.copyOf(variables);
        rows = List.copyOf(rows);
    }

    private static final String UID_PREFIX = "spawn-";

    /** The stable uid: the same name gives the same uid on every machine and run. */
    public String uid() {
        return uid(name);
    }

    private static String uid(String name) {
        return UID_PREFIX + name;
    }

    /** The bundle path, {@code grafana/dashboards/<name>.json}. */
    public String path() {
        return DIRECTORY + name + ".json";
    }

    public List<Panel> panels() {
        return rows.stream().flatMap(r -> r.panels().stream()).toList();
    }

    public static Builder builder(String name, String title) {
        return new Builder(name, title);
    }

    /** Builds a dashboard row by row; panels fill each row left to right and wrap at 24 columns. */
    public static final class Builder {
        private final String name;
        private final String title;
        private String description = "";
        private final List<String> tags = new ArrayList<>(List.of("spawn"));
        private final List<Variable> variables = new ArrayList<>();
        private final List<Row> rows = new ArrayList<>();
        private int nextId = 1;
        private int y;

        private Builder(String name, String title) {
            this.name = name;
            this.title = title;
        }

        public Builder description(String text) {
            this.description = text;
            return this;
        }

        public Builder variable(Variable variable) {
            variables.add(variable);
            return this;
        }

        public Builder row(String rowTitle, Consumer<RowBuilder> panels) {
            int rowId = nextId++;
            int rowY = y;
            RowBuilder row = new RowBuilder(rowY + 1);
            panels.accept(row);
            rows.add(new Row(rowId, rowTitle, rowY, row.panels));
            y = row.bottom();
            return this;
        }

        public Dashboard build() {
            return new Dashboard(name, title, description, tags, variables, rows);
        }

        /** The panels of one row; each call places a panel {@code w} columns wide and {@code h} high. */
        public final class RowBuilder {
            private final List<Panel> panels = new ArrayList<>();
            private final int top;
            private int x;
            private int y;
            private int lineHeight;

            private RowBuilder(int top) {
                this.top = top;
                this.y = top;
            }

            public RowBuilder stat(String title, String description, int w, int h, String unit, Thresholds thresholds,
                    Target... targets) {
                return add(new Panel.Stat(nextId++, title, description, place(w, h), List.of(targets), unit, thresholds));
            }

            public RowBuilder timeSeries(String title, String description, int w, int h, String unit, Thresholds thresholds,
                    Target... targets) {
                return add(new Panel.TimeSeries(nextId++, title, description, place(w, h), List.of(targets), unit, thresholds));
            }

            public RowBuilder table(String title, String description, int w, int h, String unit, Thresholds thresholds,
                    Target... targets) {
                return add(new Panel.Table(nextId++, title, description, place(w, h), List.of(targets), unit, thresholds));
            }

            public RowBuilder pieChart(String title, String description, int w, int h, String unit, Target... targets) {
                return add(new Panel.PieChart(nextId++, title, description, place(w, h), List.of(targets), unit, null));
            }

            public RowBuilder gauge(String title, String description, int w, int h, String unit, Thresholds thresholds,
                    double min, double max, Target... targets) {
                return add(new Panel.Gauge(nextId++, title, description, place(w, h), List.of(targets), unit, thresholds,
                        min, max));
            }

            private RowBuilder add(Panel panel) {
                panels.add(panel);
                return this;
            }

            private GridPos place(int w, int h) {
                if (x + w > GridPos.COLUMNS && x > 0) {
                    x = 0;
                    y += lineHeight;
                    lineHeight = 0;
                }
                GridPos pos = new GridPos(x, y, w, h);
                x += w;
                lineHeight = Math.max(lineHeight, h);
                return pos;
            }

            private int bottom() {
                return panels.isEmpty() ? top : y + lineHeight;
            }
        }
    }

    /** A range query ({@code A}, {@code B}, ... by position) for time series. */
    public static Target range(String refId, String expr, String legend) {
        return new Target(refId, expr, legend, false);
    }

    /** An instant query for stats, tables, pie charts and gauges. */
    public static Target instant(String refId, String expr, String legend) {
        return new Target(refId, expr, legend, true);
    }
}
