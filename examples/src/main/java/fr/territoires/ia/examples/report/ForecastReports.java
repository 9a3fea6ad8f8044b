package fr.territoires.ia.examples.report;

import fr.territoires.ia.core.metrics.BinaryMetrics;
import fr.territoires.ia.core.trust.ModelCard;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The reports of {@code forecast-events} and {@code forecast}, and the test-period metrics both
 * add to their cards. Dates are days (UTC calendar dates, as the forecasting commands read them).
 *
 * <p>Instances are immutable and safe for concurrent use (the class has none).
 */
public final class ForecastReports {

    private static final long DAY = 86_400_000L;
    /** Days of observations shown before the first forecast date. */
    private static final int CONTEXT_DAYS = 60;

    private ForecastReports() {
    }

    /**
     * The observed daily series: one value per date, NaN when missing.
     *
     * @param dates dates, increasing
     * @param values values, NaN when missing
     */
    public record Observed(List<LocalDate> dates, double[] values) {

        /**
         * Checks the lengths.
         *
         * @param dates dates
         * @param values values
         * @throws IllegalArgumentException when the lengths differ
         */
        public Observed {
            dates = List.copyOf(dates);
            if (dates.size() != values.length) {
                throw new IllegalArgumentException("values must have one entry per date (" + dates.size()
                        + "), had " + values.length);
            }
        }

        /**
         * The observations from day {@code fromDay} to day {@code toDay} (epoch days, inclusive),
         * missing ones included: their times (epoch ms, midnight UTC) and values, in date order.
         */
        double[][] window(long fromDay, long toDay) {
            List<Double> t = new ArrayList<>();
            List<Double> v = new ArrayList<>();
            for (int i = 0; i < values.length; i++) {
                long d = dates.get(i).toEpochDay();
                if (d >= fromDay && d <= toDay) {
                    t.add((double) d * DAY);
                    v.add(values[i]);
                }
            }
            return new double[][] {arr(t), arr(v)};
        }

        Map<Long, Double> byDay() {
            Map<Long, Double> m = new HashMap<>();
            for (int i = 0; i < values.length; i++) {
                if (!Double.isNaN(values[i])) {
                    m.put(dates.get(i).toEpochDay(), values[i]);
                }
            }
            return m;
        }
    }

    /**
     * What {@code forecast-events} produced.
     *
     * @param source name of the input file
     * @param model the model chosen on the validation years, in one line
     * @param threshold level whose exceedance is forecast, in the series' unit
     * @param horizon days ahead
     * @param alertProbability probability at or above which an alert is raised
     * @param dates issue dates
     * @param probability probability of an exceedance within the horizon, per issue date
     * @param alert alert flag per issue date
     * @param observed the observed series (training and test period)
     * @param validation metrics of the model on its validation years (from its card)
     */
    public record Exceedance(String source, String model, double threshold, int horizon, double alertProbability,
            List<LocalDate> dates, double[] probability, boolean[] alert, Observed observed,
            List<ModelCard.Metric> validation) {

        /**
         * Checks the lengths.
         *
         * @param source source
         * @param model model
         * @param threshold threshold
         * @param horizon horizon
         * @param alertProbability alert probability
         * @param dates issue dates
         * @param probability probabilities
         * @param alert alerts
         * @param observed observed series
         * @param validation validation metrics
         * @throws IllegalArgumentException when the lengths differ or the horizon is below 1
         */
        public Exceedance {
            dates = List.copyOf(dates);
            validation = List.copyOf(validation);
            Objects.requireNonNull(observed, "observed");
            if (probability.length != dates.size() || alert.length != dates.size()) {
                throw new IllegalArgumentException("probability and alert must have one entry per date ("
                        + dates.size() + "), had " + probability.length + " and " + alert.length);
            }
            if (horizon < 1) {
                throw new IllegalArgumentException("horizon must be >= 1, was " + horizon);
            }
        }
    }

    /** Issue dates with a known outcome: index, outcome, today's level (persistence score). */
    private record Known(int[] index, boolean[] actual, double[] p, double[] today) {
    }

