package fr.territoires.ia.benchmarks.forecasting;

import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.forecasting.ExceedanceForecaster;
import fr.territoires.ia.forecasting.synthetic.RiverSimulator;
import java.time.LocalDate;
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
 * The probability of one new day with a fitted {@link ExceedanceForecaster}: building the
 * day's features (lags, rises, rolling means and maxima, calendar) and scoring them with the
 * chosen model and its calibration, through {@code forecast(series, covariates, day)}. The
 * forecaster is fitted once in setup on a simulated 30-year river ({@link RiverSimulator}, 3
 * floods a year, seed 3; event "above 1800 mm within 3 days", default options). Two inputs: the
 * last 64 days of the series (what an operational feed holds; the default features need 38) and
 * the whole 30-year series (the features are read by date, so the history costs its indexing).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ExceedanceForecastNewDayBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class ExceedanceForecastNewDayBenchmark {

    private TimeSeries whole;
    private TimeSeries recent;
    private LocalDate day;
    private ExceedanceForecaster forecaster;

    /** Simulates the river and fits the forecaster on all its days but the last. */
    @Setup(Level.Trial)
    public void setUp() {
        LocalDate start = LocalDate.of(1990, 1, 1);
        whole = RiverSimulator.simulate(start, 30 * 365 + 7, 3.0, 0.0, 3L);
        day = start.plusDays(whole.size() - 1L);
        forecaster = ExceedanceForecaster.fit(whole, List.of(), day.minusDays(1),
                ExceedanceForecaster.Options.defaults(1800, 3));
        recent = whole.slice(whole.size() - 64, whole.size());
    }

    /**
     * Features and probability of the last day from the last 64 days.
     *
     * @return the probability
     */
    @Benchmark
    public double newDayFromLast64Days() {
        return forecaster.forecast(recent, List.of(), day).rows().get(0).probability();
    }

    /**
     * Features and probability of the last day from the whole 30-year series.
     *
     * @return the probability
     */
    @Benchmark
    public double newDayFromWholeSeries() {
        return forecaster.forecast(whole, List.of(), day).rows().get(0).probability();
    }
}
