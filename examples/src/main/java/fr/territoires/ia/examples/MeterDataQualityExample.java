package fr.territoires.ia.examples;

import fr.territoires.ia.core.Gap;
import fr.territoires.ia.core.OrderPolicy;
import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.core.TimeSeriesCsv;
import fr.territoires.ia.core.synthetic.WaterMeterSimulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Use case: a water utility exports a district meter's hourly flow as CSV in local time; before
 * any model sees it, check it. The export below is simulated (five weeks from 2 March 2026, so
 * it crosses the spring clock change) with what real exports contain: missing readings, a day
 * when the meter was offline, and one reading sent twice.
 *
 * <p>The reader refuses the duplicate by default (a model must not be built on it), naming the
 * line; read for streaming detection, it keeps every row in arrival order and reports it.
 */
public final class MeterDataQualityExample {

    private MeterDataQualityExample() {
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.println(run());
    }

    static String run() {
        return TempFolder.run("territoires-ia-meter", dir -> run(dir.resolve("meter-district-7.csv")));
    }

    private static String run(Path csv) throws IOException {
        TimeSeries simulated = WaterMeterSimulator.simulate(
                WaterMeterSimulator.Options.defaults().withHours(24 * 7 * 5).withMissingRate(0.01));
        writeLocalTimeExport(simulated, csv);

        StringBuilder out = new StringBuilder();
        TimeSeriesCsv.Options options = TimeSeriesCsv.Options.defaults().withValueColumn("flow_lph");
        try {
            TimeSeriesCsv.read(csv, options);
            out.append("  unexpected: the duplicate reading was accepted\n");
        } catch (IllegalArgumentException refused) {
            out.append("  default reading (for model building) refuses the file:\n    ")
                    .append(refused.getMessage().replace(csv.toString(), csv.getFileName().toString()))
                    .append('\n');
        }
        var read = TimeSeriesCsv.readWithReport(csv, options.withOrderPolicy(OrderPolicy.KEEP_ARRIVAL_ORDER));
        TimeSeries flow = read.series();
        out.append("  streaming reading keeps every row:\n    ")
                .append(read.report().summary().replace(csv.toString(), csv.getFileName().toString()))
                .append('\n');
        out.append("    usual step ").append(flow.step().orElseThrow().toMinutes()).append(" min; ");
        for (Gap gap : flow.gaps()) {
            out.append("gap from ").append(gap.from()).append(" to ").append(gap.to()).append(" (")
                    .append(gap.missingSteps()).append(" readings absent); ");
        }
        out.append("the spring clock change (29 March) reads as a regular hour in UTC.");
        return out.toString();
    }

    /** Writes the series as a utility would: local Paris time, a day offline, one reading re-sent. */
    static void writeLocalTimeExport(TimeSeries s, Path csv) throws IOException {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        ZoneId paris = ZoneId.of("Europe/Paris");
        StringBuilder sb = new StringBuilder("timestamp,flow_lph\n");
        int offlineFrom = 24 * 10;
        int offlineTo = offlineFrom + 24;
        int resent = 24 * 20 + 7;
        for (int i = 0; i < s.size(); i++) {
            if (i >= offlineFrom && i < offlineTo) {
                continue;
            }
            String line = f.format(s.timestamp(i).atZone(paris)) + ","
                    + (s.isMissing(i) ? "" : Double.toString(s.value(i))) + "\n";
            sb.append(line);
            if (i == resent) {
                sb.append(line);
            }
        }
        Files.writeString(csv, sb, StandardCharsets.UTF_8);
    }
}