    private static Known known(Exceedance e) {
        Map<Long, Double> y = e.observed().byDay();
        List<Integer> idx = new ArrayList<>();
        List<Boolean> act = new ArrayList<>();
        for (int i = 0; i < e.dates().size(); i++) {
            long d = e.dates().get(i).toEpochDay();
            Double today = y.get(d);
            if (today == null) {
                continue;
            }
            boolean missing = false;
            boolean event = false;
            for (int k = 1; k <= e.horizon(); k++) {
                Double v = y.get(d + k);
                if (v == null) {
                    missing = true;
                } else if (v > e.threshold()) {
                    event = true;
                }
            }
            if (event || !missing) {
                idx.add(i);
                act.add(event);
            }
        }
        int n = idx.size();
        int[] index = new int[n];
        boolean[] actual = new boolean[n];
        double[] p = new double[n];
        double[] today = new double[n];
        for (int k = 0; k < n; k++) {
            index[k] = idx.get(k);
            actual[k] = act.get(k);
            p[k] = e.probability()[index[k]];
            today[k] = y.get(e.dates().get(index[k]).toEpochDay());
        }
        return new Known(index, actual, p, today);
    }

    /**
     * Metrics on the issue dates whose outcome is observed (the test period): average precision of
     * the probabilities and of persistence (today's level as the score), Brier score and its
     * climatology reference. Empty when no outcome is known, or when the test period holds no
     * exceedance (average precision is then undefined).
     *
     * @param e the forecast and observations
     * @return the metrics, in that order
     * @throws NullPointerException when {@code e} is null
     */
    public static List<ModelCard.Metric> testMetrics(Exceedance e) {
        Known k = known(e);
        int positives = 0;
        for (boolean a : k.actual()) {
            positives += a ? 1 : 0;
        }
        if (k.index().length == 0 || positives == 0) {
            return List.of();
        }
        String on = " on the " + k.index().length + " test issue dates with a known outcome (" + positives
                + " followed by an exceedance of " + e.threshold() + " within " + e.horizon() + " days)";
        return List.of(
                ModelCard.Metric.of("test average precision", BinaryMetrics.averagePrecision(k.actual(), k.p()),
                        "precision-recall area of the probabilities" + on),
                ModelCard.Metric.of("test average precision, persistence",
                        BinaryMetrics.averagePrecision(k.actual(), k.today()),
                        "the same with today's level as the score (the baseline)" + on),
                ModelCard.Metric.of("test Brier score", BinaryMetrics.brierScore(k.actual(), k.p()),
                        "mean squared error of the probabilities" + on),
                ModelCard.Metric.of("test Brier score, climatology", BinaryMetrics.climatologyBrier(k.actual()),
                        "the same with the test base rate as a constant probability" + on));
    }

