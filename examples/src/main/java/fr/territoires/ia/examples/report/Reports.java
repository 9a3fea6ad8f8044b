package fr.territoires.ia.examples.report;

import fr.territoires.ia.core.Gap;
import fr.territoires.ia.core.OrderViolation;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The HTML reports of the runner's commands, each one standalone page (see the package
 * description) built from plain data: arrays of instants (epoch milliseconds) and values, alarms,
 * bands, probabilities, geometries.
 *
 * <p>The input records keep the arrays they are given (no copy, for series of 10⁵ points): the
 * caller must not change them afterwards; two inputs compare by array identity.
 *
 * <p>Instances are immutable and safe for concurrent use (the class has none).
 */
public final class Reports {

    /** Width of the charts, px (the page's text width on A4 at 96 dpi is about 700 px; charts scale). */
    static final int WIDTH = 900;

    /** Series longer than this (in time) get week panels around their incidents. */
    private static final long PANELS_AFTER = 15L * 24 * 3600 * 1000;
    private static final long WEEK = 7L * 24 * 3600 * 1000;
    private static final int MAX_PANELS = 6;
    private static final int MAX_TABLE_ROWS = 200;

    static final String BLUE = "#000091";
    static final String RED = "#c1121f";
    static final String ORANGE = "#e76f00";
    static final String GREY = "#9a9a9a";
    static final String PURPLE = "#6a1b9a";

    private Reports() {
    }

    /**
     * What {@code detect} scored: one row per reading, in file order.
     *
     * @param source name of the input file
     * @param detector detector name and settings, in one line
     * @param zone zone of the local times shown
     * @param time instants, epoch ms
     * @param value readings, NaN when missing
     * @param expected expected value of the baseline, NaN when none
     * @param lower lower bound of the expected band, NaN when none
     * @param upper upper bound of the expected band, NaN when none
     * @param score anomaly score in [0, 1], higher is more anomalous
     * @param alarm whether the row was flagged
     * @param reason reason of each row (used for flagged rows), empty when none
     */
    public record Detection(String source, String detector, ZoneId zone, long[] time, double[] value,
            double[] expected, double[] lower, double[] upper, double[] score, boolean[] alarm, List<String> reason) {

        /**
         * Checks that every array has one entry per row.
         *
         * @param source name of the input file
         * @param detector detector
         * @param zone zone
         * @param time instants
         * @param value readings
         * @param expected expected values
         * @param lower lower bounds
         * @param upper upper bounds
         * @param score scores
         * @param alarm alarms
         * @param reason reasons
         * @throws IllegalArgumentException when the lengths differ
         */
        public Detection {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(detector, "detector");
            Objects.requireNonNull(zone, "zone");
            int n = time.length;
            for (int len : new int[] {value.length, expected.length, lower.length, upper.length, score.length,
                alarm.length, reason.size()}) {
                if (len != n) {
                    throw new IllegalArgumentException("every column must have " + n + " rows, one had " + len);
                }
            }
        }
    }

    /** One incident: a run of flagged rows, separated by at most two unflagged rows. */
    record Incident(int start, int end, int peak) {
    }

    /** The incidents of a run of alarms. */
    static List<Incident> incidents(boolean[] alarm, double[] score) {
        List<Incident> out = new ArrayList<>();
        int start = -1;
        int last = -1;
        int peak = -1;
        for (int i = 0; i <= alarm.length; i++) {
            boolean a = i < alarm.length && alarm[i];
            if (start >= 0 && (i == alarm.length || (!a && i - last > 2))) {
                out.add(new Incident(start, last, peak));
                start = -1;
            }
            if (a) {
                if (start < 0) {
                    start = i;
                    peak = i;
                }
                if (score[i] > score[peak]) {
                    peak = i;
                }
                last = i;
            }
        }
        return out;
    }

