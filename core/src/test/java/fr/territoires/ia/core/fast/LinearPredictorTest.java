package fr.territoires.ia.core.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.core.synthetic.TabularSimulator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.anomaly.AnomalyFactory;
import org.tribuo.anomaly.Event;
import org.tribuo.anomaly.liblinear.LibLinearAnomalyModel;
import org.tribuo.anomaly.liblinear.LibLinearAnomalyTrainer;
import org.tribuo.anomaly.liblinear.LinearAnomalyType;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.sgd.objectives.SquaredLoss;

class LinearPredictorTest {

    /** Rows of the table with missing cells set to 0, as a sparse Tribuo example leaves them out. */
    private static double[][] rows(TabularSimulator.Table t) {
        double[][] rows = new double[t.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = t.row(i);
            for (int j = 0; j < rows[i].length; j++) {
                if (Double.isNaN(rows[i][j])) {
                    rows[i][j] = 0.0;
                }
            }
        }
        return rows;
    }

    /** Relative difference, with absolute differences below 1 judged as absolute. */
    private static double relative(double expected, double actual) {
        return Math.abs(expected - actual) / Math.max(1.0, Math.abs(expected));
    }

    /** Splits a Tribuo SGD weight matrix (bias last) into a predictor over the model's feature ids. */
    private static LinearPredictor fromSgd(Model<?> model, double[][] matrix, List<String> columns,
            LinearPredictor.Link link) {
        List<String> names = TribuoFixtures.featureNamesById(model);
        double[][] w = new double[matrix.length][];
        double[] b = new double[matrix.length];
        for (int k = 0; k < matrix.length; k++) {
            w[k] = Arrays.copyOf(matrix[k], names.size());
            b[k] = matrix[k][names.size()];
        }
        return LinearPredictor.of(columns, names, w, b, link);
    }

    @Test
    void predict_tribuoSgdRegression_equalsTribuoWithin1e9Relative() {
        TabularSimulator.Options options = TabularSimulator.Options.defaults();
        TabularSimulator.Table train = TabularSimulator.simulate(options);
        RegressionFactory factory = new RegressionFactory();
        MutableDataset<Regressor> data = TribuoFixtures.dataset(factory, "tabular");
        for (int i = 0; i < train.size(); i++) {
            data.add(TribuoFixtures.sparseExample(new Regressor("y", train.target(i)), train.columns(), train.row(i)));
        }
        org.tribuo.regression.sgd.linear.LinearSGDTrainer trainer = new org.tribuo.regression.sgd.linear.LinearSGDTrainer(
                new SquaredLoss(), new AdaGrad(0.1), 5, 42L);
        org.tribuo.regression.sgd.linear.LinearSGDModel model = trainer.train(data);
        TabularSimulator.Table test = TabularSimulator.simulate(options.withRows(400).withSeed(3L));
        LinearPredictor lp = fromSgd(model, TribuoFixtures.sgdWeights(model.getWeightsCopy()), test.columns(),
                LinearPredictor.Link.IDENTITY);
        double worst = 0;
        for (int i = 0; i < test.size(); i++) {
            double[] row = test.row(i);
            Prediction<Regressor> p = model.predict(TribuoFixtures.sparseExample(factory.getUnknownOutput(),
                    test.columns(), row));
            double[] dense = rows(test)[i];
            worst = Math.max(worst, relative(p.getOutput().getValues()[0], lp.predict(dense, 0)));
        }
        assertTrue(worst <= 1e-9, "max relative difference " + worst);
    }

