package fr.territoires.ia.benchmarks.anomaly;

import com.amazon.randomcutforest.parkservices.ThresholdedRandomCutForest;
import fr.territoires.ia.anomaly.ArtimeDetector;
import fr.territoires.ia.anomaly.BaselineDetector;
import fr.territoires.ia.anomaly.ContextAnomalyDetector;
import fr.territoires.ia.anomaly.StreamDetector;
import fr.territoires.ia.anomaly.StreamingDetector;
import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.core.synthetic.WaterMeterSimulator;
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
 * One streaming update per point: the library's default {@link StreamDetector} (default options,
 * the stream's range given, the meter's zone), its two alarm sources on their own
 * ({@link ArtimeDetector}, {@link ContextAnomalyDetector}, published defaults) and the
 * {@link BaselineDetector}, beside AWS Random Cut Forest's {@code ThresholdedRandomCutForest} (shingle 8 over
 * one value, internal shingling, auto-adjusted thresholds, fixed seed, otherwise its defaults),
 * both fed the same hourly water-meter stream in arrival order. Times are per point.
 *
 * <p>The stream is 100,000 hourly readings from the seeded simulator, with a leak from the middle
 * on. Both detectors first learn the first 10,000 points during setup, then each invocation feeds
 * the next block of points; at the end of the stream it starts again from the first point, shifted
 * in time so that the clock keeps moving forward by one hour per point.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar StreamingUpdateBenchmark -prof gc}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class StreamingUpdateBenchmark {

    /** Points fed per benchmark invocation. */
    static final int BLOCK = 1000;

    /** Points learnt by each detector during setup. */
    static final int WARM_UP_POINTS = 10_000;

    /** Length of the pre-generated stream. */
    static final int STREAM = 100_000;

    /** RCF shingle: 8 consecutive values of the single series. */
    static final int SHINGLE = 8;

    private long[] epochMillis;
    private double[] values;
    private long span;

    private final StreamingDetector[] ours = new StreamingDetector[4];
    private final int[] oursCursor = new int[4];
    private final long[] oursOffset = new long[4];

    private ThresholdedRandomCutForest forest;
    private int forestCursor;
    private long forestOffset;

    /** Generates the stream and warms both detectors up on its first points. */
    @Setup
    public void setUp() {
        TimeSeries s = WaterMeterSimulator.simulate(WaterMeterSimulator.Options.defaults().withHours(STREAM)
                .withMissingRate(0).withLeak(STREAM / 2, 150));
        epochMillis = s.epochMillis();
        values = new double[s.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = s.value(i);
        }
        span = epochMillis[epochMillis.length - 1] - epochMillis[0] + TimeUnit.HOURS.toMillis(1);

        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        ours[0] = StreamDetector.create(StreamDetector.Options.defaults().withZone(s.zone()).withRange(min, max));
        ours[1] = ArtimeDetector.create(ArtimeDetector.Options.defaults().withRange(min, max));
        ours[2] = ContextAnomalyDetector.create(ContextAnomalyDetector.Options.defaults().withRange(min, max));
        ours[3] = BaselineDetector.create(BaselineDetector.Options.defaults().withZone(s.zone()));
        forest = ThresholdedRandomCutForest.builder()
                .dimensions(SHINGLE)
                .shingleSize(SHINGLE)
                .internalShinglingEnabled(true)
                .autoAdjust(true)
                .randomSeed(42L)
                .build();
        for (int i = 0; i < WARM_UP_POINTS; i++) {
            for (StreamingDetector d : ours) {
                d.update(epochMillis[i], values[i]);
            }
            forest.process(new double[] {values[i]}, epochMillis[i] / 1000L);
        }
        java.util.Arrays.fill(oursCursor, WARM_UP_POINTS);
        forestCursor = WARM_UP_POINTS;
    }

    private double feed(int k) {
        StreamingDetector d = ours[k];
        double sum = 0;
        for (int n = 0; n < BLOCK; n++) {
            if (oursCursor[k] == values.length) {
                oursCursor[k] = 0;
                oursOffset[k] += span;
            }
            sum += d.update(epochMillis[oursCursor[k]] + oursOffset[k], values[oursCursor[k]]);
            oursCursor[k]++;
        }
        return sum;
    }

    /**
     * The library's default streaming detector, one {@code update} per point.
     *
     * @return the sum of the scores of the block
     */
    @Benchmark
    @OperationsPerInvocation(BLOCK)
    public double streamDetector() {
        return feed(0);
    }

    /**
     * ARTime alone, one {@code update} per point.
     *
     * @return the sum of the scores of the block
     */
    @Benchmark
    @OperationsPerInvocation(BLOCK)
    public double artime() {
        return feed(1);
    }

    /**
     * CAD OSE alone, one {@code update} per point.
     *
     * @return the sum of the scores of the block
     */
    @Benchmark
    @OperationsPerInvocation(BLOCK)
    public double contextDetector() {
        return feed(2);
    }

    /**
     * The baseline detector alone (the default before 0.2.0), one {@code update} per point.
     *
     * @return the sum of the scores of the block
     */
    @Benchmark
    @OperationsPerInvocation(BLOCK)
    public double baselineDetector() {
        return feed(3);
    }

    /**
     * AWS Random Cut Forest, one {@code process} per point, on a fresh one-value array as a caller
     * would pass it.
     *
     * @return the sum of the anomaly grades of the block
     */
    @Benchmark
    @OperationsPerInvocation(BLOCK)
    public double randomCutForest() {
        double sum = 0;
        for (int k = 0; k < BLOCK; k++) {
            if (forestCursor == values.length) {
                forestCursor = 0;
                forestOffset += span;
            }
            sum += forest.process(new double[] {values[forestCursor]},
                    (epochMillis[forestCursor] + forestOffset) / 1000L).getAnomalyGrade();
            forestCursor++;
        }
        return sum;
    }
}
