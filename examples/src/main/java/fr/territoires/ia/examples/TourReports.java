package fr.territoires.ia.examples;

import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.core.synthetic.TrafficCounterSimulator;
import fr.territoires.ia.core.synthetic.WaterMeterSimulator;
import fr.territoires.ia.forecasting.synthetic.PollutionSimulator;
import fr.territoires.ia.forecasting.synthetic.RiverSimulator;
import fr.territoires.ia.geo.GeoJson;
import fr.territoires.ia.geo.synthetic.FootprintSimulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The HTML reports of the tour: for each use case that has a runner command, its simulated input
 * is written to the tour's folder and the command runs on it with {@code --report}, as a user
 * would run it on their own file.
 *
 * <p>Instances are immutable and safe for concurrent use (the class has none).
 */
final class TourReports {

    /** The use cases that have a report. */
    static final java.util.Set<String> USE_CASES = java.util.Set.of("meter-data-quality", "water-meter-leak",
            "traffic-counter-freeze", "flood-alert", "pollution-peak", "building-classification");

    private TourReports() {
    }

    /** The command lines of a use case's reports (empty when it has none), its inputs written to {@code dir}. */
    static List<List<String>> commands(String useCase, Path dir, String lang) throws IOException {
        String base = useCase + "-report";
        return switch (useCase) {
            case "meter-data-quality" -> {
                // The use case's export: local Paris time, a day offline, one reading re-sent.
                Path csv = dir.resolve(useCase + ".csv");
                MeterDataQualityExample.writeLocalTimeExport(WaterMeterSimulator.simulate(WaterMeterSimulator.Options
                        .defaults().withHours(24 * 7 * 5).withMissingRate(0.01)), csv);
                yield List.of(List.of("check-series", "--input", csv.toString(), "--value-column", "flow_lph",
                        "--keep-order", "--report", dir.resolve(base + ".html").toString(), "--lang", lang));
            }
            case "water-meter-leak" -> {
                Path csv = csv(dir.resolve(useCase + ".csv"), WaterMeterSimulator.simulate(
                        WaterMeterSimulator.Options.defaults().withLeak(24 * 35, 150)), 0, 0);
                yield List.of(List.of("detect", "--input", csv.toString(), "--output",
                        dir.resolve(useCase + "-scores.csv").toString(), "--report", dir.resolve(base + ".html").toString(),
                        "--lang", lang));
            }
            case "traffic-counter-freeze" -> {
                Path csv = csv(dir.resolve(useCase + ".csv"), TrafficCounterSimulator.simulate(
                        TrafficCounterSimulator.Options.defaults().withFault(TrafficCounterSimulator.Fault.FREEZE,
                                (2 * 7 + 3) * 96 + 15 * 4)), 0, 0);
                yield List.of(List.of("detect", "--input", csv.toString(), "--output",
                        dir.resolve(useCase + "-scores.csv").toString(), "--report", dir.resolve(base + ".html").toString(),
                        "--lang", lang));
            }
            case "flood-alert" -> {
                LocalDate start = LocalDate.of(1996, 1, 1);
                TimeSeries river = RiverSimulator.simulate(start, 28 * 365, 3.0, 0.01, 11L);
                double[] train = Arrays.stream(river.slice(0, 20 * 365).values()).filter(v -> !Double.isNaN(v))
                        .sorted().toArray();
                long threshold = Math.round(train[(int) (0.995 * (train.length - 1))]);
                Path csv = daily(dir.resolve(useCase + ".csv"), river, "level");
                String until = start.plusYears(20).minusDays(1).toString();
                yield List.of(List.of("forecast-events", "--input", csv.toString(), "--value-column", "level",
                        "--threshold", Long.toString(threshold), "--horizon", "3", "--train-until", until, "--output",
                        dir.resolve(useCase + "-events.csv").toString(), "--report",
                        dir.resolve(base + ".html").toString(), "--lang", lang),
                        List.of("forecast", "--input", csv.toString(), "--value-column", "level", "--horizon", "3",
                                "--train-until", until, "--output", dir.resolve(useCase + "-levels.csv").toString(),
                                "--report", dir.resolve(useCase + "-levels-report.html").toString(), "--lang", lang));
            }
            case "pollution-peak" -> {
                LocalDate start = LocalDate.of(2000, 1, 1);
                TimeSeries pm10 = PollutionSimulator.simulate(start, 20 * 365 + 5, 4.0, 0.02, 5L);
                Path csv = daily(dir.resolve(useCase + ".csv"), pm10, "pm10");
                yield List.of(List.of("forecast-events", "--input", csv.toString(), "--value-column", "pm10",
                        "--threshold", "50", "--horizon", "1", "--train-until",
                        start.plusYears(15).minusDays(1).toString(), "--output",
                        dir.resolve(useCase + "-events.csv").toString(), "--report",
                        dir.resolve(base + ".html").toString(), "--lang", lang));
            }
            case "building-classification" -> {
                Path geojson = dir.resolve(useCase + ".geojson");
                GeoJson.write(geojson, FootprintSimulator.simulate(1200, 3L), "EPSG:2154");
                yield List.of(List.of("classify-shapes", "--train", geojson.toString(), "--label-property", "kind",
                        "--input", geojson.toString(), "--output", dir.resolve(useCase + "-classified.geojson")
                                .toString(), "--report", dir.resolve(base + ".html").toString(), "--lang", lang));
            }
            default -> List.of();
        };
    }

    /**
     * Runs the report commands of a use case and returns the report paths, or a one-line error.
     */
    static List<String> run(String useCase, Path dir, String lang, PrintWriter log) throws IOException {
        List<String> written = new ArrayList<>();
        for (List<String> args : commands(useCase, dir, lang)) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int status = Runner.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
            if (status != 0) {
                log.println("  report not written (" + args.get(0) + " exit " + status + "): " + err.toString().strip());
                continue;
            }
            written.add(args.get(args.indexOf("--report") + 1));
        }
        return written;
    }

    /** An ISO-timestamp CSV of a series, rows {@code [dropFrom, dropTo)} left out (a gap). */
    private static Path csv(Path file, TimeSeries s, int dropFrom, int dropTo) throws IOException {
        StringBuilder sb = new StringBuilder("timestamp,value\n");
        for (int i = 0; i < s.size(); i++) {
            if (i >= dropFrom && i < dropTo) {
                continue;
            }
            sb.append(s.timestamp(i)).append(',').append(DetectCommand.num(s.value(i))).append('\n');
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8);
        return file;
    }

    /** A daily CSV {@code date,<column>}. */
    private static Path daily(Path file, TimeSeries s, String column) throws IOException {
        StringBuilder sb = new StringBuilder("date," + column + "\n");
        for (int i = 0; i < s.size(); i++) {
            sb.append(LocalDate.ofInstant(s.timestamp(i), ZoneOffset.UTC)).append(',')
                    .append(DetectCommand.num(s.value(i))).append('\n');
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8);
        return file;
    }
}