    /**
     * The report of {@code forecast-events}: the observed level with the threshold and its
     * exceedances, the probability over time with the alert level, alerts and observed events,
     * lead times of the alerts before each flood episode and, when the test period has
     * observations, a reliability diagram and precision-recall curves against persistence.
     *
     * @param e the forecast and observations
     * @param lang language of the page
     * @return the HTML page
     * @throws NullPointerException when an argument is null
     */
    public static String exceedance(Exceedance e, Lang lang) {
        Page page = new Page(lang.t("Prévision de dépassement : ", "Exceedance forecast: ") + e.source(), lang);
        int n = e.dates().size();
        int alerts = 0;
        for (boolean a : e.alert()) {
            alerts += a ? 1 : 0;
        }
        page.lead(lang.t("Probabilité que la valeur dépasse " + lang.num(e.threshold(), 3) + " dans les "
                + e.horizon() + " jours suivant chaque date, et alertes quand elle atteint "
                + lang.percent(e.alertProbability()) + ".", "Probability that the value exceeds "
                + lang.num(e.threshold(), 3) + " within the " + e.horizon() + " days after each date, and alerts when"
                + " it reaches " + lang.percent(e.alertProbability()) + "."));
        Known k = known(e);
        List<ModelCard.Metric> test = testMetrics(e);
        List<String[]> facts = new ArrayList<>();
        facts.add(new String[] {lang.t("dates prévues", "dates forecast"), Integer.toString(n)});
        facts.add(new String[] {lang.t("alertes", "alerts"), Integer.toString(alerts)});
        if (!test.isEmpty()) {
            facts.add(new String[] {lang.t("précision moyenne (test)", "average precision (test)"),
                    lang.num(test.get(0).value(), 3)});
            facts.add(new String[] {lang.t("persistance (test)", "persistence (test)"), lang.num(test.get(1).value(), 3)});
        }
        page.facts(facts);
        page.note(lang.t("Modèle retenu sur les années de validation : ", "Model chosen on the validation years: ")
                + e.model());
        if (n == 0) {
            return page.render();
        }
        Map<Long, Double> y = e.observed().byDay();
        long from = e.dates().get(0).toEpochDay() - CONTEXT_DAYS;
        long to = e.dates().get(n - 1).toEpochDay() + e.horizon();
        double[][] seen = e.observed().window(from, to);
        List<Double> xt = new ArrayList<>();
        List<Double> xv = new ArrayList<>();
        List<String> xTitles = new ArrayList<>();
        for (int i = 0; i < seen[0].length; i++) {
            double v = seen[1][i];
            if (v > e.threshold()) {
                xt.add(seen[0][i]);
                xv.add(v);
                xTitles.add(LocalDate.ofEpochDay((long) (seen[0][i] / DAY)) + " : " + lang.num(v, 3));
            }
        }
        TimeChart level = new TimeChart(lang.t("Niveau observé", "Observed level"), Reports.WIDTH, 260, ZoneOffset.UTC,
                lang).xRange(from * DAY, to * DAY).line("series", Reports.BLUE, seen[0], seen[1])
                .threshold(e.threshold(), lang.t("seuil ", "threshold ") + lang.num(e.threshold(), 3))
                .markers("marker", Reports.RED, arr(xt), arr(xv), xTitles, 2.5);
        page.chart(lang.t("Niveau observé et seuil", "Observed level and threshold"),
                List.of(new String[] {Reports.BLUE, lang.t("observé", "observed")},
                        new String[] {Reports.RED, lang.t("dépassement observé", "observed exceedance")}),
                level.render(), "");

        double[] t = new double[n];
        List<Double> at = new ArrayList<>();
        List<Double> ap = new ArrayList<>();
        List<String> aTitles = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            t[i] = (double) e.dates().get(i).toEpochDay() * DAY;
            if (e.alert()[i]) {
                at.add(t[i]);
                ap.add(e.probability()[i]);
                aTitles.add(lang.t("alerte le ", "alert on ") + e.dates().get(i) + " : " + lang.percent(e.probability()[i]));
            }
        }
        double[] evFrom = arr(xt);
        double[] evTo = new double[evFrom.length];
        for (int i = 0; i < evFrom.length; i++) {
            evTo[i] = evFrom[i] + DAY;
        }
        TimeChart prob = new TimeChart(lang.t("Probabilité de dépassement", "Exceedance probability"), Reports.WIDTH,
                240, ZoneOffset.UTC, lang).xRange(from * DAY, to * DAY).yRange(0, 1)
                .spans("exceedance", evFrom, evTo, "#f4b6bb", xTitles)
                .line("series", Reports.BLUE, t, e.probability())
                .threshold(e.alertProbability(), lang.t("niveau d'alerte", "alert level"))
                .markers("alert", Reports.ORANGE, arr(at), arr(ap), aTitles, 3);
        page.chart(lang.t("Probabilité et alertes", "Probability and alerts"),
                List.of(new String[] {Reports.BLUE, lang.t("probabilité", "probability")},
                        new String[] {Reports.ORANGE, lang.t("alerte", "alert")},
                        new String[] {"#f4b6bb", lang.t("jour de dépassement observé",
                                "day with an observed exceedance")}),
                prob.render(), "");

        page.h2(lang.t("Délais d'anticipation", "Lead times"));
        List<List<String>> rows = new ArrayList<>();
        Set<Long> alertDays = new java.util.HashSet<>();
        for (int i = 0; i < n; i++) {
            if (e.alert()[i]) {
                alertDays.add(e.dates().get(i).toEpochDay());
            }
        }
        long first = e.dates().get(0).toEpochDay();
        long last = e.dates().get(n - 1).toEpochDay();
        for (long d = first + 1; d <= last + 1; d++) {
            Double v = y.get(d);
            Double prev = y.get(d - 1);
            if (v != null && v > e.threshold() && !(prev != null && prev > e.threshold())) {
                int lead = 0;
                for (int l = e.horizon(); l >= 1; l--) {
                    if (alertDays.contains(d - l)) {
                        lead = l;
                        break;
                    }
                }
                rows.add(List.of(LocalDate.ofEpochDay(d).toString(), lang.num(v, 3),
                        lead > 0 ? lead + lang.t(" j", " d") : lang.t("manqué", "missed")));
            }
        }
        page.tableOr(List.of(lang.t("début de l'épisode", "episode start"), lang.t("niveau", "level"),
                lang.t("première alerte avant", "first alert ahead")), rows, Set.of(1, 2),
                lang.t("Aucun épisode de dépassement observé après la date de coupure.",
                        "No exceedance episode observed after the cut-off date."));

