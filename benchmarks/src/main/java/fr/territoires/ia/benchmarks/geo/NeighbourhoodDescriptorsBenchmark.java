package fr.territoires.ia.benchmarks.geo;

import fr.territoires.ia.geo.Feature;
import fr.territoires.ia.geo.GeoJson;
import fr.territoires.ia.geo.NeighbourhoodDescriptors;
import fr.territoires.ia.geo.synthetic.FootprintSimulator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.locationtech.jts.geom.Geometry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link NeighbourhoodDescriptors#of} over a whole collection (one spatial index, then one
 * neighbourhood query per building, default options: radius 50 m, wall tolerance 0.25 m,
 * context radius 150 m), in milliseconds per collection.
 *
 * <p>Collections ({@code source} parameter): {@code rodez}, the shared Rodez-area BD TOPO extract
 * (9,505 real buildings, dense town centre with many shared walls) when it is found (system
 * property {@code territoires.data}, variable {@code TERRITOIRES_IA_DATA}, or a
 * {@code shared/data} folder beside the working directory); when it is absent, {@code rodez}
 * falls back to the simulated collection and says so on standard error. {@code simulated}: 10,000
 * footprints from {@link FootprintSimulator} (seed 7, one building per 80 m cell, so sparser than
 * a town centre and without shared walls).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar NeighbourhoodDescriptorsBenchmark -prof gc}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class NeighbourhoodDescriptorsBenchmark {

    /** Size of the simulated collection. */
    static final int SIMULATED = 10_000;

    /** Collection: {@code rodez} (simulated when the file is absent) or {@code simulated}. */
    @Param({"rodez", "simulated"})
    public String source;

    private List<Geometry> polygons;

    /**
     * Reads or simulates the collection.
     *
     * @throws IOException when the Rodez file exists but cannot be read
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        List<Feature> features;
        Optional<Path> rodez = "rodez".equals(source) ? GeoData.rodez() : Optional.empty();
        if (rodez.isPresent()) {
            features = GeoJson.read(rodez.get()).features();
        } else {
            if ("rodez".equals(source)) {
                System.err.println("Rodez file " + GeoData.RODEZ + " not found: using "
                        + SIMULATED + " simulated footprints instead");
            }
            features = FootprintSimulator.simulate(SIMULATED, 7L);
        }
        polygons = new ArrayList<>(features.size());
        for (Feature f : features) {
            polygons.add(f.geometry());
        }
    }

    /**
     * Describes the neighbourhood of every building of the collection.
     *
     * @return the descriptors
     */
    @Benchmark
    public List<Map<String, Double>> describe() {
        return NeighbourhoodDescriptors.of(polygons, NeighbourhoodDescriptors.Options.defaults());
    }
}
