package fr.territoires.ia.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.territoires.ia.core.AtomicFiles;
import fr.territoires.ia.core.Gap;
import fr.territoires.ia.core.MultivariateTimeSeries;
import fr.territoires.ia.core.OrderPolicy;
import fr.territoires.ia.core.OrderViolation;
import fr.territoires.ia.core.ReadReport;
import fr.territoires.ia.core.TimeSeriesCsv;
import fr.territoires.ia.core.TimestampFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code check-series}: reads a CSV time series as the library's models would, and reports rows,
 * time range, usual step, gaps, missing values and rows out of order.
 */
@Command(name = "check-series", mixinStandardHelpOptions = true,
        description = "Check a CSV time series: step, gaps, missing values, order.")
final class CheckSeriesCommand implements Callable<Integer> {

    private static final int SHOWN = 10;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "CSV file with a header line.")
    private Path input;

    @Option(names = "--time-column", defaultValue = "timestamp", paramLabel = "NAME",
            description = "Timestamp column (default: ${DEFAULT-VALUE}).")
    private String timeColumn;

    @Option(names = "--value-column", defaultValue = "value", split = ",", paramLabel = "NAME",
            description = "Value column(s), comma-separated (default: ${DEFAULT-VALUE}).")
    private List<String> valueColumns;

    @Option(names = "--format", defaultValue = "auto", paramLabel = "FORMAT",
            description = "Timestamp format: auto, iso, date, or a pattern such as 'dd/MM/yyyy HH:mm' (default: ${DEFAULT-VALUE}).")
    private String format;

    @Option(names = "--zone", defaultValue = "Europe/Paris", paramLabel = "ZONE",
            description = "Zone of local timestamps (default: ${DEFAULT-VALUE}).")
    private String zone;

    @Option(names = "--delimiter", defaultValue = ",", paramLabel = "CHAR",
            description = "Field separator, one character; 'tab' for a tab (default: ${DEFAULT-VALUE}).")
    private String delimiter;

    @Option(names = "--decimal-comma", description = "Numbers use a decimal comma (12,5), as French spreadsheets write them.")
    private boolean decimalComma;

    @Option(names = "--keep-order", description = "Keep rows whose timestamp is not after the previous one, in arrival "
            + "order, and report them (the default rejects the file, naming the first such line).")
    private boolean keepOrder;

    @Option(names = "--output", paramLabel = "FILE", description = "Also write the report as JSON (whole or not at all).")
    private Path output;

    @Option(names = "--report", paramLabel = "FILE",
            description = "Also write a standalone HTML report: each column over time with gaps and missing values "
                    + "shaded, clock changes and rows out of order marked (no script, prints on A4).")
    private Path htmlReport;

    @Option(names = "--lang", defaultValue = "fr", paramLabel = "LANG",
            description = "Language of the report: fr or en (default: ${DEFAULT-VALUE}).")
    private String lang;

    @Override
    public Integer call() throws IOException {
        fr.territoires.ia.examples.report.Lang reportLang = fr.territoires.ia.examples.report.Lang.of(lang);
        TimeSeriesCsv.Options options = options();
        var read = TimeSeriesCsv.readMultivariateWithReport(input, options);
        MultivariateTimeSeries s = read.series();
        ReadReport report = read.report();
        PrintWriter out = spec.commandLine().getOut();
        out.println(report.summary());
        if (s.size() > 0) {
            out.println("  from " + s.timestamp(0) + " to " + s.timestamp(s.size() - 1) + " (UTC), zone " + s.zone());
        }
        s.step().ifPresent(step -> out.println("  usual step: " + step));
        List<Gap> gaps = s.gaps();
        out.println("  gaps: " + gaps.size());
        for (Gap g : gaps.subList(0, Math.min(SHOWN, gaps.size()))) {
            out.println("    " + g.from() + " -> " + g.to() + " (" + g.missingSteps() + " steps absent)");
        }
        if (gaps.size() > SHOWN) {
            out.println("    … " + (gaps.size() - SHOWN) + " more");
        }
        if (output != null) {
            AtomicFiles.writeString(output, json(s, report));
            out.println("  report written to " + output);
        }
        if (htmlReport != null) {
            long[] times = new long[s.size()];
            for (int i = 0; i < times.length; i++) {
                times[i] = s.epochMilli(i);
            }
            List<double[]> values = new java.util.ArrayList<>();
            for (int c = 0; c < s.columnCount(); c++) {
                double[] v = new double[s.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = s.value(i, c);
                }
                values.add(v);
            }
            AtomicFiles.writeString(htmlReport, fr.territoires.ia.examples.report.Reports.checkSeries(
                    new fr.territoires.ia.examples.report.Reports.SeriesCheck(input.getFileName().toString(), s.zone(),
                            s.columns(), times, values, gaps, report.orderViolations(),
                            read.report().dstShiftedLines()), reportLang));
            out.println("  HTML report written to " + htmlReport);
        }
        return 0;
    }

    private TimeSeriesCsv.Options options() {
        ZoneId z;
        try {
            z = ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("--zone must be a time-zone id such as Europe/Paris or UTC, was \""
                    + zone + "\"", e);
        }
        String d = "tab".equals(delimiter) ? "\t" : delimiter;
        if (d.length() != 1) {
            throw new IllegalArgumentException("--delimiter must be one character or 'tab', was \"" + delimiter + "\"");
        }
        return TimeSeriesCsv.Options.defaults()
                .withTimestampColumn(timeColumn)
                .withValueColumns(valueColumns)
                .withFormat(TimestampFormat.parse(format))
                .withZone(z)
                .withOrderPolicy(keepOrder ? OrderPolicy.KEEP_ARRIVAL_ORDER : OrderPolicy.REJECT)
                .withSeparators(d.charAt(0), decimalComma);
    }

    private static String json(MultivariateTimeSeries s, ReadReport report) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("source", report.source());
        root.put("rows", report.rows());
        if (s.size() > 0) {
            root.put("first", s.timestamp(0).toString());
            root.put("last", s.timestamp(s.size() - 1).toString());
        }
        root.put("zone", s.zone().getId());
        s.step().ifPresent(step -> root.put("step_seconds", step.toMillis() / 1000.0));
        ObjectNode missing = root.putObject("missing");
        report.missingPerColumn().forEach(missing::put);
        ArrayNode gaps = root.putArray("gaps");
        for (Gap g : s.gaps()) {
            gaps.addObject().put("from", g.from().toString()).put("to", g.to().toString())
                    .put("missing_steps", g.missingSteps());
        }
        ArrayNode order = root.putArray("order_violations");
        for (OrderViolation v : report.orderViolations()) {
            order.addObject().put("line", v.line()).put("timestamp", v.timestamp().toString())
                    .put("previous", v.previous().toString()).put("duplicate", v.duplicate());
        }
        ArrayNode shifted = root.putArray("dst_shifted_lines");
        report.dstShiftedLines().forEach(shifted::add);
        return mapper.writeValueAsString(root) + "\n";
    }
}
