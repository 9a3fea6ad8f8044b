package fr.territoires.ia.forecasting;

import fr.territoires.ia.core.fast.CompiledTrees;
import fr.territoires.ia.core.fast.LinearPredictor;
import fr.territoires.ia.core.tribuo.TribuoModels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.sgd.objectives.Huber;
import org.tribuo.regression.sgd.objectives.SquaredLoss;

/**
 * The Tribuo side of the module: builds datasets from standardised primitive matrices, trains
 * SGD linear models and XGBoost classifiers, and predicts in batch. Tribuo types stay here.
 *
 * <p>Instances are immutable and safe for concurrent use (XGBoost models predict through their
 * compiled trees; Tribuo's own prediction, kept as a reference, is serialised on the wrapper).
 */
final class TribuoFits {

    static final String POSITIVE = "1";
    static final String NEGATIVE = "0";

    private TribuoFits() {
    }

    /** Column standardisation fitted on training rows. */
    record Scaler(double[] mean, double[] sd) {

        static Scaler fit(double[][] x) {
            int p = x.length == 0 ? 0 : x[0].length;
            double[] mean = new double[p];
            double[] sd = new double[p];
            for (double[] r : x) {
                for (int j = 0; j < p; j++) {
                    mean[j] += r[j];
                }
            }
            for (int j = 0; j < p; j++) {
                mean[j] /= Math.max(1, x.length);
            }
            for (double[] r : x) {
                for (int j = 0; j < p; j++) {
                    double d = r[j] - mean[j];
                    sd[j] += d * d;
                }
            }
            for (int j = 0; j < p; j++) {
                sd[j] = Math.sqrt(sd[j] / Math.max(1, x.length - 1));
                if (!(sd[j] > 1e-12)) {
                    sd[j] = 1.0;
                }
            }
            return new Scaler(mean, sd);
        }

        double[] apply(double[] r) {
            double[] out = new double[r.length];
            for (int j = 0; j < r.length; j++) {
                out[j] = (r[j] - mean[j]) / sd[j];
            }
            return out;
        }
    }

    /** A fitted linear regression on standardised inputs and a standardised target. */
    static final class Regression {
        private final Model<Regressor> model;
        private final Scaler scaler;
        private final double yMean;
        private final double ySd;
        private final String[] names;

        private Regression(Model<Regressor> model, Scaler scaler, double yMean, double ySd,
                String[] names) {
            this.model = model;
            this.scaler = scaler;
            this.yMean = yMean;
            this.ySd = ySd;
            this.names = names;
        }

        double[] predict(double[][] x) {
            List<Example<Regressor>> ex = new ArrayList<>(x.length);
            for (double[] r : x) {
                ex.add(new ArrayExample<>(RegressionFactory.UNKNOWN_REGRESSOR, names,
                        scaler.apply(r)));
            }
            List<Prediction<Regressor>> preds = model.predict(ex);
            double[] out = new double[x.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = yMean + ySd * preds.get(i).getOutput().getValues()[0];
            }
            return out;
        }

        Map<String, String> provenance() {
            return TribuoModels.provenance(model);
        }
    }

    static String[] names(List<String> names) {
        return names.toArray(new String[0]);
    }

    static Regression linearRegression(double[][] x, double[] y, List<String> names,
            boolean huber, int epochs, long seed) {
        String[] n = names(names);
        Scaler scaler = Scaler.fit(x);
        double m = 0.0;
        for (double v : y) {
            m += v;
        }
        m /= Math.max(1, y.length);
        double s = 0.0;
        for (double v : y) {
            s += (v - m) * (v - m);
        }
        s = Math.sqrt(s / Math.max(1, y.length - 1));
        if (!(s > 1e-12)) {
            s = 1.0;
        }
        RegressionFactory factory = new RegressionFactory();
        MutableDataset<Regressor> data = new MutableDataset<>(
                new SimpleDataSourceProvenance("forecasting features", factory), factory);
        for (int i = 0; i < x.length; i++) {
            data.add(new ArrayExample<>(new Regressor("y", (y[i] - m) / s), n, scaler.apply(x[i])));
        }
        var trainer = new org.tribuo.regression.sgd.linear.LinearSGDTrainer(
                huber ? new Huber(1.0) : new SquaredLoss(), new AdaGrad(0.1, 0.1), epochs,
                Integer.MAX_VALUE, 1, seed);
        return new Regression(trainer.train(data), scaler, m, s, n);
    }

