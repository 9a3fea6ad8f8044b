package fr.territoires.ia.forecasting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.core.trust.ModelCard;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class BacktestsRatioTest {

    private static final LocalDate START = LocalDate.of(2020, 1, 1);
    private static final int DAYS = 1500;

    /** An autocorrelated daily series with bursts above 10. */
    private static TimeSeries series(String name, long seed) {
        Random r = new Random(seed);
        long[] t = new long[DAYS];
        double[] v = new double[DAYS];
        double x = 0;
        for (int i = 0; i < DAYS; i++) {
            x = 0.8 * x + r.nextGaussian();
            v[i] = 5 + 2 * x;
            t[i] = START.plusDays(i).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        }
        return TimeSeries.of(name, t, v, ZoneOffset.UTC);
    }

    /** A forecast of every date but the last, its probability a function of the date's index. */
    private static ExceedanceForecast forecast(TimeSeries s, DoubleUnaryOperator score,
            boolean perfect) {
        List<ExceedanceForecast.Row> rows = new ArrayList<>();
        for (int i = 0; i + 1 < s.size(); i++) {
            double p = perfect ? (s.value(i + 1) > 10 ? 0.9 : 0.1) : score.applyAsDouble(s.value(i));
            rows.add(new ExceedanceForecast.Row(START.plusDays(i), p, p > 0.5));
        }
        return new ExceedanceForecast(rows, List.of(), 0.5);
    }

    @Test
    void averagePrecisionRatio_persistenceRankingIsOneEveryResample() {
        List<TimeSeries> net = List.of(series("a", 1), series("b", 2));
        Map<String, ExceedanceForecast> fc = Map.of(
                "a", forecast(net.get(0), v -> 1 / (1 + Math.exp(-(v - 10))), false),
                "b", forecast(net.get(1), v -> 1 / (1 + Math.exp(-(v - 10))), false));
        ModelCard.Metric m = Backtests.averagePrecisionRatio(fc, net, 10, 1, 7);
        assertEquals(1.0, m.value(), 1e-12);
        assertEquals(1.0, m.lower(), 1e-12);
        assertEquals(1.0, m.upper(), 1e-12);
        Backtests.ExceedanceReport r = Backtests.evaluate(fc, net, 10, 1);
        assertEquals(r.averagePrecision() / r.persistenceAveragePrecision(), m.value(), 1e-12);
    }

    @Test
    void averagePrecisionRatio_perfectForecastIntervalAboveOneAndSameSeedSameInterval() {
        List<TimeSeries> net = List.of(series("a", 3), series("b", 4));
        Map<String, ExceedanceForecast> fc = Map.of("a", forecast(net.get(0), null, true),
                "b", forecast(net.get(1), null, true));
        ModelCard.Metric m = Backtests.averagePrecisionRatio(fc, net, 10, 1, 7);
        Backtests.ExceedanceReport r = Backtests.evaluate(fc, net, 10, 1);
        assertEquals(1.0, r.averagePrecision(), 1e-12);
        assertEquals(1.0 / r.persistenceAveragePrecision(), m.value(), 1e-12);
        assertTrue(m.lower() > 1.0 && m.lower() < m.value() && m.value() < m.upper(),
                m.lower() + " " + m.value() + " " + m.upper());
        ModelCard.Metric again = Backtests.averagePrecisionRatio(fc, net, 10, 1, 7);
        assertEquals(m.lower(), again.lower());
        assertEquals(m.upper(), again.upper());
    }

    @Test
    void averagePrecisionRatio_refusesAMissingSeriesAndNoExceedance() {
        List<TimeSeries> net = List.of(series("a", 5), series("b", 6));
        Map<String, ExceedanceForecast> onlyA = Map.of("a", forecast(net.get(0), v -> 0.5, false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Backtests.averagePrecisionRatio(onlyA, net, 10, 1, 7));
        assertTrue(e.getMessage().contains("series b"), e.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> Backtests.averagePrecisionRatio(onlyA, List.of(net.get(0)), 1e9, 1, 7));
        assertTrue(none.getMessage().contains("exceedance"), none.getMessage());
    }
}
