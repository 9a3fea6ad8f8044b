package fr.territoires.ia.benchmarks.forecasting;

import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.forecasting.Backtests;
import fr.territoires.ia.forecasting.ExceedanceForecast;
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
 * A whole rolling-origin backtest of {@link ExceedanceForecaster} on 30 years of simulated daily
 * river levels ({@link RiverSimulator}, 3 floods a year, 1 % missing days, seed 5; event "above
 * 1800 mm within 3 days", default options): origins every year over the last 5 years
 * ({@link Backtests#rollingOrigins}); at each origin the forecaster is fitted on the days before
 * it (model choice on validation blocks, calibration, refit), forecasts the year up to the next
 * origin, and {@link Backtests#evaluate} scores that year. One operation is the 5 fits, forecasts
 * and evaluations; it returns the mean average precision.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ExceedanceBacktestBenchmark}
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class ExceedanceBacktestBenchmark {

    private static final LocalDate START = LocalDate.of(1990, 1, 1);
    private static final int YEARS = 30;

    private TimeSeries river;
    private List<LocalDate> origins;

    /** Simulates the river and lists the origins. */
    @Setup(Level.Trial)
    public void setUp() {
        river = RiverSimulator.simulate(START, YEARS * 365 + 7, 3.0, 0.01, 5L);
        origins = Backtests.rollingOrigins(START.plusYears(YEARS - 5), START.plusYears(YEARS - 1),
                365);
    }

    /**
     * Runs the backtest.
     *
     * @return the mean test average precision over the origins
     */
    @Benchmark
    public double rollingOriginBacktest() {
        ExceedanceForecaster.Options options = ExceedanceForecaster.Options.defaults(1800, 3);
        double sum = 0;
        for (int k = 0; k < origins.size(); k++) {
            LocalDate origin = origins.get(k);
            LocalDate end = k + 1 < origins.size() ? origins.get(k + 1).minusDays(1)
                    : START.plusDays(river.size() - 4L);
            ExceedanceForecaster f = ExceedanceForecaster.fit(river, List.of(),
                    origin.minusDays(1), options);
            TimeSeries upToEnd = river.slice(0, (int) (end.toEpochDay() - START.toEpochDay()) + 1);
            ExceedanceForecast fc = f.forecast(upToEnd, List.of(), origin);
            sum += Backtests.evaluate(fc, river, 1800, 3).averagePrecision();
        }
        return sum / origins.size();
    }
}
