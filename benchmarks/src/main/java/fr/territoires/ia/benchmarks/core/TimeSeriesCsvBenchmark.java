package fr.territoires.ia.benchmarks.core;

import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.core.TimeSeriesCsv;
import fr.territoires.ia.core.synthetic.WaterMeterSimulator;
import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading an hourly meter export (local Paris time) with the validating reader, beside a naive
 * reader (split on commas, parse, no validation, no zone resolution) to show what validation
 * costs per row.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar TimeSeriesCsvBenchmark -prof gc}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class TimeSeriesCsvBenchmark {

    /** Number of hourly rows: one year, and ten years. */
    @Param({"8760", "87600"})
    public int rows;

    private String csv;

    /** Builds the CSV text once per trial from the seeded simulator. */
    @Setup
    public void setUp() {
        TimeSeries s = WaterMeterSimulator.simulate(WaterMeterSimulator.Options.defaults().withHours(rows));
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        ZoneId paris = ZoneId.of("Europe/Paris");
        StringBuilder sb = new StringBuilder("timestamp,value\n");
        for (int i = 0; i < s.size(); i++) {
            sb.append(f.format(s.timestamp(i).atZone(paris))).append(',');
            if (!s.isMissing(i)) {
                sb.append(s.value(i));
            }
            sb.append('\n');
        }
        csv = sb.toString();
    }

    /**
     * The library's reader, keeping rows in arrival order (the autumn repeat hour is resolved).
     *
     * @return the series read
     * @throws IOException never, the source is in memory
     */
    @Benchmark
    public Object validatingReader() throws IOException {
        return TimeSeriesCsv.read(new StringReader(csv), "bench.csv", TimeSeriesCsv.Options.defaults()
                .withOrderPolicy(fr.territoires.ia.core.OrderPolicy.KEEP_ARRIVAL_ORDER));
    }

    /**
     * A naive reader: split lines and fields, parse, no checks.
     *
     * @return the values read
     */
    @Benchmark
    public double[] naiveSplit() {
        String[] lines = csv.split("\n");
        double[] values = new double[lines.length - 1];
        long[] millis = new long[lines.length - 1];
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        ZoneId paris = ZoneId.of("Europe/Paris");
        for (int i = 1; i < lines.length; i++) {
            String[] parts = lines[i].split(",", -1);
            millis[i - 1] = LocalDateTime.parse(parts[0], f).atZone(paris).toInstant().toEpochMilli();
            values[i - 1] = parts[1].isEmpty() ? Double.NaN : Double.parseDouble(parts[1]);
        }
        return values;
    }
}
