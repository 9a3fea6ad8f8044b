package fr.territoires.ia.examples;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import fr.territoires.ia.anomaly.IsolationForestDetector;
import fr.territoires.ia.anomaly.MultivariateDetector;
import fr.territoires.ia.anomaly.MultivariateScores;
import fr.territoires.ia.anomaly.OneClassSvmDetector;
import fr.territoires.ia.anomaly.BaselineDetector;
import fr.territoires.ia.anomaly.StreamDetector;
import fr.territoires.ia.anomaly.StreamingDetector;
import fr.territoires.ia.core.AtomicFiles;
import fr.territoires.ia.core.MultivariateTimeSeries;
import fr.territoires.ia.core.OrderPolicy;
import fr.territoires.ia.core.OrderViolation;
import fr.territoires.ia.core.ReadReport;
import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.core.TimeSeriesCsv;
import fr.territoires.ia.core.TimestampFormat;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code detect}: scores every row of a CSV time series for anomalies, in file order, and writes
 * one output row per input row.
 */
@Command(name = "detect", mixinStandardHelpOptions = true,
        description = "Score each row of a CSV time series for anomalies.")
final class DetectCommand implements Callable<Integer> {

    static final String HEADER = "timestamp,value,anomaly_score,is_anomaly,expected,lower,upper,reason";

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "CSV file with a header line.")
    private Path input;

    @Option(names = "--output", required = true, paramLabel = "FILE",
            description = "Output CSV: " + HEADER + " (written whole or not at all).")
    private Path output;

    @Option(names = "--time-column", defaultValue = "timestamp", paramLabel = "NAME",
            description = "Timestamp column (default: ${DEFAULT-VALUE}).")
    private String timeColumn;

    @Option(names = "--value-column", paramLabel = "NAME",
            description = "Value column; repeat it for multivariate detection (default: value).")
    private List<String> valueColumns = new ArrayList<>();

    @Option(names = "--all-numeric", description = "Use every column but the timestamp and the ignored ones "
            + "(multivariate detection).")
    private boolean allNumeric;

    @Option(names = "--ignore-column", paramLabel = "NAME",
            description = "Column left out by --all-numeric, such as a label column; repeatable.")
    private List<String> ignoreColumns = new ArrayList<>();

    @Option(names = "--separator", defaultValue = ",", paramLabel = "CHAR",
            description = "Field separator of the input, one character or 'tab' (default: ${DEFAULT-VALUE}).")
    private String separator;

    @Option(names = "--detector", defaultValue = "default", paramLabel = "NAME",
            description = "One column: default, artime, cad-ose, baseline, spike, level-shift, flatline; several: default (isolation-forest), "
                    + "isolation-forest, one-class-svm (default: ${DEFAULT-VALUE}).")
    private String detector;

    @Option(names = "--train-rows", defaultValue = "0", paramLabel = "N",
            description = "Multivariate: fit on the first N rows, assumed normal (default: 400 or a third of the "
                    + "file, whichever is smaller).")
    private int trainRows;

    @Option(names = "--format", defaultValue = "auto", paramLabel = "FORMAT",
            description = "Timestamp format: auto, iso, date, or a pattern (default: ${DEFAULT-VALUE}).")
    private String format;

    @Option(names = "--zone", defaultValue = "Europe/Paris", paramLabel = "ZONE",
            description = "Zone of local timestamps and of the calendar (default: ${DEFAULT-VALUE}).")
    private String zone;

    @Option(names = "--explain", description = "Add top_factors and top_factors_fr columns: for a flagged row, the "
            + "expected value, the observation and the deviation that raised the alarm (one column) or the columns that "
            + "contribute most (several columns), in English and French.")
    private boolean explain;

    @Option(names = "--card", paramLabel = "FILE",
            description = "Also write a model card describing the detector and this run, with its ALTAI "
                    + "self-assessment (.html, .json, otherwise Markdown).")
    private Path card;

    @Option(names = "--report", paramLabel = "FILE",
            description = "Also write a standalone HTML report: the series with its expected band and alarms, "
                    + "week panels around the main incidents, a table of incidents (no script, prints on A4).")
    private Path report;

    @Option(names = "--lang", defaultValue = "fr", paramLabel = "LANG",
            description = "Language of the report: fr or en (default: ${DEFAULT-VALUE}).")
    private String lang;

    /** Per-row results kept for the report (null without --report). */
    private double[] rExpected;
    private double[] rLower;
    private double[] rUpper;
    private double[] rScore;
    private long[] rTimes;
    private double[] rValues;
    private int kept;
    private boolean[] rAlarm;
    private List<String> rReason = new ArrayList<>();

    /** What the scoring run used, for the card. */
    private final java.util.Map<String, String> used = new java.util.LinkedHashMap<>();
    private String algorithm = "";
    /** Multivariate: sum over flagged rows of each column's share of the score. */
    private final java.util.Map<String, Double> weights = new java.util.LinkedHashMap<>();
    private fr.territoires.ia.core.trust.@org.jspecify.annotations.Nullable ModelCard fitted;

    @Override
    public Integer call() throws IOException {
        ZoneId z = zone();
        fr.territoires.ia.examples.report.Lang reportLang = fr.territoires.ia.examples.report.Lang.of(lang);
        char sep = separator();
        List<String> header = header(sep);
        List<String> columns = columns(header);
        TimeSeriesCsv.Options options = TimeSeriesCsv.Options.defaults().withTimestampColumn(timeColumn)
                .withValueColumns(columns).withFormat(TimestampFormat.parse(format)).withZone(z)
                .withOrderPolicy(OrderPolicy.KEEP_ARRIVAL_ORDER).withSeparators(sep, false);
        PrintWriter o = spec.commandLine().getOut();
        int rows;
        int alarms;
        fr.territoires.ia.core.trust.ModelCard.DataSummary summary;
        if (columns.size() == 1 && !allNumeric) {
            // Streamed: two passes over the file (validation and range, then scoring), nothing kept per row
            // unless a report is asked for.
            Pass first = new Pass();
            ReadReport pass = TimeSeriesCsv.stream(input, options, first);
            if (pass.rows() == 0) {
                throw new IllegalArgumentException(input + " has a header but no data row");
            }
            warnOrder(pass);
            StreamingDetector d = univariateDetector(z, first, pass.rows());
            if (report != null) {
                keep(pass.rows());
            }
            int[] flagged = {0};
            AtomicFiles.write(output, stream -> {
                Writer w = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
                w.write(HEADER + (explain ? ",top_factors,top_factors_fr" : "") + "\n");
                StringBuilder line = new StringBuilder(128);
                ReadReport again = TimeSeriesCsv.stream(input, options, (l, t, v, raw) -> {
                    line.setLength(0);
                    flagged[0] += scoreRow(d, t, v[0], raw, line) ? 1 : 0;
                    w.append(line);
                });
                if (again.rows() != pass.rows()) {
                    throw new IOException(input + " changed while it was read: " + pass.rows() + " then "
                            + again.rows() + " rows");
                }
                w.flush();
            });
            rows = pass.rows();
            alarms = flagged[0];
            summary = summary(rows, first.firstMillis, first.lastMillis, pass.missingPerColumn(), alarms);
        } else {
            var read = TimeSeriesCsv.readMultivariateWithReport(input, options);
            MultivariateTimeSeries series = read.series();
            if (series.size() == 0) {
                throw new IllegalArgumentException(input + " has a header but no data row");
            }
            List<String> rawTimes = rawTimestamps(sep, header.indexOf(timeColumn));
            if (rawTimes.size() != series.size()) {
                throw new IllegalStateException("read " + series.size() + " rows but " + rawTimes.size()
                        + " timestamps");
            }
            warnOrder(read.report());
            StringBuilder out = new StringBuilder(64 * series.size()).append(HEADER)
                    .append(explain ? ",top_factors,top_factors_fr" : "").append('\n');
            alarms = multivariate(series, rawTimes, out);
            for (int i = 0; i < series.size(); i++) {
                rTimes[i] = series.column(0).epochMilli(i);
                rValues[i] = rScore[i];
            }
            AtomicFiles.writeString(output, out.toString());
            rows = series.size();
            summary = summary(rows, series.column(0).epochMilli(0), series.column(0).epochMilli(rows - 1),
                    read.report().missingPerColumn(), alarms);
        }
        o.println(input + ": " + rows + " rows scored, " + alarms + " anomalies flagged; written to " + output);
        Cards.warnPersonalData(spec.commandLine().getErr(), "detect", header, List.of());
        if (card != null) {
            Cards.write(card, Cards.complete(runCard(summary), header, List.of()));
            o.println("model card written to " + card);
        }
        if (report != null) {
            boolean uni = columns.size() == 1 && !allNumeric;
            long[] times = rTimes;
            double[] values = rValues;
            String what = uni ? algorithm : algorithm + " (multivariate: the chart shows the anomaly score)";
            AtomicFiles.writeString(report, fr.territoires.ia.examples.report.Reports.detect(
                    new fr.territoires.ia.examples.report.Reports.Detection(input.getFileName().toString(), what, z,
                            times, values, rExpected, rLower, rUpper, rScore, rAlarm, rReason), reportLang));
            o.println("report written to " + report);
        }
        return 0;
    }

    /** First pass of a streamed univariate run: the range, first and last timestamps. */
    private static final class Pass implements TimeSeriesCsv.RowSink {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        long firstMillis;
        long lastMillis;
        boolean any;

        @Override
        public void accept(long line, long epochMilli, double[] values, String rawTimestamp) {
            if (!any) {
                firstMillis = epochMilli;
                any = true;
            }
            lastMillis = epochMilli;
            double v = values[0];
            if (!Double.isNaN(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
    }

    /** Share of a file StreamDetector.Options#fittedTo uses as probation, and its cap (as NAB does). */
    private static final double PROBATION_FRACTION = 0.15;
    private static final double PROBATION_CAP = PROBATION_FRACTION * 5000;

    private StreamingDetector univariateDetector(ZoneId z, Pass range, int rows) {
        BaselineDetector.Options o = BaselineDetector.Options.defaults().withZone(z);
        switch (detector) {
            case "default":
            case "artime":
            case "cad-ose": {
                StreamDetector.Options so = StreamDetector.Options.defaults().withZone(z);
                if (!detector.equals("default")) {
                    so = so.withAlgorithm(detector.equals("artime") ? StreamDetector.Algorithm.ARTIME
                            : StreamDetector.Algorithm.CONTEXT);
                }
                if (range.lo <= range.hi) {
                    // As NAB does for every detector (StreamDetector.Options#fittedTo on the whole file): the
                    // file's range, 15 % of it (at most 750 rows) as probation.
                    so = so.withRange(range.lo, range.hi).withProbationaryPoints((int) Math.max(1,
                            Math.min(Math.floor(PROBATION_FRACTION * rows), PROBATION_CAP)));
                }
                algorithm = "StreamDetector: " + (so.algorithm() == StreamDetector.Algorithm.ARTIME
                        ? "ARTime (adaptive resonance theory, Hampton 2021)" : "CAD OSE (contextual anomaly detector, "
                        + "Smirnov 2016)") + " raises the alarms, with the flatline test for stuck sensors; a robust"
                        + " seasonal baseline gives the expected value, band and reason; online, no training phase";
                used.put("detector", detector);
                used.put("options", so.toString());
                return StreamDetector.create(so);
            }
            case "baseline":
            case "spike":
            case "level-shift":
            case "flatline":
                if (detector.equals("spike")) {
                    o = o.withComponents(true, true, false, false);
                } else if (detector.equals("level-shift")) {
                    o = o.withComponents(true, false, true, false);
                } else if (detector.equals("flatline")) {
                    o = o.withComponents(true, false, false, true);
                }
                algorithm = "BaselineDetector (robust seasonal baseline per hour of week, " + (detector.equals("baseline")
                        ? "spike, level-shift and flatline components" : detector + " component")
                        + "; online, no training phase)";
                used.put("detector", detector);
                used.put("options", o.toString());
                return BaselineDetector.create(o);
            default:
                throw new IllegalArgumentException("--detector must be one of default, artime, cad-ose, baseline, spike, "
                        + "level-shift, flatline for one value column, was \"" + detector + "\"");
        }
    }

    /** Scores one row and appends its output line; returns whether it raised an alarm. */
    private boolean scoreRow(StreamingDetector d, long epochMilli, double v, String rawTime, StringBuilder out) {
        double score = d.update(epochMilli, v);
        boolean alarm = d.alarm();
        if (report != null) {
            int i = kept++;
            rTimes[i] = epochMilli;
            rValues[i] = v;
            rExpected[i] = d.expected();
            rLower[i] = d.lower();
            rUpper[i] = d.upper();
            rScore[i] = score;
            rAlarm[i] = alarm;
            rReason.add(alarm ? d.reason() : "");
        }
        out.append(csv(rawTime)).append(',').append(num(v)).append(',')
                .append(String.format(Locale.ROOT, "%.6f", score)).append(',').append(alarm ? '1' : '0').append(',')
                .append(num(d.expected())).append(',').append(num(d.lower())).append(',').append(num(d.upper()))
                .append(',').append(csv(alarm || Double.isNaN(v) ? d.reason() : ""));
        if (explain) {
            out.append(',').append(csv(alarm ? d.reason() : "")).append(',').append(csv(alarm ? reasonFr(d) : ""));
        }
        out.append('\n');
        return alarm;
    }

    /** Allocates the per-row arrays of the report. */
    private void keep(int rows) {
        rTimes = new long[rows];
        rValues = new double[rows];
        kept = 0;
        rExpected = new double[rows];
        rLower = new double[rows];
        rUpper = new double[rows];
        rScore = new double[rows];
        rAlarm = new boolean[rows];
        java.util.Arrays.fill(rExpected, Double.NaN);
        java.util.Arrays.fill(rLower, Double.NaN);
        java.util.Arrays.fill(rUpper, Double.NaN);
        rReason = new ArrayList<>(rows);
    }


    private static String reasonFr(StreamingDetector d) {
        if (d instanceof StreamDetector sd) {
            return sd.reasonFr();
        }
        return ((BaselineDetector) d).reasonFr();
    }

    private int multivariate(MultivariateTimeSeries s, List<String> rawTimes, StringBuilder out) {
        int train = trainRows > 0 ? trainRows : Math.min(400, s.size() / 3);
        if (train < 20 || train > s.size()) {
            throw new IllegalArgumentException("--train-rows must be in [20, " + s.size() + "] for " + input + " ("
                    + s.size() + " rows), was " + train);
        }
        MultivariateTimeSeries fitOn = s.slice(0, train);
        MultivariateDetector d;
        switch (detector) {
            case "default":
            case "isolation-forest":
                d = IsolationForestDetector.fit(fitOn, IsolationForestDetector.Options.defaults());
                break;
            case "one-class-svm":
                d = OneClassSvmDetector.fit(fitOn, OneClassSvmDetector.Options.defaults());
                break;
            default:
                throw new IllegalArgumentException("--detector must be one of default, isolation-forest, one-class-svm "
                        + "for several value columns, was \"" + detector + "\"");
        }
        MultivariateScores scores = d.score(s);
        used.put("detector", detector);
        used.put("trainRows", Integer.toString(train));
        if (d instanceof IsolationForestDetector f) {
            fitted = f.card();
        } else if (d instanceof OneClassSvmDetector f) {
            fitted = f.card();
        }
        keep(s.size());
        for (int i = 0; i < s.size(); i++) {
            rScore[i] = scores.score(i);
            rAlarm[i] = scores.alarm(i);
            rReason.add(scores.alarm(i) ? scores.reason(i) : "");
            out.append(csv(rawTimes.get(i))).append(",,").append(String.format(Locale.ROOT, "%.6f", scores.score(i)))
                    .append(',').append(scores.alarm(i) ? '1' : '0').append(",,,,").append(csv(scores.reason(i)));
            if (scores.alarm(i)) {
                for (fr.territoires.ia.anomaly.ColumnContribution c : scores.topColumns(i)) {
                    weights.merge(c.column(), c.contribution(), Double::sum);
                }
            }
            if (explain) {
                out.append(',').append(csv(scores.alarm(i) ? factors(scores.topColumns(i), false) : ""))
                        .append(',').append(csv(scores.alarm(i) ? factors(scores.topColumns(i), true) : ""));
            }
            out.append('\n');
        }
        return scores.alarmCount();
    }

    /**
     * "flow 62% of the score; pressure 30% of the score" (French: "flow 62 % du score ; pressure 30 % du
     * score"): the top columns and their share of the score.
     */
    static String factors(List<fr.territoires.ia.anomaly.ColumnContribution> top, boolean french) {
        StringBuilder b = new StringBuilder();
        for (fr.territoires.ia.anomaly.ColumnContribution c : top) {
            b.append(b.length() == 0 ? "" : french ? " ; " : "; ").append(c.column()).append(' ')
                    .append(String.format(Locale.ROOT, french ? "%.0f %% du score" : "%.0f%% of the score",
                            100 * c.contribution()));
        }
        return b.toString();
    }

    /** The evaluation data of the card: the file, its time range, rows, alarms and missing values. */
    private fr.territoires.ia.core.trust.ModelCard.DataSummary summary(int rows, long firstMillis, long lastMillis,
            java.util.Map<String, Integer> missingPerColumn, int alarms) {
        java.util.Map<String, String> details = new java.util.LinkedHashMap<>();
        details.put("columns", String.join(", ", missingPerColumn.keySet()));
        details.put("alarms", Integer.toString(alarms));
        details.put("alarm share", String.format(Locale.ROOT, "%.4f", alarms / (double) rows));
        details.put("missing values", Integer.toString(missingPerColumn.values().stream().mapToInt(Integer::intValue)
                .sum()));
        return new fr.territoires.ia.core.trust.ModelCard.DataSummary(input.getFileName().toString(),
                java.time.Instant.ofEpochMilli(firstMillis) + "/" + java.time.Instant.ofEpochMilli(lastMillis), rows,
                details);
    }

    /** The card of this run: the fitted model's card (multivariate) or the detector configuration. */
    private fr.territoires.ia.core.trust.ModelCard runCard(fr.territoires.ia.core.trust.ModelCard.DataSummary data) {
        fr.territoires.ia.core.trust.ModelCard.Builder b = fitted != null ? fitted.toBuilder()
                : fr.territoires.ia.core.trust.ModelCard.builder("detect " + input.getFileName())
                        .algorithm(algorithm).options(used)
                        .description("Online anomaly detector scoring each row as it reads, in file order; a row is"
                                + " flagged when the detector's score reaches its threshold, with the expected value,"
                                + " band and reason of a robust seasonal baseline.");
        if (!weights.isEmpty()) {
            // Global importance: each column's share of the flagged rows' scores, largest first.
            double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
            java.util.Map<String, Double> importance = new java.util.LinkedHashMap<>();
            weights.entrySet().stream().sorted((x, y) -> Double.compare(y.getValue(), x.getValue()))
                    .forEach(e -> importance.put(e.getKey(), total > 0 ? e.getValue() / total : 0.0));
            b.featureImportance(importance);
        }
        b.addMetric(fr.territoires.ia.core.trust.ModelCard.Metric.of("alarm rate (no labels given)",
                Integer.parseInt(data.details().get("alarms")) / (double) data.rows(), data.details().get("alarms")
                        + " of " + data.rows() + " rows flagged in this run; no labels (true or false anomaly) were"
                        + " given, so this describes the run and is not an accuracy"));
        b.evaluationData(data);
        if (fitted == null) {
            b.intendedUse(new fr.territoires.ia.core.trust.ModelCard.IntendedUse(
                    "Flag unusual readings of a sensor or meter series (leaks, stuck or drifting sensors) for"
                            + " review by an operator.",
                    List.of("network or sensor operators"),
                    List.of("billing or sanctioning a person without human review",
                            "series without a stable daily or weekly pattern")));
            b.caveats(List.of("No labelled evaluation: the alarm share is a property of the run, not an accuracy.",
                    "The baseline needs about two weeks of data before its alarms are reliable."));
        }
        return b.build();
    }

    private void warnOrder(ReadReport report) {
        List<OrderViolation> v = report.orderViolations();
        if (!v.isEmpty()) {
            spec.commandLine().getErr().println("detect: warning: " + input + ": " + v.size()
                    + (v.size() == 1 ? " row is" : " rows are") + " not after the previous one (first at line "
                    + v.get(0).line() + "); scored in arrival order");
        }
    }

    private ZoneId zone() {
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("--zone must be a time-zone id such as Europe/Paris or UTC, was \""
                    + zone + "\"", e);
        }
    }

    private char separator() {
        String d = "tab".equals(separator) ? "\t" : separator;
        if (d.length() != 1) {
            throw new IllegalArgumentException("--separator must be one character or 'tab', was \"" + separator + "\"");
        }
        return d.charAt(0);
    }

    /** The header line, to choose columns and check them before reading. */
    private List<String> header(char sep) throws IOException {
        try {
            return headerLine(sep);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw fr.territoires.ia.core.internal.TextFiles.notText(input.toString(), e);
        } catch (java.io.UncheckedIOException e) {
            if (e.getCause() instanceof java.nio.charset.CharacterCodingException c) {
                throw fr.territoires.ia.core.internal.TextFiles.notText(input.toString(), c);
            }
            throw e;
        } catch (de.siegmar.fastcsv.reader.CsvParseException e) {
            // Such as a header of more fields than the parser takes (16,384).
            throw new IllegalArgumentException(input + ": not valid CSV: " + e.getMessage()
                    + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"), e);
        }
    }

    private List<String> headerLine(char sep) throws IOException {
        try (Reader in = fr.territoires.ia.core.internal.TextFiles.newReader(input);
                CsvReader<CsvRecord> csv = reader(sep, in)) {
            var it = csv.iterator();
            if (!it.hasNext()) {
                throw new IllegalArgumentException(input + " is empty: expected a header line naming the columns");
            }
            List<String> names = new ArrayList<>();
            for (String f : it.next().getFields()) {
                names.add(f.strip().replace("\uFEFF", ""));
            }
            if (!names.contains(timeColumn)) {
                throw new IllegalArgumentException("line 1 of " + input + ": timestamp column \"" + timeColumn
                        + "\" not found; the header has " + names);
            }
            return names;
        }
    }

    private List<String> columns(List<String> header) {
        if (allNumeric) {
            if (!valueColumns.isEmpty()) {
                throw new IllegalArgumentException("--all-numeric and --value-column exclude each other");
            }
            List<String> cols = new ArrayList<>();
            for (String h : header) {
                if (!h.equals(timeColumn) && !ignoreColumns.contains(h)) {
                    cols.add(h);
                }
            }
            for (String ignored : ignoreColumns) {
                if (!header.contains(ignored)) {
                    throw new IllegalArgumentException("--ignore-column \"" + ignored + "\" is not a column of " + input
                            + "; the header has " + header);
                }
            }
            if (cols.isEmpty()) {
                throw new IllegalArgumentException(input + ": no column left to score with --all-numeric");
            }
            return cols;
        }
        return valueColumns.isEmpty() ? List.of("value") : List.copyOf(valueColumns);
    }

    /** The timestamp cells as written, to copy them to the output unchanged. */
    private List<String> rawTimestamps(char sep, int index) throws IOException {
        List<String> times = new ArrayList<>();
        try (Reader in = fr.territoires.ia.core.internal.TextFiles.newReader(input);
                CsvReader<CsvRecord> csv = reader(sep, in)) {
            boolean first = true;
            for (CsvRecord r : csv) {
                if (first) {
                    first = false;
                    continue;
                }
                times.add(r.getField(index));
            }
        }
        return times;
    }

    private static CsvReader<CsvRecord> reader(char sep, Reader in) {
        return CsvReader.builder().fieldSeparator(sep).skipEmptyLines(true).allowExtraFields(true)
                .allowMissingFields(true).ofCsvRecord(in);
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        // Six significant digits without trailing zeros ("1.5", "2e+10"), trimmed by hand: this runs
        // four times per row of a file that may hold millions.
        String g = String.format(Locale.ROOT, "%.6g", v);
        int e = g.indexOf('e');
        String mantissa = e < 0 ? g : g.substring(0, e);
        if (mantissa.indexOf('.') >= 0) {
            int end = mantissa.length();
            while (mantissa.charAt(end - 1) == '0') {
                end--;
            }
            if (mantissa.charAt(end - 1) == '.') {
                end--;
            }
            mantissa = mantissa.substring(0, end);
        }
        return e < 0 ? mantissa : mantissa + g.substring(e);
    }

    static String csv(String s) {
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
