package dev.spawn.monitoring.grafana;

/**
 * Where a panel sits on Grafana's grid: {@code x} and {@code w} in columns of a 24-column grid,
 * {@code y} and {@code h} in rows of 30 px. Whether it fits the grid and overlaps nothing is
 * checked over the whole dashboard by {@link DashboardCheck}.
 */
public record GridPos(int x, int y, int w, int h) {

    /** Grafana's grid is 24 columns wide. */
    public static final int COLUMNS = 24;

    public GridPos {
        if (x < 0 || y < 0 || w < 1 || h < 1) {
            throw new IllegalArgumentException("gridPos x=" + x + " y=" + y + " w=" + w + " h=" + h
                    + " is not a place on the grid; expected x, y of 0 or more and w, h of 1 or more");
        }
    }

    public int right() {
        return x + w;
    }

    public int bottom() {
        return y + h;
    }

    public boolean overlaps(GridPos other) {
        return x < other.right() && other.x < right() && y < other.bottom() && other.y < bottom();
    }

    @Override
    public String toString() {
        return "x=" + x + " y=" + y + " w=" + w + " h=" + h;
    }
}
