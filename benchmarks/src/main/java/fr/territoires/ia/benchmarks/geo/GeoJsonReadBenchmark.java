package fr.territoires.ia.benchmarks.geo;

import fr.territoires.ia.geo.FeatureCollection;
import fr.territoires.ia.geo.GeoJson;
import fr.territoires.ia.geo.synthetic.FootprintSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link GeoJson#read(Path)} rate, in features per second: parsing, geometry building and
 * validation of a FeatureCollection file already in the page cache. With {@code -prof gc},
 * {@code gc.alloc.rate.norm} is in bytes per feature.
 *
 * <p>Input: {@value #FEATURES} footprints from {@link FootprintSimulator} (seed 7, Lambert-93,
 * two properties each) written once by {@link GeoJson#write(Path, java.util.List)} to a
 * temporary file (about 2 MB), deleted at the end of the trial.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar GeoJsonReadBenchmark -prof gc}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class GeoJsonReadBenchmark {

    /** Features in the file, read per invocation. */
    static final int FEATURES = 10_000;

    private Path file;

    /**
     * Writes the file.
     *
     * @throws IOException when the temporary file cannot be written
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        file = Files.createTempFile("footprints", ".geojson");
        GeoJson.write(file, FootprintSimulator.simulate(FEATURES, 7L));
    }

    /**
     * Deletes the file.
     *
     * @throws IOException when it cannot be deleted
     */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
    }

    /**
     * Reads the whole file.
     *
     * @return the collection
     * @throws IOException when reading fails
     */
    @Benchmark
    @OperationsPerInvocation(FEATURES)
    public FeatureCollection read() throws IOException {
        return GeoJson.read(file);
    }
}
