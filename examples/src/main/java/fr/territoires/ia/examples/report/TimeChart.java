package fr.territoires.ia.examples.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A chart of values against time, drawn as SVG: lines (reduced to the minimum and maximum of each
 * pixel column, see {@link Downsample}), a shaded band, point markers, a horizontal threshold,
 * shaded time spans and vertical event lines, with time and value axes.
 *
 * <p>Times are epoch milliseconds, shown in the chart's zone. Every layer carries a CSS class
 * ({@code axis}, {@code series}, {@code band}, {@code marker}, {@code threshold}, {@code span},
 * {@code event}) that the page styles and tests count.
 *
 * <p>Not thread-safe: confine each instance to one thread.
 */
final class TimeChart {

    static final double LEFT = 64;
    static final double RIGHT = 30;
    static final double TOP = 14;
    static final double BOTTOM = 34;

    private final String label;
    private final double width;
    private final double height;
    private final ZoneId zone;
    private final Lang lang;
    private double x0 = Double.NaN;
    private double x1 = Double.NaN;
    private double y0 = Double.NaN;
    private double y1 = Double.NaN;
    private String yTitle = "";
    private final List<Layer> layers = new ArrayList<>();

    private sealed interface Layer permits Series, Band, Markers, HLine, Spans, Events {
    }

    private record Series(String css, String colour, double[] t, double[] v) implements Layer {
    }

    private record Band(String css, double[] t, double[] lower, double[] upper) implements Layer {
    }

    private record Markers(String css, String colour, double[] t, double[] v, List<String> titles, double r)
            implements Layer {
    }

    private record HLine(String css, double y, String text) implements Layer {
    }

    private record Spans(String css, double[] from, double[] to, String colour, List<String> titles) implements Layer {
    }

    private record Events(String css, double[] t, String colour, List<String> titles) implements Layer {
    }

    TimeChart(String label, double width, double height, ZoneId zone, Lang lang) {
        this.label = label;
        this.width = width;
        this.height = height;
        this.zone = zone;
        this.lang = lang;
    }

    TimeChart xRange(double from, double to) {
        x0 = from;
        x1 = to > from ? to : from + 1;
        return this;
    }

    TimeChart yRange(double from, double to) {
        y0 = from;
        y1 = to;
        return this;
    }

    TimeChart yTitle(String title) {
        yTitle = title;
        return this;
    }

    TimeChart line(String css, String colour, double[] t, double[] v) {
        layers.add(new Series(css, colour, t, v));
        return this;
    }

    TimeChart band(double[] t, double[] lower, double[] upper) {
        layers.add(new Band("band", t, lower, upper));
        return this;
    }

    TimeChart markers(String css, String colour, double[] t, double[] v, List<String> titles, double r) {
        layers.add(new Markers(css, colour, t, v, titles, r));
        return this;
    }

    TimeChart threshold(double y, String text) {
        layers.add(new HLine("threshold", y, text));
        return this;
    }

    TimeChart spans(String css, double[] from, double[] to, String colour, List<String> titles) {
        layers.add(new Spans(css, from, to, colour, titles));
        return this;
    }

    TimeChart events(String css, double[] t, String colour, List<String> titles) {
        layers.add(new Events(css, t, colour, titles));
        return this;
    }

    /** A clip-path id unique within a page: the label's hash and the chart's size and layers. */
    private String clipId() {
        return "c" + Integer.toHexString(label.hashCode()) + "-" + layers.size() + "-" + Math.round(x0) % 1_000_000_007L;
    }

    private int columns() {
        return (int) Math.max(1, Math.round(width - LEFT - RIGHT));
    }

    private double px(double t) {
        return LEFT + (t - x0) / (x1 - x0) * (width - LEFT - RIGHT);
    }

    private double py(double v) {
        return TOP + (y1 - v) / (y1 - y0) * (height - TOP - BOTTOM);
    }

    private void ranges() {
        if (Double.isNaN(x0)) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (Layer l : layers) {
                double[] t = l instanceof Series s ? s.t() : l instanceof Band b ? b.t() : null;
                if (t != null && t.length > 0) {
                    for (double v : t) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
            xRange(Double.isFinite(lo) ? lo : 0, Double.isFinite(hi) ? hi : 1);
        }
        if (Double.isNaN(y0)) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (Layer l : layers) {
                if (l instanceof Series s) {
                    double[] mm = extent(s.t(), s.v());
                    lo = Math.min(lo, mm[0]);
                    hi = Math.max(hi, mm[1]);
                } else if (l instanceof Band b) {
                    lo = Math.min(lo, extent(b.t(), b.lower())[0]);
                    hi = Math.max(hi, extent(b.t(), b.upper())[1]);
                } else if (l instanceof HLine h) {
                    lo = Math.min(lo, h.y());
                    hi = Math.max(hi, h.y());
                } else if (l instanceof Markers m) {
                    double[] mm = extent(m.t(), m.v());
                    lo = Math.min(lo, mm[0]);
                    hi = Math.max(hi, mm[1]);
                }
            }
            if (!Double.isFinite(lo)) {
                lo = 0;
                hi = 1;
            }
            if (hi - lo < 1e-12 * Math.max(1, Math.abs(hi))) {
                lo -= 0.5 * Math.max(1e-9, Math.abs(lo));
                hi += 0.5 * Math.max(1e-9, Math.abs(hi));
                if (hi <= lo) {
                    hi = lo + 1;
                }
            }
            double pad = 0.04 * (hi - lo);
            double[] nice = Ticks.niceRange(lo - pad, hi + pad, 5);
            y0 = nice[0];
            y1 = nice[1];
        }
    }

