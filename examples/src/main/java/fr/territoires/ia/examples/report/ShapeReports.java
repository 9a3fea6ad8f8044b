package fr.territoires.ia.examples.report;

import fr.territoires.ia.core.metrics.ConfusionMatrix;
import fr.territoires.ia.core.trust.ModelCard;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.simplify.DouglasPeuckerSimplifier;

/**
 * The report of {@code classify-shapes}: a map of the footprints coloured by predicted class,
 * with a legend and a scale bar, buildings of low confidence outlined in red; with an evaluation,
 * the cross-validated confusion matrix as a heat map and per-class F1 bars with their intervals.
 *
 * <p>Geometries must be in a projected CRS in metres (the runner works in Lambert-93, EPSG:2154,
 * for mainland France); the map keeps north up and one scale on both axes. Each footprint is
 * simplified (Douglas-Peucker) to a quarter of a pixel before drawing, and falls back to its
 * exterior ring when the simplification empties it, so every building is drawn.
 *
 * <p>Instances are immutable and safe for concurrent use (the class has none).
 */
public final class ShapeReports {

    /** Colours of the classes, in legend order (colour-blind-safe qualitative palette, then greys). */
    static final List<String> PALETTE = List.of("#4477aa", "#ee6677", "#228833", "#ccbb44", "#66ccee", "#aa3377",
            "#bbbbbb", "#332288", "#117733", "#882255", "#999933", "#44aa99");

    private static final double MAP_WIDTH = 900;

    private ShapeReports() {
    }

    /**
     * The cross-validated quality of the classifier.
     *
     * @param confusion out-of-fold confusion matrix
     * @param macroF1 macro-F1, with its interval when computed
     * @param perClassF1 F1 of each label, with intervals, in the confusion matrix's label order
     * @param method how it was measured, in one line (folds, cell size, resamples)
     */
    public record Evaluation(ConfusionMatrix confusion, ModelCard.Metric macroF1, List<ModelCard.Metric> perClassF1,
            String method) {

        /**
         * Checks for nulls and copies the list.
         *
         * @param confusion confusion matrix
         * @param macroF1 macro-F1
         * @param perClassF1 per-class F1
         * @param method method
         * @throws NullPointerException when an argument is null
         */
        public Evaluation {
            Objects.requireNonNull(confusion, "confusion");
            Objects.requireNonNull(macroF1, "macroF1");
            perClassF1 = List.copyOf(perClassF1);
            Objects.requireNonNull(method, "method");
        }
    }

    /**
     * What {@code classify-shapes} labelled.
     *
     * @param source name of the classified file
     * @param crs working CRS of the geometries, e.g. {@code EPSG:2154}
     * @param geometries footprints, projected, metres
     * @param predicted predicted label of each footprint
     * @param confidence confidence of each prediction, in [0, 1]
     * @param lowConfidence footprints whose confidence is below this are outlined
     * @param evaluation the cross-validated evaluation, when the classifier was trained and evaluated here
     */
    public record Shapes(String source, String crs, List<Geometry> geometries, List<String> predicted,
            double[] confidence, double lowConfidence, Optional<Evaluation> evaluation) {

        /**
         * Checks the lengths.
         *
         * @param source source
         * @param crs CRS
         * @param geometries geometries
         * @param predicted predicted labels
         * @param confidence confidences
         * @param lowConfidence outline threshold
         * @param evaluation evaluation
         * @throws IllegalArgumentException when the lengths differ
         */
        public Shapes {
            geometries = List.copyOf(geometries);
            predicted = List.copyOf(predicted);
            Objects.requireNonNull(evaluation, "evaluation");
            if (predicted.size() != geometries.size() || confidence.length != geometries.size()) {
                throw new IllegalArgumentException("predicted and confidence must have one entry per geometry ("
                        + geometries.size() + "), had " + predicted.size() + " and " + confidence.length);
            }
        }
    }

