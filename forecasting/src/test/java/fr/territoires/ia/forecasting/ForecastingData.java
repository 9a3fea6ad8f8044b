package fr.territoires.ia.forecasting;

import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads the shared Garonne and PM10 files into daily series (midnight UTC). */
final class ForecastingData {

    private ForecastingData() {
    }

    static TimeSeries garonne(String station) {
        Path p = SharedData.resolve("forecasting/garonne_toulouse_daily_max_level.csv");
        try {
            List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
            List<Long> t = new ArrayList<>();
            List<Double> v = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",", -1);
                if (f.length < 3 || !unquote(f[1]).equals(station)) {
                    continue;
                }
                t.add(LocalDate.parse(unquote(f[0])).toEpochDay() * 86_400_000L);
                String s = unquote(f[2]);
                v.add(s.isEmpty() ? Double.NaN : Double.parseDouble(s));
            }
            return series(station, t, v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<TimeSeries> pm10(List<String> stations) {
        Path p = SharedData.resolve("forecasting/pm10_de_rural_daily_wide.csv");
        try {
            List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
            List<String> header = Arrays.stream(lines.get(0).split(",", -1))
                    .map(ForecastingData::unquote).toList();
            List<TimeSeries> out = new ArrayList<>();
            for (String station : stations) {
                int c = header.indexOf(station);
                List<Long> t = new ArrayList<>();
                List<Double> v = new ArrayList<>();
                for (String line : lines.subList(1, lines.size())) {
                    String[] f = line.split(",", -1);
                    t.add(LocalDate.parse(unquote(f[0])).toEpochDay() * 86_400_000L);
                    String s = unquote(f[c]);
                    v.add(s.isEmpty() || s.equals("NA") ? Double.NaN : Double.parseDouble(s));
                }
                out.add(series(station, t, v));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The station codes of the shared PM10 file, in file order. */
    static List<String> pm10Stations() {
        Path p = SharedData.resolve("forecasting/pm10_de_rural_daily_wide.csv");
        try (java.io.BufferedReader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            List<String> out = new ArrayList<>();
            String[] f = header.split(",", -1);
            for (int i = 1; i < f.length; i++) {
                out.add(unquote(f[i]));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TimeSeries series(String name, List<Long> t, List<Double> v) {
        long[] ts = t.stream().mapToLong(Long::longValue).toArray();
        double[] vs = v.stream().mapToDouble(Double::doubleValue).toArray();
        return TimeSeries.of(name, ts, vs, ZoneOffset.UTC);
    }

    private static String unquote(String s) {
        String x = s.trim();
        if (x.length() >= 2 && x.startsWith("\"") && x.endsWith("\"")) {
            return x.substring(1, x.length() - 1);
        }
        return x;
    }
}
