package fr.territoires.ia.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.core.trust.ModelCard;
import fr.territoires.ia.forecasting.ExceedanceForecast;
import fr.territoires.ia.forecasting.ExceedanceForecaster;
import fr.territoires.ia.forecasting.synthetic.RiverSimulator;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/**
 * One network forecaster broadcast as its model file and applied in time blocks with a halo,
 * against {@link ExceedanceForecaster#forecastNetwork} on one machine.
 */
class SparkNetworkForecastTest {

    private static LocalDate day(Object d) {
        return d instanceof LocalDate ld ? ld : ((java.sql.Date) d).toLocalDate();
    }

    /** Checks every row equals the single-machine forecast bit for bit; returns {rows, alerts}. */
    private static int[] assertSameAsOneMachine(List<Row> got, Map<String, ExceedanceForecast> expected) {
        Map<String, Row> byKey = new HashMap<>();
        for (Row r : got) {
            assertNull(byKey.put(r.getString(1) + " " + day(r.get(0)), r), "one row per series and date");
        }
        int n = 0;
        int alerts = 0;
        for (Map.Entry<String, ExceedanceForecast> e : expected.entrySet()) {
            for (ExceedanceForecast.Row x : e.getValue().rows()) {
                String where = e.getKey() + " " + x.date();
                Row r = byKey.get(where);
                assertNotNull(r, where);
                assertEquals(0, Double.compare(x.probability(), r.getDouble(2)), where);
                assertEquals(x.alert(), r.getBoolean(3), where);
                alerts += x.alert() ? 1 : 0;
                n++;
            }
        }
        assertEquals(n, got.size(), "no row beyond the single-machine forecasts (skipped dates have none)");
        return new int[] {n, alerts};
    }

    @Test
    void exceedanceNetwork_pm10TenStations_200DayBlocks_equalForecastNetworkBitForBit() throws IOException {
        Map<String, TimeSeries> series = SparkForecastingTest.pm10();
        List<TimeSeries> network = List.copyOf(series.values());
        LocalDate trainUntil = LocalDate.of(2006, 12, 31);
        LocalDate from = LocalDate.of(2007, 1, 1);
        ExceedanceForecaster f = ExceedanceForecaster.fitNetwork(network, List.of(), trainUntil,
                ExceedanceForecaster.Options.defaults(50, 1).withValidationYears(
                        ExceedanceForecaster.Options.recommendedValidationYears(network, trainUntil)));
        Dataset<Row> daily = SharedSpark.session().createDataFrame(SparkForecastingTest.rows(network),
                SparkForecastingTest.SCHEMA);
        BroadcastForecaster model = BroadcastForecaster.of(SharedSpark.session(), f);
        long t0 = System.nanoTime();
        List<Row> got = SparkForecasting.exceedanceNetwork(daily, "station", "date", "pm10", model, from, 200)
                .collectAsList();
        double seconds = (System.nanoTime() - t0) / 1e9;
        int[] n = assertSameAsOneMachine(got, f.forecastNetwork(network, List.of(), from));
        System.out.printf("Spark exceedanceNetwork, PM10 10 stations, one network model (%s) trained <= 2006, "
                + "forecast 2007-2009 in 200-day blocks (look-back %d days), model file %d bytes broadcast: "
                + "%d forecasts, %d alerts, all equal; %.1f s (collect included)%n", f.chosenModel(),
                f.lookBackDays(), model.sizeBytes(), n[0], n[1], seconds);
        assertTrue(n[0] > 8000, "forecasts " + n[0]);
        assertTrue(n[1] > 0, "alerts");
        ModelCard card = model.card(SharedSpark.session(), 4);
        Map<String, String> provenance = new LinkedHashMap<>(card.details().provenance());
        assertEquals("4", provenance.remove("spark.partitions"));
        assertTrue(provenance.remove("spark.engine").startsWith("Apache Spark 4."));
        provenance.remove("spark.master");
        assertEquals(f.card(), card.toBuilder().provenance(provenance).build());
    }

    private static TimeSeries river(String name, long seed) {
        TimeSeries s = RiverSimulator.simulate(LocalDate.of(1995, 1, 1), 17 * 365, 3.0, 0.02, seed);
        long[] t = new long[s.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = s.timestamp(i).toEpochMilli();
        }
        return TimeSeries.of(name, t, s.values(), ZoneOffset.UTC);
    }