    /**
     * A fitted binary classifier returning the probability of the positive class. XGBoost
     * models are compiled once into {@link CompiledTrees} and predict in pure Java (equal to the
     * booster within 1e-6, thread-safe, no native matrix per call); logistic regressions predict
     * through a {@link LinearPredictor} with the softmax link of Tribuo's {@code LogMulticlass}
     * models (equal to Tribuo within 1e-9; a NaN cell gives a NaN probability where Tribuo
     * rejects the example, and the features never hold NaN).
     * Tribuo stays the trainer.
     */
    static final class Classifier {
        private final Model<Label> model;
        private final Scaler scaler;
        private final String[] names;
        private final @org.jspecify.annotations.Nullable CompiledTrees compiled;
        private final @org.jspecify.annotations.Nullable LinearPredictor linear;
        private final int positive;
        /** Log-odds weights of a linear model, intercept last; empty for trees. */
        private final double[] linearWeights;

        private Classifier(Model<Label> model, Scaler scaler, String[] names,
                @org.jspecify.annotations.Nullable CompiledTrees compiled,
                @org.jspecify.annotations.Nullable LinearPredictor linear) {
            this.model = model;
            this.scaler = scaler;
            this.names = names;
            this.compiled = compiled;
            this.linear = linear;
            this.positive = model.getOutputIDInfo().getID(new Label(POSITIVE));
            this.linearWeights = linearLogOdds(model, names, linear);
        }

        double[] predict(double[][] x) {
            double[] out = new double[x.length];
            if (compiled != null) {
                double[] probabilities = new double[compiled.outputCount()];
                for (int i = 0; i < out.length; i++) {
                    compiled.predict(scaler.apply(x[i]), probabilities);
                    out[i] = probabilities[positive];
                }
                return out;
            }
            if (linear != null) {
                for (int i = 0; i < out.length; i++) {
                    out[i] = linear.predict(scaler.apply(x[i]), positive);
                }
                return out;
            }
            return tribuoPredict(x);
        }

        /**
         * The log-odds of the positive class for one row, decomposed: one contribution per
         * feature, then the base value last; they sum to the log-odds (the difference of the two
         * class margins, unclamped). Trees: Saabas contributions of the compiled trees. Empty for
         * a model without a decomposition.
         */
        java.util.Optional<double[]> logOddsContributions(double[] x) {
            double[] z = scaler.apply(x);
            if (compiled == null) {
                double[] w = linearWeights;
                if (w.length == 0) {
                    return java.util.Optional.empty();
                }
                double[] out = new double[z.length + 1];
                for (int j = 0; j < z.length; j++) {
                    out[j] = w[j] * z[j];
                }
                out[z.length] = w[z.length];
                return java.util.Optional.of(out);
            }
            double[] pos = compiled.contributions(z, positive);
            double[] neg = compiled.contributions(z, 1 - positive);
            for (int j = 0; j < pos.length; j++) {
                pos[j] -= neg[j];
            }
            return java.util.Optional.of(pos);
        }

        /**
         * For a logistic model: the weights of the log-odds of the positive class on the
         * standardised features, in column order (the positive class's weights minus the
         * negative's, read from the {@link LinearPredictor}; features unseen in training weigh
         * 0), then the intercept last. Empty for other models.
         */
        private static double[] linearLogOdds(Model<Label> model, String[] names,
                @org.jspecify.annotations.Nullable LinearPredictor linear) {
            if (linear == null) {
                return new double[0];
            }
            int pos = model.getOutputIDInfo().getID(new Label(POSITIVE));
            int neg = model.getOutputIDInfo().getID(new Label(NEGATIVE));
            // The predictor's weights follow Tribuo's feature ids (see linear(...)).
            double[] wp = linear.weights(pos);
            double[] wn = linear.weights(neg);
            ImmutableFeatureMap map = model.getFeatureIDMap();
            double[] out = new double[names.length + 1];
            for (int j = 0; j < names.length; j++) {
                int id = map.getID(names[j]);
                out[j] = id < 0 ? 0.0 : wp[id] - wn[id];
            }
            out[names.length] = linear.intercept(pos) - linear.intercept(neg);
            return out;
        }

        /** The log-odds of the positive class (difference of the class margins, unclamped). */
        double logOdds(double[] x) {
            double[] z = scaler.apply(x);
            if (linear != null) {
                // The prediction path's own margins: the contributions are checked against them.
                return linear.margin(z, positive) - linear.margin(z, 1 - positive);
            }
            if (compiled == null) {
                return ExceedanceForecaster.logit(predict(new double[][] {x})[0]);
            }
            return compiled.margin(z, positive) - compiled.margin(z, 1 - positive);
        }

