package fr.territoires.ia.examples.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A chart of y against x on numeric axes, drawn as SVG: polylines with point markers and an
 * optional diagonal (the perfect-calibration line of a reliability diagram). Used for
 * reliability diagrams and precision-recall curves, whose axes are fixed to [0, 1].
 *
 * <p>Not thread-safe: confine each instance to one thread.
 */
final class XyChart {

    private static final double LEFT = 56;
    private static final double RIGHT = 14;
    private static final double TOP = 12;
    private static final double BOTTOM = 44;

    private final String label;
    private final double width;
    private final double height;
    private final Lang lang;
    private final String xTitle;
    private final String yTitle;
    private boolean diagonal;
    private final List<Curve> curves = new ArrayList<>();

    private record Curve(String css, String colour, double[] x, double[] y, boolean points, String dash) {
    }

    XyChart(String label, double width, double height, Lang lang, String xTitle, String yTitle) {
        this.label = label;
        this.width = width;
        this.height = height;
        this.lang = lang;
        this.xTitle = xTitle;
        this.yTitle = yTitle;
    }

    XyChart diagonal() {
        diagonal = true;
        return this;
    }

    /** A curve in [0, 1]²; NaN points are skipped; {@code points} adds a marker per point. */
    XyChart curve(String css, String colour, double[] x, double[] y, boolean points, String dash) {
        curves.add(new Curve(css, colour, x, y, points, dash));
        return this;
    }

    private double px(double x) {
        return LEFT + x * (width - LEFT - RIGHT);
    }

    private double py(double y) {
        return TOP + (1 - y) * (height - TOP - BOTTOM);
    }

    String render() {
        Svg s = new Svg(width, height, label);
        double w = width - LEFT - RIGHT;
        double h = height - TOP - BOTTOM;
        s.rect("frame", LEFT, TOP, w, h, "");
        s.group("axis");
        for (int k = 0; k <= 5; k++) {
            double v = k / 5.0;
            s.line("grid", px(v), TOP, px(v), TOP + h);
            s.line("grid", LEFT, py(v), LEFT + w, py(v));
            s.text("tick", px(v), TOP + h + 15, "middle", lang.num(v, 1));
            s.text("tick", LEFT - 5, py(v) + 4, "end", lang.num(v, 1));
        }
        s.line("axis-line", LEFT, TOP + h, LEFT + w, TOP + h);
        s.line("axis-line", LEFT, TOP, LEFT, TOP + h);
        s.text("axis-title", LEFT + w / 2, height - 6, "middle", xTitle);
        s.verticalText("axis-title", 14, TOP + h / 2, yTitle);
        s.end();
        if (diagonal) {
            s.raw("<line class=\"diagonal\" x1=\"" + Svg.n(px(0)) + "\" y1=\"" + Svg.n(py(0)) + "\" x2=\"" + Svg.n(px(1))
                    + "\" y2=\"" + Svg.n(py(1)) + "\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>\n");
        }
        for (Curve c : curves) {
            StringBuilder d = new StringBuilder();
            boolean startNext = true;
            for (int i = 0; i < c.x().length; i++) {
                if (Double.isNaN(c.x()[i]) || Double.isNaN(c.y()[i])) {
                    startNext = true;
                    continue;
                }
                d.append(startNext ? 'M' : 'L');
                startNext = false;
                Svg.n(d, px(c.x()[i]));
                d.append(',');
                Svg.n(d, py(c.y()[i]));
            }
            if (d.length() > 0) {
                s.path(c.css(), d, "stroke:" + c.colour() + (c.dash().isEmpty() ? "" : ";stroke-dasharray:" + c.dash()));
            }
            if (c.points()) {
                s.group(c.css() + "-points");
                for (int i = 0; i < c.x().length; i++) {
                    if (!Double.isNaN(c.x()[i]) && !Double.isNaN(c.y()[i])) {
                        s.raw("<circle class=\"point\" cx=\"" + Svg.n(px(c.x()[i])) + "\" cy=\"" + Svg.n(py(c.y()[i]))
                                + "\" r=\"3\" fill=\"" + Svg.esc(c.colour()) + "\"/>\n");
                    }
                }
                s.end();
            }
        }
        return s.close();
    }
}