    @Test
    void predict_tribuoLogisticSgdThreeClasses_equalsTribuoWithin1e9Relative() {
        TabularSimulator.Options options = TabularSimulator.Options.defaults().withClasses(3);
        TabularSimulator.Table train = TabularSimulator.simulate(options);
        MutableDataset<Label> data = TribuoFixtures.dataset(TribuoFixtures.LABELS, "tabular");
        for (int i = 0; i < train.size(); i++) {
            data.add(TribuoFixtures.sparseExample(TribuoFixtures.label(train.label(i)), train.columns(),
                    train.row(i)));
        }
        LinearSGDModel model = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.1), 5, 42L).train(data);
        TabularSimulator.Table test = TabularSimulator.simulate(options.withRows(400).withSeed(3L));
        LinearPredictor lp = fromSgd(model, TribuoFixtures.sgdWeights(model.getWeightsCopy()), test.columns(),
                LinearPredictor.Link.SOFTMAX);
        double[][] dense = rows(test);
        double[] out = new double[3];
        double worst = 0;
        for (int i = 0; i < test.size(); i++) {
            Prediction<Label> p = model.predict(TribuoFixtures.sparseExample(TribuoFixtures.LABELS.getUnknownOutput(),
                    test.columns(), test.row(i)));
            lp.predict(dense[i], out);
            for (int c = 0; c < 3; c++) {
                int id = model.getOutputIDInfo().getID(new Label("c" + c));
                worst = Math.max(worst, relative(p.getOutputScores().get("c" + c).getScore(), out[id]));
                assertEquals(out[id], lp.predict(dense[i], id), 1e-15);
            }
        }
        assertTrue(worst <= 1e-9, "max relative difference " + worst);
    }

    @Test
    void predict_tribuoLibLinearOneClass_equalsDecisionValueExactly() {
        TabularSimulator.Options options = TabularSimulator.Options.defaults().withMissingRate(0).withFeatures(8);
        TabularSimulator.Table train = TabularSimulator.simulate(options);
        AnomalyFactory factory = new AnomalyFactory();
        MutableDataset<Event> data = TribuoFixtures.dataset(factory, "tabular");
        for (int i = 0; i < train.size(); i++) {
            data.add(TribuoFixtures.example(AnomalyFactory.EXPECTED_EVENT, train.columns(), train.row(i)));
        }
        LibLinearAnomalyTrainer trainer = new LibLinearAnomalyTrainer(
                new LinearAnomalyType(LinearAnomalyType.LinearType.ONECLASS_SVM), 1.0, 1000, 0.01, 0.5);
        LibLinearAnomalyModel model = (LibLinearAnomalyModel) trainer.train(data);
        de.bwaldvogel.liblinear.Model inner = model.getInnerModels().get(0);
        // Tribuo appends a bias feature of value 1 after the features (in feature-id order); LIBLINEAR
        // then subtracts rho. A constant column "bias" reproduces that order of operations exactly.
        List<String> names = new ArrayList<>(TribuoFixtures.featureNamesById(model));
        names.add("bias");
        assertEquals(names.size(), inner.getFeatureWeights().length);
        List<String> columns = new ArrayList<>(train.columns());
        columns.add("bias");
        LinearPredictor lp = LinearPredictor.of(columns, names, new double[][] {inner.getFeatureWeights()},
                new double[] {-inner.getDecfunRho()}, LinearPredictor.Link.IDENTITY);
        TabularSimulator.Table test = TabularSimulator.simulate(options.withRows(300).withSeed(5L));
        int p = test.columns().size();
        for (int i = 0; i < test.size(); i++) {
            double[] row = test.row(i);
            double expected = model.predict(TribuoFixtures.example(AnomalyFactory.UNKNOWN_EVENT, test.columns(), row))
                    .getOutput().getScore();
            double[] withBias = Arrays.copyOf(row, p + 1);
            withBias[p] = 1.0;
            assertEquals(expected, lp.predict(withBias, 0), 0.0, "row " + i);
        }
    }

    @Test
    void predict_handMadeWeights_mapsNamesToColumns() {
        // Weights over (b, a); rows are (a, b, c). Margins: 2b - a + 1 and 0.5a + 0 (intercept 0).
        LinearPredictor lp = LinearPredictor.of(List.of("a", "b", "c"), List.of("b", "a"),
                new double[][] {{2.0, -1.0}, {0.0, 0.5}}, new double[] {1.0, 0.0}, LinearPredictor.Link.IDENTITY);
        double[] row = {3.0, 4.0, 100.0};
        // 2 * 4 - 3 + 1 = 6; 0.5 * 3 = 1.5.
        assertEquals(6.0, lp.margin(row, 0), 0.0);
        double[] out = new double[2];
        lp.predict(row, out);
        assertArrayEquals(new double[] {6.0, 1.5}, out, 0.0);
        assertArrayEquals(new double[] {2.0, -1.0}, lp.weights(0), 0.0);
        assertEquals(1.0, lp.intercept(0), 0.0);
        // Batch of two rows: the second (0, 0, 0) gives the intercepts.
        double[] batch = new double[4];
        lp.predictBatch(new double[] {3.0, 4.0, 100.0, 0, 0, 0}, batch);
        assertArrayEquals(new double[] {6.0, 1.5, 1.0, 0.0}, batch, 0.0);
    }

    @Test
    void predict_softmaxAndLogistic_linkMargins() {
        LinearPredictor softmax = LinearPredictor.of(List.of("a"), List.of("a"), new double[][] {{1.0}, {0.0}},
                new double[] {0.0, 0.0}, LinearPredictor.Link.SOFTMAX);
        // Margins (2, 0): softmax = (e^2, 1) / (e^2 + 1).
        double e2 = Math.exp(2.0);
        assertEquals(e2 / (e2 + 1), softmax.predict(new double[] {2.0}, 0), 1e-15);
        assertEquals(1 / (e2 + 1), softmax.predict(new double[] {2.0}, 1), 1e-15);
        LinearPredictor logistic = LinearPredictor.of(List.of("a"), List.of("a"), new double[][] {{1.0}},
                new double[] {0.0}, LinearPredictor.Link.LOGISTIC);
        assertEquals(1 / (1 + Math.exp(-2.0)), logistic.predict(new double[] {2.0}, 0), 1e-15);
        // NaN propagates.
        assertTrue(Double.isNaN(logistic.predict(new double[] {Double.NaN}, 0)));
    }

    @Test
    void of_badInput_throwsWithNameAndValue() {
        List<String> cols = new ArrayList<>(List.of("a", "b"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> LinearPredictor.of(cols,
                List.of("z"), new double[][] {{1.0}}, new double[] {0.0}, LinearPredictor.Link.IDENTITY));
        assertEquals("weightNames[0] must be among the columns, was z", unknown.getMessage());
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class, () -> LinearPredictor.of(cols,
                List.of("a"), new double[][] {{1.0, 2.0}}, new double[] {0.0}, LinearPredictor.Link.IDENTITY));
        assertEquals("weights[0].length must be 1, was 2", length.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> LinearPredictor.of(cols,
                List.of("a"), new double[][] {{Double.NaN}}, new double[] {0.0}, LinearPredictor.Link.IDENTITY));
        assertEquals("weights[0][0] must be finite, was NaN", nan.getMessage());
        IllegalArgumentException row = assertThrows(IllegalArgumentException.class, () -> LinearPredictor.of(cols,
                List.of("a"), new double[][] {{1.0}}, new double[] {0.0}, LinearPredictor.Link.IDENTITY)
                .predict(new double[1], 0));
        assertEquals("row.length must be 2, was 1", row.getMessage());
        assertThrows(NullPointerException.class, () -> LinearPredictor.of(cols, List.of("a"), new double[][] {{1.0}},
                new double[] {0.0}, null));
    }
}