    /** Finite minimum and maximum of the values whose time lies in the x range. */
    private double[] extent(double[] t, double[] v) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        boolean all = Double.isNaN(x0);
        for (int i = 0; i < v.length; i++) {
            if (Double.isFinite(v[i]) && (all || (t[i] >= x0 && t[i] <= x1))) {
                lo = Math.min(lo, v[i]);
                hi = Math.max(hi, v[i]);
            }
        }
        return new double[] {lo, hi};
    }

    String render() {
        ranges();
        Svg s = new Svg(width, height, label);
        double plotW = width - LEFT - RIGHT;
        double plotH = height - TOP - BOTTOM;
        s.rect("frame", LEFT, TOP, plotW, plotH, "");
        s.raw("<clipPath id=\"" + clipId() + "\"><rect x=\"" + Svg.n(LEFT) + "\" y=\""
                + Svg.n(TOP) + "\" width=\"" + Svg.n(plotW) + "\" height=\"" + Svg.n(plotH) + "\"/></clipPath>\n");
        axes(s, plotW, plotH);
        s.raw("<g clip-path=\"url(#" + clipId() + ")\">\n");
        for (Layer l : layers) {
            if (l instanceof Spans sp) {
                s.group(sp.css());
                for (int i = 0; i < sp.from().length; i++) {
                    double a = Math.max(LEFT, px(sp.from()[i]));
                    double b = Math.min(LEFT + plotW, px(sp.to()[i]));
                    s.rectTitled(sp.css(), a, TOP, Math.max(1, b - a), plotH, sp.colour(),
                            i < sp.titles().size() ? sp.titles().get(i) : "");
                }
                s.end();
            }
        }
        for (Layer l : layers) {
            if (l instanceof Band b) {
                band(s, b);
            }
        }
        for (Layer l : layers) {
            if (l instanceof Series se) {
                series(s, se);
            } else if (l instanceof HLine h) {
                double y = py(h.y());
                s.line(h.css(), LEFT, y, LEFT + plotW, y);
                s.text("threshold-label", LEFT + plotW - 4, y - 4, "end", h.text());
            } else if (l instanceof Events e) {
                s.group(e.css());
                for (int i = 0; i < e.t().length; i++) {
                    double x = px(e.t()[i]);
                    s.raw("<line class=\"" + Svg.esc(e.css()) + "\" x1=\"" + Svg.n(x) + "\" y1=\"" + Svg.n(TOP)
                            + "\" x2=\"" + Svg.n(x) + "\" y2=\"" + Svg.n(TOP + plotH) + "\" stroke=\""
                            + Svg.esc(e.colour()) + "\"><title>" + Svg.esc(i < e.titles().size() ? e.titles().get(i)
                                    : "") + "</title></line>\n");
                }
                s.end();
            }
        }
        s.raw("</g>\n");
        for (Layer l : layers) {
            if (l instanceof Markers m) {
                s.group(m.css() + "s");
                for (int i = 0; i < m.t().length; i++) {
                    if (Double.isFinite(m.v()[i]) && m.t()[i] >= x0 && m.t()[i] <= x1) {
                        s.raw("<circle class=\"" + Svg.esc(m.css()) + "\" cx=\"" + Svg.n(px(m.t()[i])) + "\" cy=\""
                                + Svg.n(Math.max(TOP, Math.min(TOP + plotH, py(m.v()[i])))) + "\" r=\"" + Svg.n(m.r())
                                + "\" fill=\"" + Svg.esc(m.colour()) + "\"><title>"
                                + Svg.esc(i < m.titles().size() ? m.titles().get(i) : "") + "</title></circle>\n");
                    }
                }
                s.end();
            }
        }
        return s.close();
    }

    private void series(Svg s, Series se) {
        Downsample.Line line = Downsample.minMax(se.t(), se.v(), x0, x1, columns(), 3 * medianStep(se.t()));
        StringBuilder d = new StringBuilder(line.size() * 12);
        for (int k = 0; k < line.size(); k++) {
            d.append(line.start()[k] ? 'M' : 'L');
            Svg.n(d, px(line.x()[k]));
            d.append(',');
            Svg.n(d, py(line.y()[k]));
        }
        if (d.length() > 0) {
            s.path(se.css(), d, "stroke:" + se.colour());
        }
    }

    /**
     * The median of the positive steps between consecutive times (over at most about 10,000 of
     * them), infinity when there is none: a step more than three times longer is a gap, not drawn
     * as a line.
     */
    static double medianStep(double[] t) {
        int stride = Math.max(1, t.length / 10_000);
        double[] steps = new double[t.length / stride + 1];
        int n = 0;
        for (int i = stride; i < t.length; i += stride) {
            double d = t[i] - t[i - 1];
            if (d > 0) {
                steps[n++] = d;
            }
        }
        if (n == 0) {
            return Double.POSITIVE_INFINITY;
        }
        java.util.Arrays.sort(steps, 0, n);
        return steps[n / 2];
    }

    /**
     * The band as polygons: per pixel column holding points, the lowest lower and the highest
     * upper bound; a polygon ends at a missing bound or at a gap in the times (a step more than
     * three times the usual one), so sparse series (fewer points than columns) draw a continuous
     * band.
     */
    private void band(Svg s, Band b) {
        int columns = columns();
        double scale = columns / (x1 - x0);
        double colW = (width - LEFT - RIGHT) / columns;
        double breakAfter = 3 * medianStep(b.t());
        StringBuilder d = new StringBuilder();
        List<double[]> segment = new ArrayList<>();
        int column = Integer.MIN_VALUE;
        double lo = Double.NaN;
        double hi = Double.NaN;
        double previous = Double.NaN;
        for (int i = 0; i <= b.t().length; i++) {
            boolean end = i == b.t().length;
            boolean missing = !end && (!Double.isFinite(b.lower()[i]) || !Double.isFinite(b.upper()[i])
                    || b.t()[i] < x0 || b.t()[i] > x1);
            boolean gap = !end && !missing && !Double.isNaN(previous) && b.t()[i] - previous > breakAfter;
            int c = end || missing ? Integer.MIN_VALUE
                    : (int) Math.min(columns - 1, Math.floor((b.t()[i] - x0) * scale));
            if (!Double.isNaN(lo) && (end || missing || gap || c != column)) {
                segment.add(new double[] {LEFT + (column + 0.5) * colW, lo, hi});
                lo = Double.NaN;
            }
            if ((end || missing || gap) && !segment.isEmpty()) {
                polygon(d, segment);
                segment.clear();
            }
            if (end) {
                break;
            }
            if (missing) {
                previous = Double.NaN;
                continue;
            }
            previous = b.t()[i];
            if (Double.isNaN(lo)) {
                column = c;
                lo = b.lower()[i];
                hi = b.upper()[i];
            } else {
                lo = Math.min(lo, b.lower()[i]);
                hi = Math.max(hi, b.upper()[i]);
            }
        }
        if (d.length() > 0) {
            s.path(b.css(), d, "");
        }
    }

    /** One closed polygon: upper bounds left to right, then lower bounds right to left. */
    private void polygon(StringBuilder d, List<double[]> segment) {
        for (int k = 0; k < segment.size(); k++) {
            d.append(k == 0 ? 'M' : 'L');
            Svg.n(d, segment.get(k)[0]);
            d.append(',');
            Svg.n(d, py(segment.get(k)[2]));
        }
        for (int k = segment.size() - 1; k >= 0; k--) {
            d.append('L');
            Svg.n(d, segment.get(k)[0]);
            d.append(',');
            Svg.n(d, py(segment.get(k)[1]));
        }
        d.append('Z');
    }

    private void axes(Svg s, double plotW, double plotH) {
        s.group("axis");
        for (double v : Ticks.nice(y0, y1, 5)) {
            double y = py(v);
            s.line("grid", LEFT, y, LEFT + plotW, y);
            s.text("tick", LEFT - 6, y + 4, "end", Ticks.label(v, y1 - y0, lang));
        }
        List<Long> times = Ticks.times((long) x0, (long) x1, zone, Math.max(2, (int) (plotW / 110)));
        DateTimeFormatter f = Ticks.timeFormat(times, zone, lang);
        for (long t : times) {
            double x = px(t);
            s.line("grid", x, TOP, x, TOP + plotH);
            s.text("tick", x, TOP + plotH + 16, "middle", f.format(Instant.ofEpochMilli(t).atZone(zone)));
        }
        s.line("axis-line", LEFT, TOP + plotH, LEFT + plotW, TOP + plotH);
        s.line("axis-line", LEFT, TOP, LEFT, TOP + plotH);
        if (!yTitle.isEmpty()) {
            s.verticalText("axis-title", 14, TOP + plotH / 2, yTitle);
        }
        s.end();
    }

    /** Start of the day of {@code t} in the zone, epoch ms. */
    static long startOfDay(long t, ZoneId zone) {
        ZonedDateTime z = Instant.ofEpochMilli(t).atZone(zone).truncatedTo(ChronoUnit.DAYS);
        return z.toInstant().toEpochMilli();
    }
}
