package fr.territoires.ia.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.core.MultivariateTimeSeries;
import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.core.TimeSeriesCsv;
import fr.territoires.ia.core.metrics.BinaryMetrics;
import fr.territoires.ia.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code forecast-events} command on the shared real data, scored from its output file as
 * an independent scorer would: pooled average precision against persistence (today's value) on
 * the dates whose value of the day and outcome are known, Brier against climatology, and a row
 * for every such date.
 */
class ForecastSharedDataTest {

    private static final List<String> STATIONS = List.of("DEBB053", "DEBE032", "DEHE046", "DEMV017",
            "DENI019", "DENI058", "DENI059", "DENI063", "DERP013", "DETH026");

    @TempDir
    Path dir;

    @Test
    void forecastEvents_pm10TenStationsInOneCall_atPersistenceBrierBelowClimatologyEveryDate() throws IOException {
        Path file = SharedData.resolve("forecasting/pm10_de_rural_daily_wide.csv");
        Path out = dir.resolve("pm10.csv");
        var r = RunnerTest.run("forecast-events", "--input", file.toString(), "--value-column",
                String.join(",", STATIONS), "--threshold", "50", "--horizon", "1", "--train-until", "2006-12-31",
                "--output", out.toString());
        assertEquals(0, r.status(), r.err());
        MultivariateTimeSeries all = TimeSeriesCsv.readMultivariate(file, TimeSeriesCsv.Options.defaults()
                .withTimestampColumn("date").withValueColumns(STATIONS).withZone(ZoneOffset.UTC));
        List<TimeSeries> observed = new ArrayList<>();
        for (int c = 0; c < STATIONS.size(); c++) {
            observed.add(all.column(c));
        }
        double[] s = score(out, observed, 50, 1, LocalDate.of(2009, 12, 31));
        System.out.printf("forecast-events PM10, 10 stations in one call: n=%d AP=%.4f persistence=%.4f ratio=%.3f"
                + " Brier=%.5f climatology=%.5f%n", (int) s[4], s[0], s[1], s[0] / s[1], s[2], s[3]);
        assertTrue(s[0] >= s[1] - 1e-12, "AP " + s[0] + " persistence " + s[1]);
        assertTrue(s[2] < s[3], "Brier " + s[2] + " climatology " + s[3]);
    }

    @Test
    void forecastEvents_garonneLongFile_beatsPersistenceEveryDateForecast() throws IOException {
        Path file = SharedData.resolve("forecasting/garonne_toulouse_daily_max_level.csv");
        Path out = dir.resolve("garonne.csv");
        var r = RunnerTest.run("forecast-events", "--input", file.toString(), "--value-column", "daily_max_level_mm",
                "--where", "station_code=O200004001", "--threshold", "2500", "--horizon", "3", "--train-until",
                "2004-12-31", "--output", out.toString());
        assertEquals(0, r.status(), r.err());
        TimeSeries level = TimeSeriesCsv.read(file, TimeSeriesCsv.Options.defaults().withTimestampColumn("date")
                .withValueColumn("daily_max_level_mm").withRowFilter("station_code", "O200004001")
                .withZone(ZoneOffset.UTC));
        TimeSeries named = TimeSeries.of("", epochMillis(level), level.values(), ZoneOffset.UTC);
        double[] s = score(out, List.of(named), 2500, 3, LocalDate.of(2024, 12, 31));
        System.out.printf("forecast-events Garonne: n=%d AP=%.4f persistence=%.4f ratio=%.3f Brier=%.5f"
                + " climatology=%.5f%n", (int) s[4], s[0], s[1], s[0] / s[1], s[2], s[3]);
        assertTrue(s[0] >= 1.35 * s[1], "AP " + s[0] + " persistence " + s[1]);
        assertTrue(s[2] < s[3]);
    }

    private static long[] epochMillis(TimeSeries s) {
        long[] t = new long[s.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = s.timestamp(i).toEpochMilli();
        }
        return t;
    }

    /**
     * {AP, persistence AP, Brier, climatology Brier, dates} pooled over the series; fails when a
     * date with a known value and outcome has no row.
     */
    private static double[] score(Path out, List<TimeSeries> observed, double threshold, int horizon, LocalDate end)
            throws IOException {
        List<String> lines = Files.readAllLines(out);
        boolean several = observed.size() > 1;
        Map<String, Double> probability = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            probability.put(c[0] + "|" + (several ? c[1] : ""), Double.parseDouble(c[several ? 2 : 1]));
        }
        List<Boolean> y = new ArrayList<>();
        List<Double> p = new ArrayList<>();
        List<Double> today = new ArrayList<>();
        for (TimeSeries s : observed) {
            Map<LocalDate, Double> byDay = new HashMap<>();
            for (int i = 0; i < s.size(); i++) {
                if (!Double.isNaN(s.value(i))) {
                    byDay.put(LocalDate.ofInstant(s.timestamp(i), ZoneOffset.UTC), s.value(i));
                }
            }
            String key = several ? s.name() : "";
            for (Map.Entry<LocalDate, Double> e : byDay.entrySet()) {
                LocalDate d = e.getKey();
                if (d.isBefore(first(lines)) || d.plusDays(horizon).isAfter(end)) {
                    continue;
                }
                boolean exceed = false;
                boolean missing = false;
                for (int k = 1; k <= horizon; k++) {
                    Double v = byDay.get(d.plusDays(k));
                    if (v == null) {
                        missing = true;
                    } else if (v > threshold) {
                        exceed = true;
                    }
                }
                if (missing && !exceed) {
                    continue;
                }
                Double pr = probability.get(d + "|" + key);
                assertTrue(pr != null, "no forecast for " + key + " on " + d);
                y.add(exceed);
                p.add(pr);
                today.add(e.getValue());
            }
        }
        boolean[] ya = new boolean[y.size()];
        double[] pa = new double[y.size()];
        double[] ta = new double[y.size()];
        for (int i = 0; i < ya.length; i++) {
            ya[i] = y.get(i);
            pa[i] = p.get(i);
            ta[i] = today.get(i);
        }
        return new double[] {BinaryMetrics.averagePrecision(ya, pa), BinaryMetrics.averagePrecision(ya, ta),
            BinaryMetrics.brierScore(ya, pa), BinaryMetrics.climatologyBrier(ya), ya.length};
    }

    /** The first issue date of the output. */
    private static LocalDate first(List<String> lines) {
        return LocalDate.parse(lines.get(1).split(",")[0]);
    }
}
