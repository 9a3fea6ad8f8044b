package fr.territoires.ia.forecasting;

import fr.territoires.ia.core.tribuo.TribuoModels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.sgd.objectives.Huber;
import org.tribuo.regression.sgd.objectives.SquaredLoss;

/**
 * The Tribuo side of the module: builds datasets from standardised primitive matrices, trains
 * the SGD linear regressions of {@link LevelForecaster}, and predicts in batch. Tribuo types stay
 * here.
 *
 * <p>Instances are immutable and safe for concurrent use.
 */
final class TribuoFits {


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
}