    /**
     * The report of {@code detect}: the series with its expected band and alarms marked (a
     * whole-period chart, and week panels around the strongest incidents for a long series), the
     * key figures, and a table of incidents (start, end, peak, reason).
     *
     * @param d the scored rows
     * @param lang language of the page
     * @return the HTML page
     * @throws NullPointerException when an argument is null
     */
    public static String detect(Detection d, Lang lang) {
        Objects.requireNonNull(d, "d");
        Page page = new Page(lang.t("Détection d'anomalies : ", "Anomaly detection: ") + d.source(), lang);
        int n = d.time().length;
        int alarms = 0;
        int missing = 0;
        for (int i = 0; i < n; i++) {
            alarms += d.alarm()[i] ? 1 : 0;
            missing += Double.isNaN(d.value()[i]) ? 1 : 0;
        }
        List<Incident> incidents = incidents(d.alarm(), d.score());
        page.lead(lang.t("Chaque relevé a été comparé à ce que le détecteur attendait ; les points rouges sont les"
                + " alarmes à examiner, la bande bleue la plage attendue.", "Each reading was compared with what the"
                + " detector expected; red dots are the alarms to review, the blue band the expected range."));
        List<String[]> facts = new ArrayList<>();
        facts.add(new String[] {lang.t("relevés", "readings"), Integer.toString(n)});
        facts.add(new String[] {lang.t("alarmes", "alarms"), Integer.toString(alarms)});
        facts.add(new String[] {lang.t("taux d'alarme", "alarm rate"), lang.percent(n == 0 ? 0 : alarms / (double) n)});
        facts.add(new String[] {lang.t("incidents", "incidents"), Integer.toString(incidents.size())});
        facts.add(new String[] {lang.t("valeurs manquantes", "missing values"), Integer.toString(missing)});
        page.facts(facts);
        page.note(lang.t("Aucune étiquette (anomalie vraie ou fausse) n'a été fournie : le taux d'alarme décrit ce"
                + " passage, ce n'est pas une mesure d'exactitude. Détecteur : ", "No labels (true or false anomaly)"
                + " were given: the alarm rate describes this run, it is not an accuracy. Detector: ") + d.detector());
        if (n == 0) {
            return page.render();
        }
        double[] t = millis(d.time());
        List<String> titles = new ArrayList<>();
        int[] idx = alarmIndices(d.alarm());
        double[] at = new double[idx.length];
        double[] av = new double[idx.length];
        DateTimeFormatter f = stamp(lang, d.zone());
        for (int k = 0; k < idx.length; k++) {
            at[k] = t[idx[k]];
            av[k] = Double.isNaN(d.value()[idx[k]]) ? d.expected()[idx[k]] : d.value()[idx[k]];
            titles.add(f.format(Instant.ofEpochMilli(d.time()[idx[k]])) + " : " + d.reason().get(idx[k]));
        }
        TimeChart overview = new TimeChart(lang.t("Série, plage attendue et alarmes", "Series, expected band and alarms"),
                WIDTH, 300, d.zone(), lang).band(t, d.lower(), d.upper()).line("series", BLUE, t, d.value())
                .markers("marker", RED, at, av, titles, 3);
        page.chart(lang.t("La série sur toute la période", "The whole series"),
                List.of(new String[] {BLUE, lang.t("relevé", "reading")},
                        new String[] {"#c9d3f5", lang.t("plage attendue", "expected range")},
                        new String[] {RED, lang.t("alarme", "alarm")}),
                overview.render(), lang.t("Tracé réduit au minimum et au maximum de chaque colonne de pixels :"
                + " les pics isolés restent visibles.", "Drawn from the minimum and maximum of each pixel column:"
                + " isolated spikes stay visible."));
        long span = d.time()[n - 1] - d.time()[0];
        if (span > PANELS_AFTER) {
            List<Incident> shown = incidents.stream()
                    .sorted(Comparator.comparingDouble((Incident in) -> -d.score()[in.peak()]))
                    .limit(MAX_PANELS).sorted(Comparator.comparingInt(Incident::start)).toList();
            page.h2(lang.t("Semaines des principaux incidents", "Weeks of the main incidents"));
            if (shown.isEmpty()) {
                page.note(lang.t("Aucun incident : la dernière semaine est montrée.", "No incident: the last week is"
                        + " shown."));
                shown = List.of(new Incident(n - 1, n - 1, n - 1));
            }
            long lastEnd = Long.MIN_VALUE;
            for (Incident in : shown) {
                long centre = d.time()[in.peak()];
                long from = Math.max(d.time()[0], centre - WEEK / 2);
                long to = Math.min(d.time()[n - 1], from + WEEK);
                from = Math.max(d.time()[0], to - WEEK);
                if (from < lastEnd) {
                    continue;
                }
                lastEnd = to;
                TimeChart panel = new TimeChart(lang.t("Semaine du ", "Week of ") + f.format(Instant.ofEpochMilli(from)),
                        WIDTH, 220, d.zone(), lang).xRange(from, to).band(t, d.lower(), d.upper())
                        .line("series", BLUE, t, d.value()).markers("marker", RED, at, av, titles, 3);
                page.figure(panel.render(), lang.t("Du ", "From ") + f.format(Instant.ofEpochMilli(from))
                        + lang.t(" au ", " to ") + f.format(Instant.ofEpochMilli(to)));
            }
        }
        page.h2(lang.t("Incidents", "Incidents"));
        List<List<String>> rows = new ArrayList<>();
        for (Incident in : head(incidents)) {
            rows.add(List.of(f.format(Instant.ofEpochMilli(d.time()[in.start()])),
                    f.format(Instant.ofEpochMilli(d.time()[in.end()])),
                    f.format(Instant.ofEpochMilli(d.time()[in.peak()])),
                    lang.num(d.value()[in.peak()], 3), lang.num(d.score()[in.peak()], 3),
                    d.reason().get(in.start())));
        }
        page.tableOr(List.of(lang.t("début", "start"), lang.t("fin", "end"), lang.t("pic", "peak"),
                lang.t("valeur au pic", "value at peak"), lang.t("score au pic", "score at peak"),
                lang.t("raison", "reason")), rows, Set.of(3, 4),
                lang.t("Aucune alarme sur la période.", "No alarm over the period."));
        if (incidents.size() > MAX_TABLE_ROWS) {
            page.note(lang.t("Les ", "The first ") + MAX_TABLE_ROWS + lang.t(" premiers incidents sur ", " of ")
                    + incidents.size() + lang.t(" ; la sortie CSV les contient tous.",
                            " incidents; the CSV output holds them all."));
        }
        return page.zoneNote(d.zone()).render();
    }

