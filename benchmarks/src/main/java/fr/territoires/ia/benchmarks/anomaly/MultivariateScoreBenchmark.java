package fr.territoires.ia.benchmarks.anomaly;

import fr.territoires.ia.anomaly.IsolationForestDetector;
import fr.territoires.ia.anomaly.MultivariateScores;
import fr.territoires.ia.anomaly.OneClassSvmDetector;
import fr.territoires.ia.core.MultivariateTimeSeries;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Multivariate scoring per row: the Isolation Forest (100 trees, sample 256) and the one-class
 * SVM, both fitted on 400 rows of 8 correlated sensor columns (as in the SKAB pump test bed),
 * scoring a block of 10,000 rows with their explanations. Times are per row.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar MultivariateScoreBenchmark -prof gc}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class MultivariateScoreBenchmark {

    static final int ROWS = 10_000;

    private MultivariateTimeSeries block;
    private IsolationForestDetector forest;
    private OneClassSvmDetector svm;

    /** Simulates the sensors and fits both detectors once per trial. */
    @Setup
    public void setUp() {
        MultivariateTimeSeries train = sensors(400, 1);
        block = sensors(ROWS, 2);
        forest = IsolationForestDetector.fit(train, IsolationForestDetector.Options.defaults());
        svm = OneClassSvmDetector.fit(train, OneClassSvmDetector.Options.defaults());
    }

    static MultivariateTimeSeries sensors(int rows, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int p = 8;
        double[][] v = new double[p][rows];
        long[] t = new long[rows];
        for (int i = 0; i < rows; i++) {
            t[i] = i * 1000L;
            double load = r.nextDouble();
            for (int c = 0; c < p; c++) {
                v[c][i] = (c + 1) * load + 0.1 * r.nextDouble() + (i % 997 == 0 && c == 3 ? 5 : 0);
            }
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < p; c++) {
            names.add("sensor" + c);
        }
        return MultivariateTimeSeries.of("pump", names, t, v, ZoneOffset.UTC);
    }

    /**
     * Isolation Forest scores of the block.
     *
     * @return the scores
     */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public MultivariateScores isolationForest() {
        return forest.score(block);
    }

    /**
     * One-class SVM scores of the block.
     *
     * @return the scores
     */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public MultivariateScores oneClassSvm() {
        return svm.score(block);
    }
}
