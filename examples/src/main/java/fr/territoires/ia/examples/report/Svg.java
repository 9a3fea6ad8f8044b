package fr.territoires.ia.examples.report;

import java.util.Locale;

/**
 * A small writer of SVG 1.1 markup: elements are appended in order, coordinates in user units
 * (pixels of the view box), rounded to 0.1. Every text is XML-escaped, so the output is
 * well-formed XML that browsers inline in HTML5.
 *
 * <p>Not thread-safe: confine each instance to one thread.
 */
final class Svg {

    private final StringBuilder b;

    /**
     * Opens an {@code <svg>} element of the given size.
     *
     * @param width width, px
     * @param height height, px
     * @param label accessible label ({@code aria-label})
     */
    Svg(double width, double height, String label) {
        b = new StringBuilder(4096);
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(n(width)).append(' ')
                .append(n(height)).append("\" width=\"").append(n(width)).append("\" height=\"").append(n(height))
                .append("\" role=\"img\" aria-label=\"").append(esc(label)).append("\">\n");
    }

    /** Appends raw, already valid markup. */
    Svg raw(String markup) {
        b.append(markup);
        return this;
    }

    /** Opens a group with a class. */
    Svg group(String cssClass) {
        b.append("<g class=\"").append(esc(cssClass)).append("\">\n");
        return this;
    }

    /** Closes the last group. */
    Svg end() {
        b.append("</g>\n");
        return this;
    }

    Svg rect(String cssClass, double x, double y, double w, double h, String fill) {
        b.append("<rect class=\"").append(esc(cssClass)).append("\" x=\"").append(n(x)).append("\" y=\"").append(n(y))
                .append("\" width=\"").append(n(Math.max(0, w))).append("\" height=\"").append(n(Math.max(0, h)))
                .append('"');
        if (!fill.isEmpty()) {
            b.append(" fill=\"").append(esc(fill)).append('"');
        }
        b.append("/>\n");
        return this;
    }

    Svg rectTitled(String cssClass, double x, double y, double w, double h, String fill, String title) {
        b.append("<rect class=\"").append(esc(cssClass)).append("\" x=\"").append(n(x)).append("\" y=\"").append(n(y))
                .append("\" width=\"").append(n(Math.max(0, w))).append("\" height=\"").append(n(Math.max(0, h)))
                .append("\" fill=\"").append(esc(fill)).append("\"><title>").append(esc(title)).append("</title></rect>\n");
        return this;
    }

    Svg line(String cssClass, double x1, double y1, double x2, double y2) {
        b.append("<line class=\"").append(esc(cssClass)).append("\" x1=\"").append(n(x1)).append("\" y1=\"")
                .append(n(y1)).append("\" x2=\"").append(n(x2)).append("\" y2=\"").append(n(y2)).append("\"/>\n");
        return this;
    }

    /** A path from its {@code d} attribute, already formatted. */
    Svg path(String cssClass, CharSequence d, String style) {
        b.append("<path class=\"").append(esc(cssClass)).append("\" d=\"").append(d).append('"');
        if (!style.isEmpty()) {
            b.append(" style=\"").append(esc(style)).append('"');
        }
        b.append("/>\n");
        return this;
    }

    Svg circle(String cssClass, double cx, double cy, double r, String title) {
        b.append("<circle class=\"").append(esc(cssClass)).append("\" cx=\"").append(n(cx)).append("\" cy=\"")
                .append(n(cy)).append("\" r=\"").append(n(r)).append('"');
        if (title.isEmpty()) {
            b.append("/>\n");
        } else {
            b.append("><title>").append(esc(title)).append("</title></circle>\n");
        }
        return this;
    }

    /** Text anchored at (x, y); {@code anchor} is start, middle or end. */
    Svg text(String cssClass, double x, double y, String anchor, String text) {
        b.append("<text class=\"").append(esc(cssClass)).append("\" x=\"").append(n(x)).append("\" y=\"").append(n(y))
                .append("\" text-anchor=\"").append(anchor).append("\">").append(esc(text)).append("</text>\n");
        return this;
    }

    /** Text rotated by -90° around its anchor (a vertical axis title). */
    Svg verticalText(String cssClass, double x, double y, String text) {
        b.append("<text class=\"").append(esc(cssClass)).append("\" x=\"").append(n(x)).append("\" y=\"").append(n(y))
                .append("\" text-anchor=\"middle\" transform=\"rotate(-90 ").append(n(x)).append(' ').append(n(y))
                .append(")\">").append(esc(text)).append("</text>\n");
        return this;
    }

    /** Closes the {@code <svg>} element and returns the markup. */
    String close() {
        return b.append("</svg>\n").toString();
    }

    /** A coordinate rounded to 0.1, without a trailing ".0". */
    static String n(double v) {
        long tenths = Math.round(v * 10);
        if (tenths % 10 == 0) {
            return Long.toString(tenths / 10);
        }
        return String.format(Locale.ROOT, "%.1f", tenths / 10.0);
    }

    /** Appends a coordinate rounded to 0.1 (faster than {@link #n(double)} on long paths). */
    static void n(StringBuilder out, double v) {
        long tenths = Math.round(v * 10);
        if (tenths < 0) {
            out.append('-');
            tenths = -tenths;
        }
        out.append(tenths / 10);
        if (tenths % 10 != 0) {
            out.append('.').append(tenths % 10);
        }
    }

    /** XML escape of a text or attribute value. */
    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        out.append(' ');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