    /**
     * What {@code check-series} read.
     *
     * @param source name of the input file
     * @param zone zone of the local times
     * @param columns names of the value columns
     * @param time instants, epoch ms, in file order
     * @param values one array per column, NaN when missing
     * @param gaps gaps found (longer than the usual step)
     * @param orderViolations rows not after the previous one
     * @param dstShiftedLines lines moved forward across a daylight-saving gap
     */
    public record SeriesCheck(String source, ZoneId zone, List<String> columns, long[] time, List<double[]> values,
            List<Gap> gaps, List<OrderViolation> orderViolations, List<Long> dstShiftedLines) {

        /**
         * Checks the column count and lengths.
         *
         * @param source name of the input file
         * @param zone zone
         * @param columns column names
         * @param time instants
         * @param values values per column
         * @param gaps gaps
         * @param orderViolations order violations
         * @param dstShiftedLines shifted lines
         * @throws IllegalArgumentException when sizes differ
         */
        public SeriesCheck {
            columns = List.copyOf(columns);
            values = List.copyOf(values);
            gaps = List.copyOf(gaps);
            orderViolations = List.copyOf(orderViolations);
            dstShiftedLines = List.copyOf(dstShiftedLines);
            if (columns.size() != values.size()) {
                throw new IllegalArgumentException("values must have one array per column (" + columns.size()
                        + "), had " + values.size());
            }
            for (double[] v : values) {
                if (v.length != time.length) {
                    throw new IllegalArgumentException("every column must have " + time.length + " rows, one had "
                            + v.length);
                }
            }
        }
    }

