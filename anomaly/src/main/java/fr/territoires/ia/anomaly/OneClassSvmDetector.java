package fr.territoires.ia.anomaly;

import fr.territoires.ia.core.MultivariateTimeSeries;
import fr.territoires.ia.core.metrics.Quantiles;
import fr.territoires.ia.core.fast.LinearPredictor;
import fr.territoires.ia.core.trust.ModelCard;
import fr.territoires.ia.core.tribuo.TribuoModels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.anomaly.AnomalyFactory;
import org.tribuo.anomaly.Event;
import org.tribuo.anomaly.liblinear.LibLinearAnomalyTrainer;
import org.tribuo.anomaly.liblinear.LinearAnomalyType;
import org.tribuo.common.liblinear.LibLinearModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Linear one-class support vector machine over engineered deviation features of aligned sensor
 * columns, trained with Tribuo's LIBLINEAR wrapper.
 *
 * <p>Method: B. Schölkopf, J. C. Platt, J. Shawe-Taylor, A. J. Smola and R. C. Williamson,
 * "Estimating the Support of a High-Dimensional Distribution", Neural Computation 13(7), 2001,
 * doi:10.1162/089976601750264965, solved by LIBLINEAR (R.-E. Fan, K.-W. Chang, C.-J. Hsieh,
 * X.-R. Wang and C.-J. Lin, "LIBLINEAR: A Library for Large Linear Classification", JMLR 9, 2008)
 * through {@code org.tribuo.anomaly.liblinear.LibLinearAnomalyTrainer} (type ONECLASS_SVM, cost 1,
 * termination 0.01, at most 1000 iterations). The model is linear: it learns weights w and an
 * offset ρ so that most training rows have w·φ(x) ≥ ρ, separating them from the origin of
 * feature space with the widest margin, at most a fraction {@link Options#nu()} of rows on the
 * wrong side.
 *
 * <p>Features: raw values would make a linear boundary meaningless, so each column is first
 * robust-standardised (training median and scale, as in {@link IsolationForestDetector}), then
 * turned into deviations: per column, the absolute robust z-score a = |z| and its square. The
 * one-class machine treats the origin of feature space as the anomaly and every weight vector it
 * can learn is a non-negative mix of training rows, so a deviation fed as it is would rank the
 * largest deviations as the most normal (measured on SKAB: F1 0.06 at 20 % false alarms). Each
 * deviation therefore enters as headroom below a ceiling of H = 4σ: 1 - a / H and
 * 1 - a² / H², close to 1 for usual rows, 0 at 4σ and negative beyond, so the decision value
 * falls without bound as a column drifts away. With {@link Options#changes()}, the change of z
 * since the previous row adds 1 - |Δz| / H per column (Δz = 0 for the first row). Bounded
 * similarities such as 1 / (1 + a) or exp(-z²/2) were tried and rejected: a single extreme
 * column could not outweigh moderate deviations in several others.
 *
 * <p>Score: with the decision value d = w·φ(x) - ρ (positive on the normal side) and s the robust
 * spread of d over the training rows (1.4826 times its MAD; mean absolute deviation or 1 as
 * fallbacks), the score is the logistic 1 / (1 + exp(d / s)), in {@code [0, 1]}, 0.5 on the
 * machine's boundary, decreasing in d (strictly until it rounds to 0 or 1 for |d| beyond about
 * 37 s). Alarm rule, as for the forest: a row raises an
 * alarm when its score is strictly above the {@link Options#alarmQuantile()} quantile of the
 * training scores. Columns are ranked by robust z-score (see {@link ColumnContribution}); missing
 * cells are replaced by the training median and reported.
 *
 * <p>Scoring does not call Tribuo: the weights and offset of the trained machine are copied once
 * into a {@link LinearPredictor}, which sums the terms in LIBLINEAR's order (features by Tribuo id,
 * Tribuo's bias feature of value 1, then {@code - ρ}), so the decision values are the same to the
 * last bit, without building a Tribuo example per row.
 *
 * <p>Edge cases: training needs at least two rows; scoring an empty series returns empty scores.
 * LIBLINEAR's one-class solver is deterministic for given data (Tribuo resets its generator), so
 * the same data give the same model. No Tribuo type appears in this class's API.
 *
 * <pre>{@code
 * OneClassSvmDetector svm = OneClassSvmDetector.fit(normalWeek, OneClassSvmDetector.Options.defaults());
 * MultivariateScores scores = svm.score(today);
 * }</pre>
 *
 * <p>Instances are immutable and safe for concurrent use.
 *
 * @since 0.1.0
 */
public final class OneClassSvmDetector implements MultivariateDetector {

    private static final AnomalyFactory FACTORY = new AnomalyFactory();
    private static final double COST = 1.0;
    private static final int MAX_ITERATIONS = 1000;
    private static final double TERMINATION = 0.01;
    /** Ceiling H of the deviation features, in robust σ. */
    private static final double HEADROOM = 4.0;
    /** Name of the constant cell carrying Tribuo's bias feature; every engineered name contains a "|". */
    private static final String BIAS = "#bias";

    /**
     * Options of the one-class SVM.
     *
     * @param nu upper bound on the fraction of training rows outside the boundary, in
     *     {@code (0, 1]} (default 0.5, LIBLINEAR's and Tribuo's)
     * @param alarmQuantile quantile of the training scores above which a row raises an alarm, in
     *     {@code (0, 1]} (default 0.99)
     * @param changes whether to add, per column, the headroom of the change since the previous
     *     row (default {@code false})
     * @since 0.1.0
     */
    public record Options(double nu, double alarmQuantile, boolean changes) {

        /**
         * Validates the options.
         *
         * @param nu fraction bound, in {@code (0, 1]}
         * @param alarmQuantile alarm quantile, in {@code (0, 1]}
         * @param changes whether to add change features
         * @throws IllegalArgumentException when a value is out of range
         */
        public Options {
            if (!(nu > 0.0 && nu <= 1.0)) {
                throw new IllegalArgumentException("nu must be in (0, 1], was " + nu);
            }
            if (!(alarmQuantile > 0.0 && alarmQuantile <= 1.0)) {
                throw new IllegalArgumentException("alarmQuantile must be in (0, 1], was " + alarmQuantile);
            }
        }

        /**
         * Returns the defaults: nu 0.5, alarm above the 0.99 quantile of training scores, no change
         * features.
         *
         * @return the default options
         */
        public static Options defaults() {
            return new Options(0.5, 0.99, false);
        }

        /**
         * Returns these options with another nu.
         *
         * @param newNu fraction bound, in {@code (0, 1]}
         * @return new options
         * @throws IllegalArgumentException when it is out of range
         */
        public Options withNu(double newNu) {
            return new Options(newNu, alarmQuantile, changes);
        }

        /**
         * Returns these options with another alarm quantile.
         *
         * @param newAlarmQuantile quantile of training scores, in {@code (0, 1]}
         * @return new options
         * @throws IllegalArgumentException when it is out of range
         */
        public Options withAlarmQuantile(double newAlarmQuantile) {
            return new Options(nu, newAlarmQuantile, changes);
        }

        /**
         * Returns these options with or without the change features.
         *
         * @param newChanges whether to add change features
         * @return new options
         */
        public Options withChanges(boolean newChanges) {
            return new Options(nu, alarmQuantile, newChanges);
        }
    }

    private final Options options;
    private final RobustScaler scaler;
    private final LinearPredictor predictor;
    private final double spread;
    private final double threshold;
    private final ModelCard card;

    private OneClassSvmDetector(Options options, RobustScaler scaler, LinearPredictor predictor,
            double spread, double threshold, ModelCard card) {
        this.options = options;
        this.scaler = scaler;
        this.predictor = predictor;
        this.spread = spread;
        this.threshold = threshold;
        this.card = card;
    }

    /**
     * Fits the one-class SVM on training rows, assumed mostly normal.
     *
     * @param train training rows, at least two; missing cells allowed
     * @param options options
     * @return the fitted detector
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when {@code train} has fewer than two rows
     */
    public static OneClassSvmDetector fit(MultivariateTimeSeries train, Options options) {
        MultivariateSupport.checkTrain(train);
        Objects.requireNonNull(options, "options");
        RobustScaler scaler = RobustScaler.fit(train);
        int n = train.size();
        int p = scaler.columnCount();
        String[] names = featureNames(scaler.columns(), options.changes());
        double[] z = scaler.standardise(train, new boolean[n * p]);
        double[][] features = features(z, n, p, options.changes());
        MutableDataset<Event> data = new MutableDataset<>(
                new SimpleDataSourceProvenance("robust deviation features of " + train.name(), FACTORY), FACTORY);
        for (double[] f : features) {
            data.add(new ArrayExample<>(AnomalyFactory.EXPECTED_EVENT, names, f));
        }
        LibLinearAnomalyTrainer trainer = new LibLinearAnomalyTrainer(
                new LinearAnomalyType(LinearAnomalyType.LinearType.ONECLASS_SVM), COST, MAX_ITERATIONS, TERMINATION,
                options.nu());
        Model<Event> model = trainer.train(data);
        LinearPredictor predictor = predictor(model, names);
        double[] d = decisions(predictor, z, n, p, options.changes());
        double spread = spread(d);
        double[] trainScores = new double[n];
        for (int i = 0; i < n; i++) {
            trainScores[i] = logistic(d[i], spread);
        }
        double threshold = Quantiles.of(trainScores, options.alarmQuantile());
        ModelCard card = card(train, scaler, options, model, spread, threshold);
        return new OneClassSvmDetector(options, scaler, predictor, spread, threshold, card);
    }

    @Override
    public MultivariateScores score(MultivariateTimeSeries series) {
        Objects.requireNonNull(series, "series");
        scaler.checkColumns(series);
        int n = series.size();
        int p = scaler.columnCount();
        boolean[] missing = new boolean[n * p];
        double[] z = scaler.standardise(series, missing);
        double[] d = decisions(predictor, z, n, p, options.changes());
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            scores[i] = logistic(d[i], spread);
        }
        return new MultivariateScores(scaler.columns(), scores, MultivariateSupport.alarms(scores, threshold), z,
                missing);
    }

    /**
     * Returns the options used to fit the machine.
     *
     * @return the options
     */
    public Options options() {
        return options;
    }

    @Override
    public List<String> columns() {
        return scaler.columns();
    }

    @Override
    public double threshold() {
        return threshold;
    }

    @Override
    public ModelCard card() {
        return card;
    }

    private static String[] featureNames(List<String> columns, boolean changes) {
        List<String> names = new ArrayList<>();
        for (String c : columns) {
            names.add(c + "|abs-headroom");
            names.add(c + "|square-headroom");
            if (changes) {
                names.add(c + "|change-headroom");
            }
        }
        return names.toArray(new String[0]);
    }

    /** One feature vector per row, in the order of {@link #featureNames}. */
    private static double[][] features(double[] z, int n, int p, boolean changes) {
        int per = changes ? 3 : 2;
        double[][] out = new double[n][p * per];
        for (int r = 0; r < n; r++) {
            fill(z, r, p, changes, out[r]);
        }
        return out;
    }

    /** Writes the features of row {@code r} at the start of {@code out}. */
    private static void fill(double[] z, int r, int p, boolean changes, double[] out) {
        int per = changes ? 3 : 2;
        for (int c = 0; c < p; c++) {
            double v = z[r * p + c];
            double a = Math.abs(v);
            out[c * per] = 1.0 - a / HEADROOM;
            out[c * per + 1] = 1.0 - a * a / (HEADROOM * HEADROOM);
            if (changes) {
                double dz = r == 0 ? 0.0 : Math.abs(v - z[(r - 1) * p + c]);
                out[c * per + 2] = 1.0 - dz / HEADROOM;
            }
        }
    }

    /**
     * Copies the machine's weights into a linear predictor over the feature names plus a constant
     * bias cell (last): Tribuo appends a bias feature of value 1 after the features, in feature-id
     * order, and LIBLINEAR subtracts ρ last.
     */
    private static LinearPredictor predictor(Model<Event> model, String[] names) {
        if (!(model instanceof LibLinearModel)) {
            throw new IllegalStateException("LibLinearAnomalyTrainer must return a LibLinearModel, was "
                    + model.getClass().getName());
        }
        de.bwaldvogel.liblinear.Model inner = ((LibLinearModel<Event>) model).getInnerModels().get(0);
        ImmutableFeatureMap map = model.getFeatureIDMap();
        List<String> byId = new ArrayList<>(map.size() + 1);
        for (int i = 0; i < map.size(); i++) {
            byId.add(map.get(i).getName());
        }
        byId.add(BIAS);
        List<String> columns = new ArrayList<>(List.of(names));
        columns.add(BIAS);
        double[] w = inner.getFeatureWeights();
        if (w.length != byId.size()) {
            throw new IllegalStateException("LIBLINEAR weights must be " + byId.size() + " long (features and bias), was "
                    + w.length);
        }
        return LinearPredictor.of(columns, byId, new double[][] {w}, new double[] {-inner.getDecfunRho()},
                LinearPredictor.Link.IDENTITY);
    }

    /** Decision values w·φ(x) - ρ, positive on the normal side. */
    private static double[] decisions(LinearPredictor predictor, double[] z, int n, int p, boolean changes) {
        double[] d = new double[n];
        double[] row = new double[predictor.columnCount()];
        row[row.length - 1] = 1.0;
        for (int r = 0; r < n; r++) {
            fill(z, r, p, changes, row);
            d[r] = predictor.predict(row, 0);
        }
        return d;
    }

    private static double spread(double[] d) {
        double[] buf = d.clone();
        double med = RobustScaler.median(buf, buf.length);
        double meanAbs = 0.0;
        for (int i = 0; i < buf.length; i++) {
            buf[i] = Math.abs(d[i] - med);
            meanAbs += buf[i];
        }
        double s = RobustScaler.MAD_TO_SIGMA * RobustScaler.median(buf, buf.length);
        if (!(s > 0)) {
            s = RobustScaler.MEAN_ABS_TO_SIGMA * meanAbs / buf.length;
        }
        return s > 0 && Double.isFinite(s) ? s : 1.0;
    }

    private static double logistic(double d, double spread) {
        return 1.0 / (1.0 + Math.exp(d / spread));
    }

    private static ModelCard card(MultivariateTimeSeries train, RobustScaler scaler, Options options,
            Model<Event> model, double spread, double threshold) {
        Map<String, String> opts = new LinkedHashMap<>();
        opts.put("nu", Double.toString(options.nu()));
        opts.put("alarmQuantile", Double.toString(options.alarmQuantile()));
        opts.put("changes", Boolean.toString(options.changes()));
        opts.put("cost", Double.toString(COST));
        opts.put("maxIterations", Integer.toString(MAX_ITERATIONS));
        opts.put("terminationCriterion", Double.toString(TERMINATION));
        opts.put("featureHeadroom", Double.toString(HEADROOM));
        opts.put("decisionSpread", Double.toString(spread));
        opts.put("threshold", Double.toString(threshold));
        return ModelCard.builder("one-class-svm")
                .algorithm("Linear one-class SVM (Schölkopf et al., Neural Computation 2001, "
                        + "doi:10.1162/089976601750264965) by LIBLINEAR through Tribuo LibLinearAnomalyTrainer")
                .description("Scores each row of aligned sensor columns in [0, 1] (higher is more anomalous) from "
                        + "robust deviation features; alarm above the " + options.alarmQuantile()
                        + " quantile of training scores; columns ranked by robust z-score.")
                .options(opts)
                .provenance(TribuoModels.provenance(model))
                .dataDigest(RobustScaler.digest(train))
                .trainingData(MultivariateSupport.trainingData(train, scaler))
                .caveats(List.of(
                        "Linear model: it scores each column's deviation separately and misses broken "
                                + "relations between columns that each stay in range.",
                        "Trained on rows assumed normal: anomalies in the training rows raise the threshold.",
                        "Missing cells are replaced by the training median and reported."))
                .build();
    }
}
