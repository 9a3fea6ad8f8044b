package fr.territoires.ia.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.core.trust.ModelCard;
import fr.territoires.ia.forecasting.ExceedanceForecast;
import fr.territoires.ia.forecasting.ExceedanceForecaster;
import fr.territoires.ia.forecasting.Forecast;
import fr.territoires.ia.forecasting.LevelForecaster;
import fr.territoires.ia.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * PM10 at rural German stations, "tomorrow above 50 µg/m³", one model per station trained up to
 * 2006 and forecast on 2007-2009, on Spark and on one machine.
 */
class SparkForecastingTest {

    /** Ten stations of the shared file, as the single-machine PM10 test uses. */
    private static final List<String> STATIONS = List.of("DEBB053", "DEBE032", "DEHE046", "DEMV017",
            "DENI019", "DENI058", "DENI059", "DENI063", "DERP013", "DETH026");
    private static final LocalDate TRAIN_UNTIL = LocalDate.of(2006, 12, 31);
    private static final LocalDate TEST_START = LocalDate.of(2007, 1, 1);
    static final StructType SCHEMA = new StructType().add("station", DataTypes.StringType)
            .add("date", DataTypes.DateType).add("pm10", DataTypes.DoubleType);

    /** The shared wide file as daily series (midnight UTC), empty or NA cells missing. */
    static Map<String, TimeSeries> pm10() throws IOException {
        List<String> lines = Files.readAllLines(SharedData.resolve("forecasting/pm10_de_rural_daily_wide.csv"),
                StandardCharsets.UTF_8);
        List<String> header = Arrays.stream(lines.get(0).split(",", -1)).map(SparkForecastingTest::unquote).toList();
        Map<String, TimeSeries> out = new LinkedHashMap<>();
        for (String station : STATIONS) {
            int c = header.indexOf(station);
            long[] t = new long[lines.size() - 1];
            double[] v = new double[t.length];
            for (int i = 1; i < lines.size(); i++) {
                String[] f = lines.get(i).split(",", -1);
                t[i - 1] = LocalDate.parse(unquote(f[0])).toEpochDay() * 86_400_000L;
                String s = unquote(f[c]);
                v[i - 1] = s.isEmpty() || s.equals("NA") ? Double.NaN : Double.parseDouble(s);
            }
            out.put(station, TimeSeries.of(station, t, v, ZoneOffset.UTC));
        }
        return out;
    }

    private static String unquote(String s) {
        String x = s.trim();
        return x.length() >= 2 && x.startsWith("\"") && x.endsWith("\"") ? x.substring(1, x.length() - 1) : x;
    }

    @Test
    void exceedancePerSeries_tenPm10Stations_equalSingleMachineBitForBitWithCards() throws IOException {
        Map<String, TimeSeries> series = pm10();
        List<Row> rows = new ArrayList<>();
        for (TimeSeries s : series.values()) {
            for (int i = s.size() - 1; i >= 0; i--) { // any order: each series is sorted by date
                double v = s.value(i);
                rows.add(RowFactory.create(s.name(), java.sql.Date.valueOf(LocalDate.ofEpochDay(
                        s.epochMilli(i) / 86_400_000L)), Double.isNaN(v) ? null : v));
            }
        }
        Dataset<Row> daily = SharedSpark.session().createDataFrame(rows, SCHEMA);
        ExceedanceForecaster.Options o = ExceedanceForecaster.Options.defaults(50, 1);
        long start = System.nanoTime();
        List<Row> got = SparkForecasting.exceedancePerSeries(daily, "station", "date", "pm10", o, true,
                TRAIN_UNTIL, TEST_START).collectAsList();
        double sparkSeconds = (System.nanoTime() - start) / 1e9;
        assertEquals(STATIONS.size(), got.size(), "one row per station");
        Map<String, Row> byStation = new HashMap<>();
        got.forEach(r -> byStation.put(r.getString(0), r));
        int forecasts = 0;
        int alerts = 0;
        start = System.nanoTime();
        for (TimeSeries s : series.values()) {
            ExceedanceForecaster f = ExceedanceForecaster.fit(s, List.of(), TRAIN_UNTIL,
                    o.withValidationYears(ExceedanceForecaster.Options.recommendedValidationYears(s, TRAIN_UNTIL)));
            ExceedanceForecast fc = f.forecast(s, List.of(), TEST_START);
            Row r = byStation.get(s.name());
            assertNull(r.get(6), s.name());
            assertEquals(f.chosenModel(), r.getString(1), s.name());
            assertEquals(0, Double.compare(fc.alertThreshold(), r.getDouble(2)), s.name());
            List<Row> fr = r.getList(3);
            assertEquals(fc.rows().size(), fr.size(), s.name());
            for (int i = 0; i < fr.size(); i++) {
                ExceedanceForecast.Row e = fc.rows().get(i);
                assertEquals(e.date(), ((java.sql.Date) fr.get(i).get(0)).toLocalDate(), s.name());
                assertEquals(0, Double.compare(e.probability(), fr.get(i).getDouble(1)), s.name() + " " + e.date());
                assertEquals(e.alert(), fr.get(i).getBoolean(2), s.name() + " " + e.date());
                alerts += e.alert() ? 1 : 0;
            }
            forecasts += fr.size();
            assertEquals(fc.skipped().size(), r.getList(4).size(), s.name());
            ModelCard card = ModelCard.fromJson(r.getString(5));
            Map<String, String> provenance = new LinkedHashMap<>(card.details().provenance());
            assertEquals("4", provenance.remove("spark.partitions"));
            assertEquals("local[2]", provenance.remove("spark.master"));
            assertTrue(provenance.remove("spark.engine").startsWith("Apache Spark 4."));
            assertEquals(f.card(), card.toBuilder().provenance(provenance).build(), s.name() + " card");
        }
        double singleSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("Spark exceedancePerSeries, 10 PM10 stations, trained <= 2006, forecast 2007-2009: "
                + "%d forecasts, %d alerts, all equal; Spark %.1f s (collect included), one machine %.1f s%n",
                forecasts, alerts, sparkSeconds, singleSeconds);
        assertTrue(forecasts > 8000, "forecasts " + forecasts);
        assertTrue(alerts > 0);
    }