    /**
     * The report of {@code check-series}: each value column over time with gaps (orange) and missing
     * values (grey) shaded, daylight-saving shifts (purple) and rows out of order (red) marked,
     * and tables of what was found.
     *
     * @param c what was read
     * @param lang language of the page
     * @return the HTML page
     * @throws NullPointerException when an argument is null
     */
    public static String checkSeries(SeriesCheck c, Lang lang) {
        Objects.requireNonNull(c, "c");
        Page page = new Page(lang.t("Contrôle de la série : ", "Series check: ") + c.source(), lang);
        int n = c.time().length;
        int missing = 0;
        for (double[] v : c.values()) {
            for (double x : v) {
                missing += Double.isNaN(x) ? 1 : 0;
            }
        }
        page.lead(lang.t("Avant d'utiliser une série, vérifiez qu'elle est complète et dans l'ordre : les trous sont"
                + " ombrés en orange, les valeurs manquantes en gris, les changements d'heure en violet et les lignes"
                + " dans le désordre en rouge.", "Before using a series, check that it is complete and in order: gaps"
                + " are shaded orange, missing values grey, clock changes purple and rows out of order red."));
        page.facts(List.of(new String[] {lang.t("lignes", "rows"), Integer.toString(n)},
                new String[] {lang.t("trous", "gaps"), Integer.toString(c.gaps().size())},
                new String[] {lang.t("valeurs manquantes", "missing values"), Integer.toString(missing)},
                new String[] {lang.t("lignes dans le désordre", "rows out of order"),
                        Integer.toString(c.orderViolations().size())},
                new String[] {lang.t("heures décalées (changement d'heure)", "times shifted (clock change)"),
                        Integer.toString(c.dstShiftedLines().size())}));
        if (n == 0) {
            return page.render();
        }
        double[] t = millis(c.time());
        DateTimeFormatter f = stamp(lang, c.zone());
        double[] gFrom = new double[c.gaps().size()];
        double[] gTo = new double[c.gaps().size()];
        List<String> gTitles = new ArrayList<>();
        for (int k = 0; k < gFrom.length; k++) {
            Gap g = c.gaps().get(k);
            gFrom[k] = g.from().toEpochMilli();
            gTo[k] = g.to().toEpochMilli();
            gTitles.add(lang.t("trou : ", "gap: ") + f.format(g.from()) + " → " + f.format(g.to()));
        }
        double[] oT = new double[c.orderViolations().size()];
        List<String> oTitles = new ArrayList<>();
        for (int k = 0; k < oT.length; k++) {
            OrderViolation v = c.orderViolations().get(k);
            oT[k] = v.timestamp().toEpochMilli();
            oTitles.add(lang.t("ligne ", "line ") + v.line() + lang.t(" dans le désordre", " out of order"));
        }
        List<Double> dst = new ArrayList<>();
        List<String> dTitles = new ArrayList<>();
        for (long line : c.dstShiftedLines()) {
            int row = (int) (line - 2);
            if (row >= 0 && row < n) {
                dst.add(t[row]);
                dTitles.add(lang.t("ligne ", "line ") + line + lang.t(" : heure inexistante, avancée",
                        ": time that does not exist, moved forward"));
            }
        }
        double[] dT = dst.stream().mapToDouble(Double::doubleValue).toArray();
        page.legend(List.of(new String[] {BLUE, lang.t("valeur", "value")},
                new String[] {ORANGE, lang.t("trou", "gap")},
                new String[] {GREY, lang.t("valeur manquante", "missing value")},
                new String[] {PURPLE, lang.t("changement d'heure", "clock change")},
                new String[] {RED, lang.t("ligne dans le désordre", "row out of order")}));
        for (int col = 0; col < Math.min(4, c.columns().size()); col++) {
            double[] v = c.values().get(col);
            List<double[]> runs = missingRuns(t, v);
            TimeChart chart = new TimeChart(c.columns().get(col), WIDTH, 260, c.zone(), lang).yTitle(c.columns().get(col))
                    .spans("gap", gFrom, gTo, ORANGE, gTitles)
                    .spans("missing", runs.get(0), runs.get(1), GREY, List.of())
                    .line("series", BLUE, t, v)
                    .events("event dst", dT, PURPLE, dTitles)
                    .events("event order", oT, RED, oTitles);
            page.chart(c.columns().get(col), chart.render(), "");
        }
        if (c.columns().size() > 4) {
            page.note(lang.t("Seules les quatre premières colonnes sont tracées.", "Only the first four columns are drawn."));
        }
        page.h2(lang.t("Trous", "Gaps"));
        List<List<String>> gapRows = new ArrayList<>();
        for (Gap g : head(c.gaps())) {
            gapRows.add(List.of(f.format(g.from()), f.format(g.to()), Long.toString(g.missingSteps())));
        }
        page.tableOr(List.of(lang.t("dernier relevé avant", "last reading before"),
                lang.t("premier relevé après", "first reading after"), lang.t("pas absents", "steps absent")),
                gapRows, Set.of(2), lang.t("Aucun trou.", "No gap."));
        if (!c.orderViolations().isEmpty()) {
            page.h2(lang.t("Lignes dans le désordre", "Rows out of order"));
            List<List<String>> rows = new ArrayList<>();
            for (OrderViolation v : head(c.orderViolations())) {
                rows.add(List.of(Long.toString(v.line()), f.format(v.timestamp()), f.format(v.previous()),
                        v.duplicate() ? lang.t("doublon", "duplicate") : lang.t("en arrière", "backwards")));
            }
            page.table(List.of(lang.t("ligne", "line"), lang.t("horodatage", "timestamp"),
                    lang.t("précédent", "previous"), lang.t("nature", "kind")), rows, Set.of(0));
        }
        return page.zoneNote(c.zone()).render();
    }

