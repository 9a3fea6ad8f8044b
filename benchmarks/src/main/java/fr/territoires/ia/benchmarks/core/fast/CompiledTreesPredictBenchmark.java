package fr.territoires.ia.benchmarks.core.fast;

import fr.territoires.ia.core.fast.CompiledTrees;
import fr.territoires.ia.core.synthetic.TabularSimulator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Prediction of a gradient-boosted tree classifier, per row: the library's {@link CompiledTrees}
 * beside the paths it replaces, Tribuo's {@code XGBoostModel.predict} (one example, or a list) and
 * the xgboost4j booster's own batch prediction. Times are per row; with {@code -prof gc},
 * {@code gc.alloc.rate.norm} is in bytes per row.
 *
 * <p>Model: Tribuo's XGBoost classifier (multi:softprob over two classes, 100 rounds so 200 trees,
 * depth 5, eta 0.3, one thread, seed 42) trained on 2,000 rows of 20 features from the seeded
 * {@link TabularSimulator} (5 % missing cells). Inputs: 1,000 fresh rows (seed 7, 5 % missing),
 * as {@code double[]} rows; each method turns them into what its path needs, inside the measured
 * time: a Tribuo {@code ArrayExample} with every column (NaN cells included), or a dense
 * {@code float} matrix in booster feature order (built once in setup, since converting it is the
 * caller's business; only the {@code DMatrix} is built per batch).
 *
 * <p>Threads: the compiled path runs on the calling thread, so {@code boosterBatch} sets the
 * booster's {@code nthread} to 1: both sides get one core and the ratio compares work per row.
 * Left to itself, the booster Tribuo trains here predicts with one OpenMP thread per core (two
 * busy threads measured on 2 cores): {@code boosterBatchAllCores} measures that for information;
 * on a shared 2-core machine its time depends on the load (OpenMP threads waiting for each other),
 * which is why the guard does not use it.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar CompiledTreesPredictBenchmark -prof gc}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class CompiledTreesPredictBenchmark {

    /** Rows predicted per invocation by the batch and compiled methods. */
    static final int ROWS = 1000;

    /** Rows predicted per invocation by Tribuo one example at a time (slow path). */
    static final int TRIBUO_ROWS = 100;

    private static final LabelFactory LABELS = new LabelFactory();

    private XGBoostModel<Label> model;
    private Booster booster;
    private CompiledTrees trees;
    private String[] names;
    private double[][] rows;
    private double[] flat;
    private float[] boosterMatrix;
    private int boosterFeatures;
    private double[] out;
    private double[] batchOut;
    private int boosterThreads;

    /**
     * Trains the model, compiles it and prepares the rows.
     *
     * @throws XGBoostError when xgboost4j fails
     */
    @Setup(Level.Trial)
    public void setUp() throws XGBoostError {
        TabularSimulator.Options options = TabularSimulator.Options.defaults();
        TabularSimulator.Table train = TabularSimulator.simulate(options);
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("tabular", LABELS), LABELS);
        for (int i = 0; i < train.size(); i++) {
            // Tribuo rejects NaN values in training examples: missing cells are left out (sparse).
            ArrayExample<Label> e = new ArrayExample<>(new Label("c" + train.label(i)));
            double[] row = train.row(i);
            for (int j = 0; j < row.length; j++) {
                if (!Double.isNaN(row[j])) {
                    e.add(train.columns().get(j), row[j]);
                }
            }
            data.add(e);
        }
        model = new XGBoostClassificationTrainer(100, 0.3, 0.0, 5, 1.0, 1.0, 1.0, 1.0, 0.0, 1, true, 42L).train(data);
        booster = model.getInnerModels().get(0);
        threads(1);

        TabularSimulator.Table test = TabularSimulator.simulate(options.withRows(ROWS).withSeed(7L));
        List<String> columns = test.columns();
        names = columns.toArray(new String[0]);
        List<String> byId = featureNamesById(model.getFeatureIDMap());
        trees = CompiledTrees.fromXgboostJson(List.of(booster.getModelDump("", true, "json")),
                CompiledTrees.Objective.MULTI_SOFTPROB, model.getOutputIDInfo().size(), 0.5, byId, columns);

        int p = columns.size();
        rows = new double[ROWS][];
        flat = new double[ROWS * p];
        boosterFeatures = byId.size();
        boosterMatrix = new float[ROWS * boosterFeatures];
        for (int i = 0; i < ROWS; i++) {
            rows[i] = test.row(i);
            System.arraycopy(rows[i], 0, flat, i * p, p);
            for (int j = 0; j < boosterFeatures; j++) {
                boosterMatrix[i * boosterFeatures + j] = (float) rows[i][columns.indexOf(byId.get(j))];
            }
        }
        out = new double[trees.outputCount()];
        batchOut = new double[ROWS * trees.outputCount()];
    }

    /** Sets the booster's prediction threads when they change (a change reconfigures the booster). */
    private void threads(int n) throws XGBoostError {
        if (boosterThreads != n) {
            booster.setParam("nthread", Integer.toString(n));
            boosterThreads = n;
        }
    }

    private static List<String> featureNamesById(ImmutableFeatureMap map) {
        List<String> byId = new ArrayList<>(map.size());
        for (int i = 0; i < map.size(); i++) {
            byId.add(map.get(i).getName());
        }
        return byId;
    }

    /**
     * Compiled trees, one row at a time.
     *
     * @return the sum of the probabilities of class index 1
     */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public double compiledSingle() {
        double sum = 0;
        for (double[] row : rows) {
            trees.predict(row, out);
            sum += out[1];
        }
        return sum;
    }

    /**
     * Compiled trees, the whole batch at once.
     *
     * @return the probability of class index 1 of the last row
     */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public double compiledBatch() {
        trees.predictBatch(flat, batchOut);
        return batchOut[batchOut.length - 1];
    }

    /**
     * Tribuo, one example at a time, each built from its row.
     *
     * @return the sum of the top scores
     */
    @Benchmark
    @OperationsPerInvocation(TRIBUO_ROWS)
    public double tribuoSingle() {
        double sum = 0;
        for (int i = 0; i < TRIBUO_ROWS; i++) {
            Prediction<Label> p = model.predict(new ArrayExample<>(LABELS.getUnknownOutput(), names, rows[i]));
            sum += p.getOutput().getScore();
        }
        return sum;
    }

    /**
     * Tribuo, the whole batch as a list of examples built from the rows.
     *
     * @return the top score of the last row
     */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public double tribuoBatch() {
        List<Example<Label>> examples = new ArrayList<>(ROWS);
        for (double[] row : rows) {
            examples.add(new ArrayExample<>(LABELS.getUnknownOutput(), names, row));
        }
        List<Prediction<Label>> predictions = model.predict(examples);
        return predictions.get(ROWS - 1).getOutput().getScore();
    }

    /**
     * The xgboost4j booster on one thread, the whole batch as one dense {@code DMatrix} (NaN
     * missing).
     *
     * @return the probability of class index 1 of the last row
     * @throws XGBoostError when xgboost4j fails
     */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public double boosterBatch() throws XGBoostError {
        threads(1);
        return boosterPredict();
    }

    /**
     * The xgboost4j booster with one thread per core (its default), the whole batch as one dense
     * {@code DMatrix}; for information, not a guard.
     *
     * @return the probability of class index 1 of the last row
     * @throws XGBoostError when xgboost4j fails
     */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public double boosterBatchAllCores() throws XGBoostError {
        threads(Runtime.getRuntime().availableProcessors());
        return boosterPredict();
    }

    private double boosterPredict() throws XGBoostError {
        DMatrix m = new DMatrix(boosterMatrix, ROWS, boosterFeatures, Float.NaN);
        try {
            float[][] p = booster.predict(m);
            return p[ROWS - 1][1];
        } finally {
            m.dispose();
        }
    }
}
