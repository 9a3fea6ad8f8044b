package fr.territoires.ia.benchmarks.geo;

import fr.territoires.ia.geo.Feature;
import fr.territoires.ia.geo.ShapeClassifier;
import fr.territoires.ia.geo.synthetic.FootprintSimulator;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

/**
 * {@link ShapeClassifier#classify} per building, end to end: shape and neighbourhood descriptors
 * of the batch, then the compiled trees, in microseconds per building; with {@code -prof gc},
 * {@code gc.alloc.rate.norm} is in bytes per building.
 *
 * <p>Model: {@link ShapeClassifier} with the default options (one thread, seed 42) fitted in setup
 * on 2,000 footprints from {@link FootprintSimulator} (seed 1, label property {@code kind}: four
 * kinds). Input: a batch of {@value #BUILDINGS} fresh footprints (seed 7), classified in one call.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ShapeClassifierClassifyBenchmark -prof gc}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class ShapeClassifierClassifyBenchmark {

    /** Buildings classified per invocation. */
    static final int BUILDINGS = 2_000;

    private ShapeClassifier classifier;
    private List<Feature> batch;

    /**
     * Fits the classifier and simulates the batch.
     */
    @Setup(Level.Trial)
    public void setUp() {
        classifier = ShapeClassifier.fit(FootprintSimulator.simulate(2_000, 1L), "kind",
                ShapeClassifier.Options.defaults());
        batch = FootprintSimulator.simulate(BUILDINGS, 7L);
    }

    /**
     * Classifies the batch.
     *
     * @return the predictions
     */
    @Benchmark
    @OperationsPerInvocation(BUILDINGS)
    public List<ShapeClassifier.Prediction> classify() {
        return classifier.classify(batch);
    }
}