    /** The first rows of a table, at most {@value #MAX_TABLE_ROWS}. */
    private static <T> List<T> head(List<T> rows) {
        return rows.subList(0, Math.min(MAX_TABLE_ROWS, rows.size()));
    }

    /** Runs of missing values as [from times, to times], each at least one reading wide. */
    private static List<double[]> missingRuns(double[] t, double[] v) {
        List<Double> from = new ArrayList<>();
        List<Double> to = new ArrayList<>();
        int i = 0;
        while (i < v.length) {
            if (!Double.isNaN(v[i])) {
                i++;
                continue;
            }
            int s = i;
            while (i < v.length && Double.isNaN(v[i])) {
                i++;
            }
            from.add(s > 0 ? (t[s - 1] + t[s]) / 2 : t[s]);
            to.add(i < v.length ? (t[i - 1] + t[i]) / 2 : t[i - 1]);
        }
        return List.of(from.stream().mapToDouble(Double::doubleValue).toArray(),
                to.stream().mapToDouble(Double::doubleValue).toArray());
    }

    static double[] millis(long[] t) {
        double[] out = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            out[i] = t[i];
        }
        return out;
    }

    private static int[] alarmIndices(boolean[] alarm) {
        int count = 0;
        for (boolean a : alarm) {
            count += a ? 1 : 0;
        }
        int[] out = new int[count];
        int k = 0;
        for (int i = 0; i < alarm.length; i++) {
            if (alarm[i]) {
                out[k++] = i;
            }
        }
        return out;
    }

    static DateTimeFormatter stamp(Lang lang, ZoneId zone) {
        return DateTimeFormatter.ofPattern(lang == Lang.FR ? "dd/MM/yyyy HH:mm" : "yyyy-MM-dd HH:mm").withZone(zone);
    }
}