    @Test
    void levelPerSeries_fourPm10Stations_equalSingleMachineBitForBitWithCards() throws IOException {
        Map<String, TimeSeries> series = pm10();
        List<TimeSeries> four = List.copyOf(series.values()).subList(0, 4);
        Dataset<Row> daily = SharedSpark.session().createDataFrame(rows(four), SCHEMA);
        LevelForecaster.Options o = LevelForecaster.Options.defaults(2).withValidationYears(3);
        List<Row> got = SparkForecasting.levelPerSeries(daily, "station", "date", "pm10", o, TRAIN_UNTIL,
                TEST_START).collectAsList();
        assertEquals(4, got.size());
        Map<String, Row> byStation = new HashMap<>();
        got.forEach(r -> byStation.put(r.getString(0), r));
        int n = 0;
        for (TimeSeries s : four) {
            LevelForecaster f = LevelForecaster.fit(s, List.of(), TRAIN_UNTIL, o);
            Forecast fc = f.forecast(s, List.of(), TEST_START);
            Row r = byStation.get(s.name());
            assertNull(r.get(4), s.name());
            List<Row> fr = r.getList(1);
            assertEquals(fc.rows().size(), fr.size(), s.name());
            for (int i = 0; i < fr.size(); i++) {
                Forecast.Row e = fc.rows().get(i);
                Row g = fr.get(i);
                String where = s.name() + " " + e.date() + " h" + e.horizon();
                assertEquals(e.date(), ((java.sql.Date) g.get(0)).toLocalDate(), where);
                assertEquals(e.horizon(), g.getInt(1), where);
                assertEquals(0, Double.compare(e.forecast(), g.getDouble(2)), where);
                assertEquals(0, Double.compare(e.lower(), g.getDouble(3)), where);
                assertEquals(0, Double.compare(e.upper(), g.getDouble(4)), where);
            }
            n += fr.size();
            ModelCard card = ModelCard.fromJson(r.getString(3));
            Map<String, String> provenance = new LinkedHashMap<>(card.details().provenance());
            provenance.keySet().removeIf(k -> k.startsWith("spark."));
            assertEquals(f.card(), card.toBuilder().provenance(provenance).build(), s.name() + " card");
        }
        System.out.printf("Spark levelPerSeries, 4 PM10 stations, horizons 1-2, trained <= 2006, forecast "
                + "2007-2009: %d forecasts with intervals, all equal%n", n);
        assertTrue(n > 4000, "forecasts " + n);
    }

    static List<Row> rows(List<TimeSeries> series) {
        List<Row> rows = new ArrayList<>();
        for (TimeSeries s : series) {
            for (int i = 0; i < s.size(); i++) {
                double v = s.value(i);
                rows.add(RowFactory.create(s.name(), java.sql.Date.valueOf(LocalDate.ofEpochDay(
                        s.epochMilli(i) / 86_400_000L)), Double.isNaN(v) ? null : v));
            }
        }
        return rows;
    }

    @Test
    void exceedancePerSeries_seriesWithoutExceedance_keptWithTheReason_badColumnsRefused() {
        List<Row> rows = new ArrayList<>();
        for (int d = 0; d < 800; d++) {
            rows.add(RowFactory.create("calm", java.sql.Date.valueOf(LocalDate.of(2005, 1, 1).plusDays(d)), 10.0));
        }
        Dataset<Row> daily = SharedSpark.session().createDataFrame(rows, SCHEMA);
        List<Row> got = SparkForecasting.exceedancePerSeries(daily, "station", "date", "pm10",
                ExceedanceForecaster.Options.defaults(50, 1), true, TRAIN_UNTIL, TEST_START).collectAsList();
        assertEquals(1, got.size());
        assertTrue(got.get(0).getString(6).startsWith("training period must contain both exceedances"),
                got.get(0).getString(6));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkForecasting.exceedancePerSeries(daily.withColumn("date", daily.col("date").cast("string")),
                        "station", "date", "pm10", ExceedanceForecaster.Options.defaults(50, 1), true, TRAIN_UNTIL,
                        TEST_START));
        assertEquals("date column \"date\" must be a date, was string", e.getMessage());
    }
}