    /** The series without the rows whose day is in {@code [first, last]} (absent rows, not missing values). */
    private static TimeSeries without(TimeSeries s, LocalDate first, LocalDate last) {
        List<Long> t = new ArrayList<>();
        List<Double> v = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            LocalDate d = s.localDateTime(i).toLocalDate();
            if (d.isBefore(first) || d.isAfter(last)) {
                t.add(s.epochMilli(i));
                v.add(s.value(i));
            }
        }
        return TimeSeries.of(s.name(), t.stream().mapToLong(Long::longValue).toArray(),
                v.stream().mapToDouble(Double::doubleValue).toArray(), ZoneOffset.UTC);
    }

    @Test
    void exceedanceNetwork_simulatedRiversLogisticHorizon3WithGapsAcrossBlockBorders_equalBitForBit() {
        LocalDate cut = LocalDate.of(2009, 12, 31);
        LocalDate from = cut.plusDays(1);
        // 50-day blocks: borders on 2010-02-20, 2010-04-11, ...; "a" has no rows from 2010-02-18 to
        // 2010-03-01 (its block ends two days after its last reading: forecast with the latest value
        // within the 3-day horizon), "b" none from 2010-04-05 to 2010-04-20, "c" stops on 2011-06-30.
        TimeSeries c = without(river("c", 5), LocalDate.of(2011, 7, 1), LocalDate.of(2030, 1, 1));
        TimeSeries a = without(river("a", 6), LocalDate.of(2010, 2, 18), LocalDate.of(2010, 3, 1));
        TimeSeries b = without(river("b", 7), LocalDate.of(2010, 4, 5), LocalDate.of(2010, 4, 20));
        List<TimeSeries> network = List.of(c, a, b);
        ExceedanceForecaster f = ExceedanceForecaster.fitNetwork(network, List.of(), cut,
                ExceedanceForecaster.Options.defaults(1800, 3).withValidationYears(5));
        assertEquals("logistic regression (L2, C = 1)", f.chosenModel(), "every feature is read");
        assertEquals(29, f.lookBackDays());
        Dataset<Row> daily = SharedSpark.session().createDataFrame(SparkForecastingTest.rows(network),
                SparkForecastingTest.SCHEMA);
        BroadcastForecaster model = BroadcastForecaster.of(SharedSpark.session(), f);
        Map<String, ExceedanceForecast> expected = f.forecastNetwork(network, List.of(), from);
        int[] n = assertSameAsOneMachine(SparkForecasting.exceedanceNetwork(daily, "station", "date", "pm10",
                model, from, 50).collectAsList(), expected);
        // Blocks shorter than the look-back: a reading travels to two blocks or more.
        int[] m = assertSameAsOneMachine(SparkForecasting.exceedanceNetwork(daily, "station", "date", "pm10",
                model, from, 7).collectAsList(), expected);
        assertEquals(n[0], m[0]);
        assertTrue(n[0] > 1500, "forecasts " + n[0]);
        assertTrue(expected.get("a").rows().stream().anyMatch(r -> r.date().equals(LocalDate.of(2010, 2, 19))),
                "a date of a gap still forecast from the latest value");
        System.out.printf("Spark exceedanceNetwork, 3 simulated rivers, logistic network model, horizon 3, gaps "
                + "across block borders: %d forecasts in 50-day and in 7-day blocks, all equal%n", n[0]);
    }

    @Test
    void exceedanceNetwork_unseenSeriesOrBadBlocks_refusedNamingTheRule() {
        LocalDate cut = LocalDate.of(2009, 12, 31);
        List<TimeSeries> network = List.of(river("c", 5), river("a", 6));
        ExceedanceForecaster f = ExceedanceForecaster.fitNetwork(network, List.of(), cut,
                ExceedanceForecaster.Options.defaults(1800, 3).withValidationYears(3));
        BroadcastForecaster model = BroadcastForecaster.of(SharedSpark.session(), f);
        List<Row> rows = new ArrayList<>(SparkForecastingTest.rows(network));
        rows.add(RowFactory.create("new", java.sql.Date.valueOf(cut.plusDays(3)), 12.0));
        Dataset<Row> daily = SharedSpark.session().createDataFrame(rows, SparkForecastingTest.SCHEMA);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkForecasting.exceedanceNetwork(daily, "station", "date", "pm10", model, cut.plusDays(1),
                        365));
        assertTrue(e.getMessage().startsWith("series \"new\" must be one whose scale the forecaster fixed at "
                + "fitting [c, a]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SparkForecasting.exceedanceNetwork(daily, "station", "date", "pm10", model, cut.plusDays(1),
                        0));
        assertEquals("blockDays must be >= 1, was 0", e.getMessage());
    }
}