        /** Tribuo's own batch prediction (the reference the compiled path is tested against). */
        double[] tribuoPredict(double[][] x) {
            List<Example<Label>> ex = new ArrayList<>(x.length);
            for (double[] r : x) {
                ex.add(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, scaler.apply(r)));
            }
            List<Prediction<Label>> preds;
            synchronized (this) {
                preds = model.predict(ex);
            }
            double[] out = new double[x.length];
            for (int i = 0; i < out.length; i++) {
                Label pos = preds.get(i).getOutputScores().get(POSITIVE);
                out[i] = pos == null ? 0.0 : pos.getScore();
            }
            return out;
        }

        Map<String, String> provenance() {
            return TribuoModels.provenance(model);
        }
    }

    private static MutableDataset<Label> labelled(double[][] x, boolean[] y, double positiveWeight,
            String[] n, Scaler scaler) {
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(
                new SimpleDataSourceProvenance("forecasting features", factory), factory);
        Label pos = new Label(POSITIVE);
        Label neg = new Label(NEGATIVE);
        for (int i = 0; i < x.length; i++) {
            ArrayExample<Label> e = new ArrayExample<>(y[i] ? pos : neg, n, scaler.apply(x[i]));
            if (y[i]) {
                e.setWeight((float) positiveWeight);
            }
            data.add(e);
        }
        return data;
    }

    static Classifier logistic(double[][] x, boolean[] y, List<String> names, int epochs,
            long seed) {
        String[] n = names(names);
        Scaler scaler = Scaler.fit(x);
        var trainer = new org.tribuo.classification.sgd.linear.LinearSGDTrainer(
                new LogMulticlass(), new AdaGrad(0.1, 0.1), epochs, Integer.MAX_VALUE, 1, seed);
        LinearSGDModel model = trainer.train(labelled(x, y, 1.0, n, scaler));
        return new Classifier(model, scaler, n, null, linear(model, names));
    }

    static Classifier xgboost(double[][] x, boolean[] y, List<String> names, int trees,
            int depth, double positiveWeight, long seed) {
        String[] n = names(names);
        Scaler scaler = Scaler.fit(x);
        var trainer = new XGBoostClassificationTrainer(trees, 0.1, 0.0, depth, 1.0, 0.8, 1.0, 1.0,
                0.0, 1, true, seed);
        Model<Label> model = trainer.train(labelled(x, y, positiveWeight, n, scaler));
        return new Classifier(model, scaler, n, compile((XGBoostModel<Label>) model, names), null);
    }

    /**
     * Copies the weights of a Tribuo SGD logistic model (one row per output, bias last, features
     * in feature-id order) into a {@link LinearPredictor} with the softmax link, summing in
     * Tribuo's order.
     */
    private static LinearPredictor linear(LinearSGDModel model, List<String> columns) {
        ImmutableFeatureMap map = model.getFeatureIDMap();
        List<String> byId = new ArrayList<>(map.size());
        for (int i = 0; i < map.size(); i++) {
            byId.add(map.get(i).getName());
        }
        DenseMatrix w = model.getWeightsCopy();
        int outputs = w.getDimension1Size();
        double[][] weights = new double[outputs][byId.size()];
        double[] intercepts = new double[outputs];
        for (int k = 0; k < outputs; k++) {
            for (int j = 0; j < byId.size(); j++) {
                weights[k][j] = w.get(k, j);
            }
            intercepts[k] = w.get(k, byId.size());
        }
        return LinearPredictor.of(columns, byId, weights, intercepts, LinearPredictor.Link.SOFTMAX);
    }

    /** Compiles a Tribuo XGBoost classifier (one multi:softprob booster, base score 0.5). */
    private static CompiledTrees compile(XGBoostModel<Label> model, List<String> columns) {
        List<Booster> boosters = model.getInnerModels();
        if (boosters.size() != 1) {
            throw new IllegalStateException("expected one booster, was " + boosters.size());
        }
        ImmutableFeatureMap map = model.getFeatureIDMap();
        List<String> byId = new ArrayList<>(map.size());
        for (int i = 0; i < map.size(); i++) {
            byId.add(map.get(i).getName());
        }
        try {
            String[] dump = boosters.get(0).getModelDump("", true, "json");
            return CompiledTrees.fromXgboostJson(List.of(dump), CompiledTrees.Objective.MULTI_SOFTPROB,
                    model.getOutputIDInfo().size(), 0.5, byId, columns);
        } catch (XGBoostError e) {
            throw new IllegalStateException("cannot read the trained booster's trees", e);
        }
    }
}
