package fr.territoires.ia.forecasting;

import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.core.metrics.BinaryMetrics;
import fr.territoires.ia.core.TimeSeries;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A third design study for {@link ExceedanceForecaster}, on training years only (run with
 * {@code -Dstudy=true}): would a <i>distributional</i> candidate, which learns from the level
 * reached on every date rather than from the rare exceedances alone, rank dates better than the
 * logistic regression? Its protocol was written and committed before it was run:
 * <ul>
 *   <li>data: as {@link FeatureDesignStudy} (the Garonne at Pont-Neuf, 2500 mm within 3 days,
 *       training up to 2004; the ten PM10 stations of {@link Pm10ExceedanceTest} and all 47,
 *       above 50 µg/m³ tomorrow, training up to 2006); no test year is read;</li>
 *   <li>candidate: a ridge least-squares regression (penalty {@code ½‖w‖²} on half the sum of
 *       squared errors, scikit-learn's {@code Ridge()} default {@code alpha = 1}, intercept not
 *       penalised) on the same standardised design as the logistic regression (same features,
 *       same imputation and missing indicators), of the target {@code m}: the maximum over the
 *       next {@code h} days of the series' scaled values (the days present; the rows are those
 *       whose outcome is known, as for the other candidates). Its score is {@code m̂ - τ}, the
 *       predicted maximum minus the threshold on the series' scale: with Gaussian errors of one
 *       spread the probability of exceedance is increasing in that score, and the calibration
 *       that follows in the forecaster makes it a probability;</li>
 *   <li>figure: over the yearly origins of {@link RollingOrigin}, each candidate's mean average
 *       precision over persistence's, per data set; a candidate's score is the geometric mean
 *       over the three data sets; each origin puts the series on the scale of their values
 *       before it, as the forecaster's origins do (see {@link RollingOrigin});</li>
 *   <li>choice: the distributional candidate joins the forecaster only if its score is at least
 *       1 % higher than the logistic regression's <i>and</i> it is the higher of the two on at
 *       least two of the three data sets. Otherwise it is not added, and the study stays as the
 *       record of why.</li>
 * </ul>
 */
@EnabledIfSystemProperty(named = "study", matches = "true")
class DistributionalCandidateStudy {

    @Test
    void study() {
        TimeSeries garonne = ForecastingData.garonne("O200004001");
        List<TimeSeries> ten = ForecastingData.pm10(Pm10ExceedanceTest.STATIONS);
        List<TimeSeries> all = ForecastingData.pm10(ForecastingData.pm10Stations());
        double[] g = ratios(List.of(garonne), LocalDate.of(2004, 12, 31),
                ExceedanceForecaster.Options.defaults(2500, 3));
        double[] p10 = ratios(ten, Pm10ExceedanceTest.TRAIN_UNTIL, Pm10ExceedanceTest.options(ten));
        double[] p47 = ratios(all, Pm10ExceedanceTest.TRAIN_UNTIL, Pm10ExceedanceTest.options(all));
        double logistic = Math.cbrt(g[0] * p10[0] * p47[0]);
        double distributional = Math.cbrt(g[1] * p10[1] * p47[1]);
        int better = (g[1] > g[0] ? 1 : 0) + (p10[1] > p10[0] ? 1 : 0) + (p47[1] > p47[0] ? 1 : 0);
        boolean join = distributional >= 1.01 * logistic && better >= 2;
        System.out.printf("distributional study: garonne logistic %.3f distributional %.3f; pm10x10 %.3f %.3f;"
                + " pm10x47 %.3f %.3f; score logistic %.4f distributional %.4f; better on %d of 3; join: %s%n",
                g[0], g[1], p10[0], p10[1], p47[0], p47[1], logistic, distributional, better, join);
        assertTrue(logistic > 0 && distributional > 0);
    }