    /**
     * The report page.
     *
     * @param s the labelled footprints
     * @param lang language of the page
     * @return the HTML page
     * @throws NullPointerException when an argument is null
     */
    public static String shapes(Shapes s, Lang lang) {
        Page page = new Page(lang.t("Classement des bâtiments : ", "Building classification: ") + s.source(), lang);
        int n = s.geometries().size();
        Map<String, Integer> counts = new LinkedHashMap<>();
        if (s.evaluation().isPresent()) {
            s.evaluation().get().confusion().labels().forEach(l -> counts.put(l, 0));
        }
        int low = 0;
        for (int i = 0; i < n; i++) {
            counts.merge(s.predicted().get(i), 1, Integer::sum);
            low += s.confidence()[i] < s.lowConfidence() ? 1 : 0;
        }
        List<String> labels = new ArrayList<>(counts.keySet());
        page.lead(lang.t("Chaque emprise de bâtiment est colorée selon la classe prédite d'après sa forme et son"
                + " voisinage ; les bâtiments entourés de rouge ont une confiance inférieure à "
                + lang.percent(s.lowConfidence()) + " et sont à vérifier en priorité.", "Each building footprint is"
                + " coloured by the class predicted from its shape and neighbourhood; buildings outlined in red have a"
                + " confidence below " + lang.percent(s.lowConfidence()) + " and should be checked first."));
        List<String[]> facts = new ArrayList<>();
        facts.add(new String[] {lang.t("bâtiments", "buildings"), Integer.toString(n)});
        facts.add(new String[] {lang.t("confiance faible", "low confidence"), Integer.toString(low)});
        s.evaluation().ifPresent(e -> facts.add(new String[] {lang.t("macro-F1 (validation croisée spatiale)",
                "macro-F1 (spatial cross-validation)"), lang.num(e.macroF1().value(), 3)}));
        page.facts(facts);
        List<String[]> legend = new ArrayList<>();
        for (int c = 0; c < labels.size(); c++) {
            legend.add(new String[] {colour(c), labels.get(c) + " (" + counts.get(labels.get(c)) + ")"});
        }
        page.chart(lang.t("Carte des classes prédites", "Map of the predicted classes"), legend, map(s, labels, lang),
                lang.t("Coordonnées ", "Coordinates ") + s.crs() + lang.t(
                        ", nord en haut ; emprises simplifiées à la résolution du dessin.",
                        ", north up; footprints simplified to the drawing resolution."));
        if (s.evaluation().isPresent()) {
            Evaluation e = s.evaluation().get();
            page.h2(lang.t("Qualité mesurée (validation croisée par blocs spatiaux)",
                    "Measured quality (spatial-block cross-validation)"));
            page.p(page.text(e.method()));
            page.h3(lang.t("Matrice de confusion", "Confusion matrix"));
            page.figure(heatMap(e.confusion(), lang), lang.t("Lignes : classe réelle ; colonnes : classe prédite ;"
                    + " couleur : part de la ligne (rappel).", "Rows: actual class; columns: predicted class; colour:"
                    + " share of the row (recall)."));
            page.h3(lang.t("F1 par classe", "F1 per class"));
            page.figure(f1Bars(e, lang), lang.t("Barres : F1 hors échantillon ; traits : intervalle de confiance"
                    + " bootstrap à 95 %.", "Bars: out-of-sample F1; whiskers: 95% bootstrap interval."));
            List<List<String>> rows = new ArrayList<>();
            for (ConfusionMatrix.ClassMetrics m : e.confusion().perClass()) {
                rows.add(List.of(m.label(), Long.toString(m.support()), lang.num(m.precision(), 3),
                        lang.num(m.recall(), 3), lang.num(m.f1(), 3)));
            }
            page.table(List.of(lang.t("classe", "class"), lang.t("effectif", "support"), lang.t("précision", "precision"),
                    lang.t("rappel", "recall"), "F1"), rows, Set.of(1, 2, 3, 4));
        }
        return page.render();
    }

    static String colour(int c) {
        return PALETTE.get(c % PALETTE.size());
    }