        page.h2(lang.t("Qualité mesurée", "Measured quality"));
        List<List<String>> mrows = new ArrayList<>();
        for (ModelCard.Metric m : test) {
            mrows.add(List.of(lang.t("test", "test"), page.text(m.name()), lang.num(m.value(), 4)));
        }
        for (ModelCard.Metric m : e.validation()) {
            mrows.add(List.of(lang.t("validation", "validation"), page.text(m.name()), lang.num(m.value(), 4)));
        }
        page.tableOr(List.of(lang.t("période", "period"), lang.t("mesure", "metric"), lang.t("valeur", "value")),
                mrows, Set.of(2), lang.t("Aucune mesure.", "No measure."));
        if (test.isEmpty()) {
            page.note(lang.t("La période prévue n'a pas d'observations avec un dépassement : pas de courbe de"
                    + " fiabilité ni de précision-rappel.", "The forecast period has no observations with an"
                    + " exceedance: no reliability diagram or precision-recall curve."));
            return page.render();
        }
        List<BinaryMetrics.ReliabilityBin> bins = BinaryMetrics.reliability(k.actual(), k.p(), 10);
        double[] bx = new double[bins.size()];
        double[] by = new double[bins.size()];
        for (int i = 0; i < bins.size(); i++) {
            bx[i] = bins.get(i).count() == 0 ? Double.NaN : bins.get(i).meanPredicted();
            by[i] = bins.get(i).count() == 0 ? Double.NaN : bins.get(i).observedFrequency();
        }
        page.h3(lang.t("Fiabilité des probabilités (période de test)", "Reliability of the probabilities (test period)"));
        page.figure(new XyChart(lang.t("Diagramme de fiabilité", "Reliability diagram"), 420, 360, lang,
                lang.t("probabilité prévue", "forecast probability"), lang.t("fréquence observée", "observed frequency"))
                .diagonal().curve("reliability", Reports.BLUE, bx, by, true, "").render(),
                lang.t("Un modèle fiable suit la diagonale : parmi les jours annoncés à 30 %, 30 % sont suivis d'un"
                        + " dépassement.", "A reliable model follows the diagonal: of the days forecast at 30%, 30%"
                        + " are followed by an exceedance."));
        double[][] pm = pr(k.actual(), k.p());
        double[][] pp = pr(k.actual(), k.today());
        page.h3(lang.t("Précision et rappel face à la persistance", "Precision and recall against persistence"));
        page.legend(List.of(new String[] {Reports.BLUE, lang.t("modèle", "model") + " (AP " + lang.num(test.get(0).value(), 3)
                + ")"}, new String[] {Reports.GREY, lang.t("persistance (niveau du jour)", "persistence (today's level)")
                        + " (AP " + lang.num(test.get(1).value(), 3) + ")"}));
        page.figure(new XyChart(lang.t("Courbes précision-rappel", "Precision-recall curves"), 420, 360, lang,
                lang.t("rappel", "recall"), lang.t("précision", "precision"))
                .curve("pr-persistence", Reports.GREY, pp[0], pp[1], false, "5 3")
                .curve("pr-model", Reports.BLUE, pm[0], pm[1], false, "").render(), "");
        return page.render();
    }

    /** Precision-recall curve (recall, precision), at most about 300 points. */
    static double[][] pr(boolean[] actual, double[] score) {
        int n = actual.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
        int positives = 0;
        for (boolean a : actual) {
            positives += a ? 1 : 0;
        }
        List<Double> rx = new ArrayList<>();
        List<Double> py = new ArrayList<>();
        int tp = 0;
        int step = Math.max(1, n / 300);
        for (int k = 0; k < n; k++) {
            tp += actual[order[k]] ? 1 : 0;
            boolean tieNext = k + 1 < n && score[order[k + 1]] == score[order[k]];
            if (!tieNext && (k % step == 0 || k == n - 1 || actual[order[k]])) {
                rx.add(positives == 0 ? 0 : tp / (double) positives);
                py.add(tp / (double) (k + 1));
            }
        }
        return new double[][] {arr(rx), arr(py)};
    }

    /**
     * What {@code forecast} produced: one row per issue date and horizon.
     *
     * @param source name of the input file
     * @param horizon largest horizon, days
     * @param coverage nominal coverage of the intervals, e.g. 0.9
     * @param issue issue date of each row
     * @param step horizon of each row, days
     * @param forecast point forecast of each row
     * @param lower lower interval bound of each row
     * @param upper upper interval bound of each row
     * @param observed observed series
     */
    public record Levels(String source, int horizon, double coverage, List<LocalDate> issue, int[] step,
            double[] forecast, double[] lower, double[] upper, Observed observed) {

        /**
         * Checks the lengths.
         *
         * @param source source
         * @param horizon horizon
         * @param coverage coverage
         * @param issue issue dates
         * @param step horizons
         * @param forecast forecasts
         * @param lower lower bounds
         * @param upper upper bounds
         * @param observed observed series
         * @throws IllegalArgumentException when the lengths differ
         */
        public Levels {
            issue = List.copyOf(issue);
            Objects.requireNonNull(observed, "observed");
            int n = issue.size();
            if (step.length != n || forecast.length != n || lower.length != n || upper.length != n) {
                throw new IllegalArgumentException("every column must have " + n + " rows");
            }
        }
    }

    /**
     * The report of {@code forecast}: for the first and last horizons, the forecasts of each target
     * date with their interval beside the observations, and per horizon the mean absolute error,
     * the interval coverage and persistence's error where the targets are observed.
     *
     * @param l the forecasts and observations
     * @param lang language of the page
     * @return the HTML page
     * @throws NullPointerException when an argument is null
     */
    public static String levels(Levels l, Lang lang) {
        Page page = new Page(lang.t("Prévision de niveau : ", "Level forecast: ") + l.source(), lang);
        String cov = lang.percent(l.coverage());
        page.lead(lang.t("Valeurs prévues de 1 à " + l.horizon() + " jours à l'avance, avec leur intervalle à " + cov
                + ", à côté des valeurs observées.", "Values forecast 1 to " + l.horizon() + " days ahead, with their "
                + cov + " interval, beside the observed values."));
        int n = l.issue().size();
        if (n == 0) {
            return page.render();
        }
        List<List<String>> rows = new ArrayList<>();
        long firstTarget = Long.MAX_VALUE;
        long lastTarget = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            long target = l.issue().get(i).toEpochDay() + l.step()[i];
            firstTarget = Math.min(firstTarget, target);
            lastTarget = Math.max(lastTarget, target);
        }
        for (int h : l.horizon() == 1 ? new int[] {1} : new int[] {1, l.horizon()}) {
            List<Double> t = new ArrayList<>();
            List<Double> f = new ArrayList<>();
            List<Double> lo = new ArrayList<>();
            List<Double> hi = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (l.step()[i] != h) {
                    continue;
                }
                t.add((double) (l.issue().get(i).toEpochDay() + h) * DAY);
                f.add(l.forecast()[i]);
                lo.add(l.lower()[i]);
                hi.add(l.upper()[i]);
            }
            double[][] seen = l.observed().window(firstTarget, lastTarget);
            TimeChart c = new TimeChart(lang.t("Prévision à ", "Forecast ") + h + lang.t(" j", " d"), Reports.WIDTH, 260,
                    ZoneOffset.UTC, lang).xRange(firstTarget * DAY, lastTarget * DAY)
                    .band(arr(t), arr(lo), arr(hi)).line("series forecast", Reports.ORANGE, arr(t), arr(f))
                    .line("series observed", Reports.BLUE, seen[0], seen[1]);
            page.chart(lang.t("Horizon " + h + (h == 1 ? " jour" : " jours"), "Horizon " + h + (h == 1 ? " day" : " days")),
                    List.of(new String[] {Reports.ORANGE, lang.t("prévision", "forecast")},
                            new String[] {"#c9d3f5", lang.t("intervalle à ", "interval ") + cov},
                            new String[] {Reports.BLUE, lang.t("observé", "observed")}),
                    c.render(), lang.t("Chaque point est placé à la date visée.", "Each point is placed at its"
                            + " target date."));
        }
        for (HorizonErrors e : errors(l)) {
            rows.add(List.of(Integer.toString(e.horizon()), Integer.toString(e.count()), lang.num(e.mae(), 4),
                    lang.num(e.persistenceMae(), 4), lang.percent(e.coverage())));
        }
        page.h2(lang.t("Qualité mesurée sur la période prévue", "Measured quality over the forecast period"));
        page.tableOr(List.of(lang.t("horizon (j)", "horizon (d)"), lang.t("prévisions", "forecasts"),
                lang.t("erreur absolue moyenne", "mean absolute error"),
                lang.t("idem, persistance", "same, persistence"),
                lang.t("couverture de l'intervalle", "interval coverage") + " (" + cov + lang.t(" visé)", " aimed)")),
                rows, Set.of(0, 1, 2, 3, 4),
                lang.t("Les dates visées ne sont pas encore observées.", "The target dates are not observed yet."));
        return page.render();
    }

    /** Errors at one horizon over the forecasts whose target and issue-day values are observed. */
    record HorizonErrors(int horizon, int count, double mae, double persistenceMae, double coverage) {
    }

    /** The errors of each horizon with at least one observed target, by horizon. */
    static List<HorizonErrors> errors(Levels l) {
        Map<Long, Double> y = l.observed().byDay();
        List<HorizonErrors> out = new ArrayList<>();
        for (int h = 1; h <= l.horizon(); h++) {
            double absErr = 0;
            double persErr = 0;
            int count = 0;
            int inside = 0;
            for (int i = 0; i < l.issue().size(); i++) {
                if (l.step()[i] != h) {
                    continue;
                }
                long issue = l.issue().get(i).toEpochDay();
                Double obs = y.get(issue + h);
                Double today = y.get(issue);
                if (obs != null && today != null) {
                    count++;
                    absErr += Math.abs(obs - l.forecast()[i]);
                    persErr += Math.abs(obs - today);
                    inside += obs >= l.lower()[i] && obs <= l.upper()[i] ? 1 : 0;
                }
            }
            if (count > 0) {
                out.add(new HorizonErrors(h, count, absErr / count, persErr / count, inside / (double) count));
            }
        }
        return out;
    }

    /**
     * Metrics of level forecasts on the dates whose target is observed (the test period), per
     * horizon: mean absolute error, that of persistence (today's value), and the share of
     * observations inside their interval. Empty when no target is observed.
     *
     * @param l the forecasts and observations
     * @return three metrics per horizon with an observed target
     * @throws NullPointerException when {@code l} is null
     */
    public static List<ModelCard.Metric> testMetrics(Levels l) {
        List<ModelCard.Metric> out = new ArrayList<>();
        for (HorizonErrors e : errors(l)) {
            String on = " over the " + e.count() + " forecasts at horizon " + e.horizon() + " whose target is observed";
            out.add(ModelCard.Metric.of("test MAE, horizon " + e.horizon(), e.mae(), "mean absolute error" + on));
            out.add(ModelCard.Metric.of("test MAE of persistence, horizon " + e.horizon(), e.persistenceMae(),
                    "the same with today's value as the forecast (the baseline)" + on));
            out.add(ModelCard.Metric.of("test interval coverage, horizon " + e.horizon(), e.coverage(),
                    "share of observations inside their " + Math.round(100 * l.coverage()) + " % interval" + on));
        }
        return out;
    }

    static double[] arr(List<Double> xs) {
        double[] out = new double[xs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = xs.get(i);
        }
        return out;
    }

    /**
     * The observed series of a daily time series read by the forecasting commands (UTC dates).
     *
     * @param s the series
     * @return its dates and values
     * @throws NullPointerException when {@code s} is null
     */
    public static Observed of(fr.territoires.ia.core.TimeSeries s) {
        List<LocalDate> d = new ArrayList<>(s.size());
        double[] v = new double[s.size()];
        for (int i = 0; i < s.size(); i++) {
            d.add(LocalDate.ofInstant(s.timestamp(i), ZoneOffset.UTC));
            v[i] = s.value(i);
        }
        return new Observed(d, v);
    }
}