    /** {logistic, distributional} mean AP over the origins, each over persistence's. */
    private static double[] ratios(List<TimeSeries> network, LocalDate trainUntil,
            ExceedanceForecaster.Options options) {
        long last = trainUntil.toEpochDay();
        int h = options.horizon();
        double sumP = 0;
        double sumL = 0;
        double sumD = 0;
        int scored = 0;
        for (int year = trainUntil.getYear() - options.validationYears() + 1;
                year <= trainUntil.getYear(); year++) {
            long start = LocalDate.of(year, 1, 1).toEpochDay();
            long end = Math.min(LocalDate.of(year, 12, 31).toEpochDay(), last - h);
            // As the forecaster's origins: each series on the scale of its values before the origin.
            NetworkFeatures nf = new NetworkFeatures(network, List.of(), options.features(), h,
                    options.threshold(), start - 1, last, network.size() > 1, ExceedanceForecaster.SCALING,
                    ExceedanceForecaster.GAPS, java.util.Map.of());
            int tau = nf.names().indexOf("to_threshold");
            List<double[]> x = new ArrayList<>();
            List<Boolean> y = new ArrayList<>();
            List<Double> m = new ArrayList<>();
            List<Double> pers = new ArrayList<>();
            List<Long> days = new ArrayList<>();
            double[] buf = new double[nf.names().size()];
            for (int k = 0; k < nf.seriesCount(); k++) {
                DailyGrid grid = nf.grid(k);
                if (grid.isEmpty()) {
                    continue;
                }
                for (long d = grid.firstDay(); d <= Math.min(end, grid.lastDay()); d++) {
                    double lab = ExceedanceRows.label(grid, d, h, options.threshold());
                    if (Double.isNaN(lab) || !nf.row(k, d, buf)) {
                        continue;
                    }
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 1; j <= h; j++) {
                        double v = nf.scaledValue(k, d + j);
                        if (!Double.isNaN(v)) {
                            max = Math.max(max, v);
                        }
                    }
                    x.add(buf.clone());
                    y.add(lab > 0.5);
                    m.add(max);
                    pers.add(nf.latest(k, d));
                    days.add(d);
                }
            }
            List<Integer> tr = new ArrayList<>();
            List<Integer> te = new ArrayList<>();
            for (int i = 0; i < days.size(); i++) {
                if (days.get(i) <= start - 1 - h) {
                    tr.add(i);
                } else if (days.get(i) >= start) {
                    te.add(i);
                }
            }
            boolean[] ytr = new boolean[tr.size()];
            double[][] xtr = new double[tr.size()][];
            double[] mtr = new double[tr.size()];
            for (int i = 0; i < tr.size(); i++) {
                ytr[i] = y.get(tr.get(i));
                xtr[i] = x.get(tr.get(i));
                mtr[i] = m.get(tr.get(i));
            }
            boolean[] yte = new boolean[te.size()];
            for (int i = 0; i < te.size(); i++) {
                yte[i] = y.get(te.get(i));
            }
            if (!both(ytr) || !both(yte)) {
                continue;
            }
            RidgeLogistic logistic = RidgeLogistic.fit(xtr, ytr);
            double[][] ztr = new double[xtr.length][];
            for (int i = 0; i < xtr.length; i++) {
                ztr[i] = logistic.design(xtr[i]);
            }
            double[] beta = ridge(ztr, mtr);
            double[] sp = new double[te.size()];
            double[] sl = new double[te.size()];
            double[] sd = new double[te.size()];
            for (int i = 0; i < te.size(); i++) {
                double[] row = x.get(te.get(i));
                sp[i] = pers.get(te.get(i));
                sl[i] = logistic.logOdds(row);
                double[] z = logistic.design(row);
                double fit = beta[z.length];
                for (int j = 0; j < z.length; j++) {
                    fit += beta[j] * z[j];
                }
                sd[i] = fit - row[tau];
            }
            sumP += BinaryMetrics.averagePrecision(yte, sp);
            sumL += BinaryMetrics.averagePrecision(yte, sl);
            sumD += BinaryMetrics.averagePrecision(yte, sd);
            scored++;
        }
        System.out.printf("  %d series, %d origins scored: persistence %.4f logistic %.4f distributional %.4f%n",
                network.size(), scored, sumP / scored, sumL / scored, sumD / scored);
        return new double[] {sumL / sumP, sumD / sumP};
    }

    private static boolean both(boolean[] y) {
        int p = 0;
        for (boolean b : y) {
            p += b ? 1 : 0;
        }
        return p > 0 && p < y.length;
    }

    /** Ridge least squares on a design whose columns have training mean 0: weights, then intercept. */
    private static double[] ridge(double[][] z, double[] t) {
        int n = z.length;
        int q = z[0].length;
        double mean = 0;
        for (double v : t) {
            mean += v / n;
        }
        double[][] a = new double[q][q];
        double[] b = new double[q];
        for (int i = 0; i < n; i++) {
            double r = t[i] - mean;
            for (int j = 0; j < q; j++) {
                b[j] += z[i][j] * r;
                for (int l = 0; l <= j; l++) {
                    a[j][l] += z[i][j] * z[i][l];
                }
            }
        }
        for (int j = 0; j < q; j++) {
            a[j][j] += 1.0;
            for (int l = 0; l < j; l++) {
                a[l][j] = a[j][l];
            }
        }
        double[] w = RidgeLogistic.solve(a, b);
        double[] out = java.util.Arrays.copyOf(w, q + 1);
        out[q] = mean;
        return out;
    }
}