    /** The map: one path per footprint, class {@code footprint c<k>}, plus {@code low} when outlined. */
    static String map(Shapes s, List<String> labels, Lang lang) {
        Envelope env = new Envelope();
        for (Geometry g : s.geometries()) {
            env.expandToInclude(g.getEnvelopeInternal());
        }
        if (env.isNull()) {
            env = new Envelope(0, 1, 0, 1);
        }
        double spanX = Math.max(env.getWidth(), 1);
        double spanY = Math.max(env.getHeight(), 1);
        double scale = Math.min(MAP_WIDTH / spanX, 900 / spanY);
        double width = Math.max(200, spanX * scale);
        double height = spanY * scale + 40;
        Svg svg = new Svg(width, height, lang.t("Carte des bâtiments", "Map of the buildings"));
        StringBuilder css = new StringBuilder("<style>");
        for (int c = 0; c < labels.size(); c++) {
            css.append(".c").append(c).append("{fill:").append(colour(c)).append('}');
        }
        css.append(".low{stroke:#d00000;stroke-width:1.2}</style>\n");
        svg.raw(css.toString());
        svg.rect("frame", 0, 0, width, spanY * scale, "");
        double tolerance = 0.25 / scale;
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int c = 0; c < labels.size(); c++) {
            index.put(labels.get(c), c);
        }
        StringBuilder d = new StringBuilder(256);
        StringBuilder out = new StringBuilder(s.geometries().size() * 120);
        double minX = env.getMinX();
        double maxY = env.getMaxY();
        for (int i = 0; i < s.geometries().size(); i++) {
            Geometry g = s.geometries().get(i);
            Geometry simple = DouglasPeuckerSimplifier.simplify(g, tolerance);
            if (simple.isEmpty()) {
                simple = g;
            }
            d.setLength(0);
            for (int p = 0; p < simple.getNumGeometries(); p++) {
                Geometry part = simple.getGeometryN(p);
                if (part instanceof Polygon poly) {
                    ring(d, poly.getExteriorRing(), minX, maxY, scale);
                    for (int h = 0; h < poly.getNumInteriorRing(); h++) {
                        ring(d, poly.getInteriorRingN(h), minX, maxY, scale);
                    }
                }
            }
            if (d.length() == 0) {
                continue;
            }
            boolean lowConf = s.confidence()[i] < s.lowConfidence();
            out.append("<path class=\"footprint c").append(index.get(s.predicted().get(i))).append(lowConf ? " low" : "")
                    .append("\" d=\"").append(d).append("\"/>\n");
        }
        svg.raw("<g class=\"footprints\" fill-rule=\"evenodd\">\n").raw(out.toString()).raw("</g>\n");
        // Scale bar: a round length near a fifth of the map width.
        double metres = Ticks.step(spanX / 5 * 5, 5);
        double px = metres * scale;
        double y = spanY * scale + 24;
        svg.group("scale-bar");
        svg.rect("scale", 10, y - 6, px, 6, "#1b1b1b");
        svg.text("tick", 10, y + 12, "start", "0");
        svg.text("tick", 10 + px, y + 12, "middle", metres >= 1000 ? lang.num(metres / 1000, 1) + " km"
                : lang.num(metres, 0) + " m");
        svg.end();
        return svg.close();
    }

    private static void ring(StringBuilder d, LineString ring, double minX, double maxY, double scale) {
        Coordinate[] cs = ring.getCoordinates();
        int last = cs.length > 1 && cs[0].equals2D(cs[cs.length - 1]) ? cs.length - 1 : cs.length;
        for (int k = 0; k < last; k++) {
            d.append(k == 0 ? 'M' : 'L');
            Svg.n(d, (cs[k].x - minX) * scale);
            d.append(',');
            Svg.n(d, (maxY - cs[k].y) * scale);
        }
        d.append('Z');
    }

    /** The confusion matrix as a heat map: colour = share of the actual class's row. */
    static String heatMap(ConfusionMatrix cm, Lang lang) {
        List<String> labels = cm.labels();
        int k = labels.size();
        long[][] counts = cm.counts();
        double cell = Math.max(34, Math.min(60, 560.0 / Math.max(1, k)));
        double left = 190;
        double top = 130;
        double width = left + k * cell + 70;
        double height = top + k * cell + 10;
        Svg svg = new Svg(width, height, lang.t("Matrice de confusion", "Confusion matrix"));
        svg.text("axis-title", left + k * cell / 2, 14, "middle", lang.t("classe prédite", "predicted class"));
        for (int j = 0; j < k; j++) {
            double x = left + (j + 0.5) * cell;
            svg.raw("<text class=\"tick\" x=\"" + Svg.n(x) + "\" y=\"" + Svg.n(top - 6) + "\" transform=\"rotate(-45 "
                    + Svg.n(x) + " " + Svg.n(top - 6) + ")\">" + Svg.esc(labels.get(j)) + "</text>\n");
        }
        svg.group("cells");
        for (int i = 0; i < k; i++) {
            long row = 0;
            for (int j = 0; j < k; j++) {
                row += counts[i][j];
            }
            svg.text("tick", left - 6, top + (i + 0.5) * cell + 4, "end", labels.get(i));
            for (int j = 0; j < k; j++) {
                double share = row == 0 ? 0 : counts[i][j] / (double) row;
                String fill = heat(share);
                svg.rectTitled("cell", left + j * cell, top + i * cell, cell - 1, cell - 1, fill,
                        labels.get(i) + " → " + labels.get(j) + " : " + counts[i][j]);
                svg.raw("<text class=\"cell-label\" x=\"" + Svg.n(left + (j + 0.5) * cell) + "\" y=\""
                        + Svg.n(top + (i + 0.5) * cell + 4) + "\" text-anchor=\"middle\" fill=\""
                        + (share > 0.55 ? "#fff" : "#1b1b1b") + "\">" + counts[i][j] + "</text>\n");
            }
        }
        svg.end();
        return svg.close();
    }

    /** White to dark blue. */
    static String heat(double share) {
        int r = (int) Math.round(255 + (0 - 255) * share);
        int g = (int) Math.round(255 + (0 - 255) * share);
        int b = (int) Math.round(255 + (145 - 255) * share);
        return String.format(java.util.Locale.ROOT, "#%02x%02x%02x", r, g, b);
    }

    /** Horizontal F1 bars with interval whiskers, one per class. */
    static String f1Bars(Evaluation e, Lang lang) {
        List<ModelCard.Metric> ms = e.perClassF1();
        double left = 190;
        double barW = 560;
        double rowH = 24;
        double top = 10;
        double height = top + ms.size() * rowH + 30;
        Svg svg = new Svg(left + barW + 60, height, lang.t("F1 par classe", "F1 per class"));
        svg.group("axis");
        for (int t = 0; t <= 5; t++) {
            double x = left + barW * t / 5.0;
            svg.line("grid", x, top, x, top + ms.size() * rowH);
            svg.text("tick", x, top + ms.size() * rowH + 15, "middle", lang.num(t / 5.0, 1));
        }
        svg.end();
        svg.group("bars");
        for (int i = 0; i < ms.size(); i++) {
            ModelCard.Metric m = ms.get(i);
            double y = top + i * rowH;
            String name = m.name().replaceFirst("^F1 ", "");
            svg.text("tick", left - 6, y + rowH / 2 + 4, "end", name);
            svg.rectTitled("bar", left, y + 4, barW * clamp(m.value()), rowH - 8, colour(i),
                    name + " : F1 " + lang.num(m.value(), 3));
            if (m.hasInterval()) {
                double a = left + barW * clamp(m.lower());
                double b = left + barW * clamp(m.upper());
                svg.line("whisker", a, y + rowH / 2, b, y + rowH / 2);
                svg.line("whisker", a, y + 7, a, y + rowH - 7);
                svg.line("whisker", b, y + 7, b, y + rowH - 7);
            }
            svg.text("bar-label", left + barW * clamp(m.value()) + 4, y + rowH / 2 + 4, "start", lang.num(m.value(), 2));
        }
        svg.end();
        return svg.raw("<style>.whisker{stroke:#1b1b1b;stroke-width:1.2}</style>\n").close();
    }

    private static double clamp(double v) {
        return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
    }
}
