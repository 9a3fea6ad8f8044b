package fr.territoires.ia.benchmarks.forecasting;

import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.forecasting.ExceedanceForecast;
import fr.territoires.ia.forecasting.ExceedanceForecaster;
import fr.territoires.ia.forecasting.synthetic.PollutionSimulator;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One new day for a network of 50 air-quality stations: the day's features (each station on its
 * scale, the network's median level and rise), the probability and the alert of every station
 * with one network model ({@code forecastNetwork}), beside the same day with 50 single-series
 * models ({@code forecast} per station). Stations are simulated ({@link PollutionSimulator},
 * 12 years, no missing day, seeds 1 to 50, event "above 50 µg/m³ tomorrow"); the models are fitted once in setup
 * on all days but the last, with 3 yearly origins. Inputs are the last 64 days of each station,
 * what an operational feed holds.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar NetworkNewDayBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class NetworkNewDayBenchmark {

    private static final int STATIONS = 50;

    private List<TimeSeries> recent;
    private LocalDate day;
    private ExceedanceForecaster network;
    private final List<ExceedanceForecaster> single = new ArrayList<>();

    /** Simulates the stations and fits the network model and the 50 single models. */
    @Setup(Level.Trial)
    public void setUp() {
        LocalDate start = LocalDate.of(1998, 1, 1);
        List<TimeSeries> whole = new ArrayList<>();
        recent = new ArrayList<>();
        for (int k = 0; k < STATIONS; k++) {
            TimeSeries s = PollutionSimulator.simulate(start, 12 * 365, 6.0, 0.0, k + 1L);
            long[] t = new long[s.size()];
            for (int i = 0; i < t.length; i++) {
                t[i] = s.timestamp(i).toEpochMilli();
            }
            TimeSeries named = TimeSeries.of("S" + k, t, s.values(), ZoneOffset.UTC);
            whole.add(named);
            recent.add(named.slice(named.size() - 64, named.size()));
        }
        day = whole.get(0).localDateTime(whole.get(0).size() - 1).toLocalDate();
        ExceedanceForecaster.Options o = ExceedanceForecaster.Options.defaults(50, 1).withValidationYears(3);
        network = ExceedanceForecaster.fitNetwork(whole, List.of(), day.minusDays(1), o);
        for (TimeSeries s : whole) {
            single.add(ExceedanceForecaster.fit(s, List.of(), day.minusDays(1), o));
        }
    }

    /**
     * The new day of the 50 stations with the network model.
     *
     * @return the sum of the probabilities
     */
    @Benchmark
    public double networkModel() {
        double sum = 0;
        for (ExceedanceForecast f : network.forecastNetwork(recent, List.of(), day).values()) {
            sum += f.rows().get(0).probability() + (f.rows().get(0).alert() ? 1 : 0);
        }
        return sum;
    }

    /**
     * The new day of the 50 stations with 50 single-series models.
     *
     * @return the sum of the probabilities
     */
    @Benchmark
    public double fiftySingleModels() {
        double sum = 0;
        for (int k = 0; k < STATIONS; k++) {
            ExceedanceForecast f = single.get(k).forecast(recent.get(k), List.of(), day);
            sum += f.rows().get(0).probability() + (f.rows().get(0).alert() ? 1 : 0);
        }
        return sum;
    }
}
