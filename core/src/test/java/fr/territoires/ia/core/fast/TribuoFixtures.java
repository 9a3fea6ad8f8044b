package fr.territoires.ia.core.fast;

import fr.territoires.ia.core.synthetic.TabularSimulator;
import java.util.ArrayList;
import java.util.List;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Output;
import org.tribuo.OutputFactory;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/** Trains real Tribuo models on simulated tables and extracts what the fast paths need. */
final class TribuoFixtures {

    static final LabelFactory LABELS = new LabelFactory();

    private TribuoFixtures() {
    }

    /** The label of class {@code c}: "c0", "c1", ... */
    static Label label(int c) {
        return new Label("c" + c);
    }

    /** A Tribuo example with every column, NaN cells included as explicit NaN values. */
    static <T extends Output<T>> ArrayExample<T> example(T output, List<String> columns, double[] row) {
        return new ArrayExample<>(output, columns.toArray(new String[0]), row);
    }

    /** A Tribuo example without the NaN cells (sparse: missing features absent). */
    static <T extends Output<T>> ArrayExample<T> sparseExample(T output, List<String> columns, double[] row) {
        List<String> names = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (int j = 0; j < row.length; j++) {
            if (!Double.isNaN(row[j])) {
                names.add(columns.get(j));
                values.add(row[j]);
            }
        }
        double[] v = new double[values.size()];
        for (int j = 0; j < v.length; j++) {
            v[j] = values.get(j);
        }
        return new ArrayExample<>(output, names.toArray(new String[0]), v);
    }

    static <T extends Output<T>> MutableDataset<T> dataset(OutputFactory<T> factory, String name) {
        return new MutableDataset<>(new SimpleDataSourceProvenance(name, factory), factory);
    }

    /** XGBoost classifier on the table: {@code trees} trees of depth {@code depth}, one thread, seed 42. */
    static XGBoostModel<Label> xgboost(TabularSimulator.Table table, int trees, int depth) {
        MutableDataset<Label> data = dataset(LABELS, "tabular");
        for (int i = 0; i < table.size(); i++) {
            data.add(sparseExample(label(table.label(i)), table.columns(), table.row(i)));
        }
        // numTrees, eta, gamma, maxDepth, minChildWeight, subsample, featureSubsample, lambda, alpha,
        // nThread, silent, seed.
        XGBoostClassificationTrainer trainer = new XGBoostClassificationTrainer(trees, 0.3, 0.0, depth, 1.0, 1.0, 1.0,
                1.0, 0.0, 1, true, 42L);
        return trainer.train(data);
    }

    /** Names of a model's features by Tribuo feature id. */
    static List<String> featureNamesById(Model<?> model) {
        ImmutableFeatureMap map = model.getFeatureIDMap();
        List<String> names = new ArrayList<>(map.size());
        for (int i = 0; i < map.size(); i++) {
            names.add(map.get(i).getName());
        }
        return names;
    }

    /** Compiles a Tribuo XGBoost classifier (one multi:softprob booster, base score 0.5). */
    static CompiledTrees compile(XGBoostModel<Label> model, List<String> columns) throws XGBoostError {
        List<Booster> boosters = model.getInnerModels();
        if (boosters.size() != 1) {
            throw new IllegalStateException("expected one booster, was " + boosters.size());
        }
        String[] dump = boosters.get(0).getModelDump("", true, "json");
        return CompiledTrees.fromXgboostJson(List.of(dump), CompiledTrees.Objective.MULTI_SOFTPROB,
                model.getOutputIDInfo().size(), 0.5, featureNamesById(model), columns);
    }

    /** The booster's own batch predictions on dense rows (NaN = missing), in booster feature order. */
    static float[][] boosterPredict(XGBoostModel<Label> model, List<String> columns, double[][] rows)
            throws XGBoostError {
        List<String> byId = featureNamesById(model);
        int f = byId.size();
        float[] data = new float[rows.length * f];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < f; j++) {
                data[i * f + j] = (float) rows[i][columns.indexOf(byId.get(j))];
            }
        }
        DMatrix m = new DMatrix(data, rows.length, f, Float.NaN);
        try {
            return model.getInnerModels().get(0).predict(m);
        } finally {
            m.dispose();
        }
    }

    /** The weight matrix of a Tribuo SGD linear model: rows = outputs, last column = bias. */
    static double[][] sgdWeights(DenseMatrix m) {
        double[][] w = new double[m.getDimension1Size()][m.getDimension2Size()];
        for (int i = 0; i < w.length; i++) {
            for (int j = 0; j < w[i].length; j++) {
                w[i][j] = m.get(i, j);
            }
        }
        return w;
    }
}
