package fr.territoires.ia.benchmarks.geo;

import fr.territoires.ia.geo.Feature;
import fr.territoires.ia.geo.ShapeDescriptors;
import fr.territoires.ia.geo.synthetic.FootprintSimulator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.locationtech.jts.geom.Geometry;
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
 * {@link ShapeDescriptors#of} per polygon: all the shape descriptors of one footprint (hull,
 * minimum-area rectangle, minimum bounding circle, corners), in microseconds per polygon; with
 * {@code -prof gc}, {@code gc.alloc.rate.norm} is in bytes per polygon.
 *
 * <p>Inputs: {@value #POLYGONS} footprints from {@link FootprintSimulator} (seed 7: houses, some
 * L-shaped, apartment blocks, sheds, greenhouses; 5 to 7 distinct vertices each), so the
 * benchmark runs without the shared data. Real cadastral footprints have more vertices (often 8
 * to 30), so expect them to take longer.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ShapeDescriptorsBenchmark -prof gc}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class ShapeDescriptorsBenchmark {

    /** Polygons described per invocation. */
    static final int POLYGONS = 500;

    private Geometry[] polygons;

    /**
     * Simulates the footprints.
     */
    @Setup(Level.Trial)
    public void setUp() {
        List<Feature> features = FootprintSimulator.simulate(POLYGONS, 7L);
        polygons = new Geometry[features.size()];
        for (int i = 0; i < polygons.length; i++) {
            polygons[i] = features.get(i).geometry();
        }
    }

    /**
     * Describes every polygon.
     *
     * @return a sum of areas, so the work is not eliminated
     */
    @Benchmark
    @OperationsPerInvocation(POLYGONS)
    public double describe() {
        double sum = 0;
        for (Geometry g : polygons) {
            Map<String, Double> d = ShapeDescriptors.of(g);
            sum += d.get("area");
        }
        return sum;
    }
}
