package fr.territoires.ia.core;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import fr.territoires.ia.core.internal.Checks;
import fr.territoires.ia.core.internal.TextFiles;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Reads time series from CSV files, by column names, validating every cell at the boundary.
 *
 * <p>The first line is the header. The timestamp column is parsed with a {@link TimestampFormat}
 * (automatic by default: NAB's {@code yyyy-MM-dd HH:mm:ss}, ISO-8601 with or without zone, plain
 * dates); local times are placed in the zone of the options (Europe/Paris by default). During the
 * autumn daylight-saving change a local time occurs twice: it is read with the earlier offset,
 * unless that would step back in time, in which case the later offset is used, so a feed written
 * in local time reads in order. A local time in the spring gap does not exist: it is rejected
 * under {@link OrderPolicy#REJECT}, or moved forward by the gap and reported under
 * {@link OrderPolicy#KEEP_ARRIVAL_ORDER}.
 *
 * <p>Value cells are decimal numbers ({@code 12.5}, {@code -3}, {@code 1e-3}; with
 * {@link Options#decimalComma()}, {@code 12,5}). An empty cell, {@code NaN}, {@code NA},
 * {@code N/A} or {@code null} (any case) is a missing value: kept as {@code NaN} and counted.
 * Anything else ({@code 12 L}, {@code Infinity}, {@code 0x1p3}) is an error.
 *
 * <p>Every error is an {@link IllegalArgumentException} whose message names the line, the file,
 * the column and the value, for example
 * {@code line 17 of meters.csv: timestamp 2024-03-01 10:00:00 is not after the previous one (2024-03-01 10:05:00)}.
 * Rows are never dropped or reordered.
 *
 * <pre>{@code
 * TimeSeries flow = TimeSeriesCsv.read(Path.of("meter-42.csv"),
 *         TimeSeriesCsv.Options.defaults().withValueColumn("flow_lph"));
 * }</pre>
 *
 * <p>Instances are immutable and safe for concurrent use (the class has none; its methods are
 * static and keep no state between calls).
 *
 * @since 0.1.0
 */
public final class TimeSeriesCsv {

    /** A decimal number: no hexadecimal, no {@code Infinity}, no type suffix. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    /**
     * Options of the reader.
     *
     * @param timestampColumn name of the timestamp column in the header
     * @param valueColumns names of the value columns, at least one, unique
     * @param format how timestamps are written
     * @param zone zone in which local timestamps are read, and of the series' calendar
     * @param orderPolicy what to do with rows whose timestamp is not after the previous one
     * @param delimiter field separator, such as {@code ','} or {@code ';'}
     * @param decimalComma whether numbers use a decimal comma ({@code 12,5}), as French
     *     spreadsheets write them (use {@code ';'} as delimiter then)
     * @param rowFilter rows kept: those whose cells equal these values, column by column (for
     *     long-format files holding several stations); empty to keep every row
     * @since 0.1.0
     */
    public record Options(String timestampColumn, List<String> valueColumns, TimestampFormat format,
            ZoneId zone, OrderPolicy orderPolicy, char delimiter, boolean decimalComma,
            Map<String, String> rowFilter) {

        /**
         * Validates the options.
         *
         * @param timestampColumn timestamp column name, not blank
         * @param valueColumns value column names, at least one, unique, none equal to the
         *     timestamp column
         * @param format timestamp format
         * @param zone zone of local timestamps
         * @param orderPolicy order policy
         * @param delimiter field separator, not a quote, a line break, a letter or a digit
         * @param decimalComma whether numbers use a decimal comma
         * @param rowFilter column values a row must have to be kept
         */
        public Options {
            rowFilter = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(rowFilter, "rowFilter")));
            for (var e : rowFilter.entrySet()) {
                Checks.notBlank(e.getKey(), "rowFilter column");
                Objects.requireNonNull(e.getValue(), "rowFilter value");
            }
            Checks.notBlank(timestampColumn, "timestampColumn");
            valueColumns = List.copyOf(Checks.notEmpty(valueColumns, "valueColumns"));
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(orderPolicy, "orderPolicy");
            if (delimiter == '"' || delimiter == '\n' || delimiter == '\r'
                    || Character.isLetterOrDigit(delimiter)) {
                throw new IllegalArgumentException("delimiter must not be a quote, line break, letter or digit, was '"
                        + delimiter + "'");
            }
            if (decimalComma && delimiter == ',') {
                throw new IllegalArgumentException("delimiter must not be ',' when decimalComma is set, was ','");
            }
            for (int i = 0; i < valueColumns.size(); i++) {
                String c = valueColumns.get(i);
                Checks.notBlank(c, "valueColumns[" + i + "]");
                if (c.equals(timestampColumn)) {
                    throw new IllegalArgumentException("valueColumns must not contain the timestamp column, was \""
                            + c + "\"");
                }
                if (valueColumns.indexOf(c) != i) {
                    throw new IllegalArgumentException("valueColumns must be unique, was \"" + c + "\" twice");
                }
            }
        }

        /**
         * Returns the defaults: columns {@code timestamp} and {@code value}, automatic timestamp
         * format, zone Europe/Paris, {@link OrderPolicy#REJECT}, comma-separated, decimal point.
         *
         * @return the default options
         */
        public static Options defaults() {
            return new Options("timestamp", List.of("value"), TimestampFormat.auto(), ZoneId.of("Europe/Paris"),
                    OrderPolicy.REJECT, ',', false, Map.of());
        }

        /**
         * Returns these options with another timestamp column.
         *
         * @param name column name
         * @return new options
         */
        public Options withTimestampColumn(String name) {
            return new Options(name, valueColumns, format, zone, orderPolicy, delimiter, decimalComma, rowFilter);
        }

        /**
         * Returns these options with a single value column.
         *
         * @param name column name
         * @return new options
         */
        public Options withValueColumn(String name) {
            return withValueColumns(List.of(Checks.notNull(name, "name")));
        }

        /**
         * Returns these options with other value columns.
         *
         * @param names column names
         * @return new options
         */
        public Options withValueColumns(List<String> names) {
            return new Options(timestampColumn, names, format, zone, orderPolicy, delimiter, decimalComma, rowFilter);
        }

        /**
         * Returns these options with another timestamp format.
         *
         * @param newFormat the format
         * @return new options
         */
        public Options withFormat(TimestampFormat newFormat) {
            return new Options(timestampColumn, valueColumns, newFormat, zone, orderPolicy, delimiter, decimalComma, rowFilter);
        }

        /**
         * Returns these options with another zone.
         *
         * @param newZone the zone, such as {@code ZoneOffset.UTC} for feeds in UTC
         * @return new options
         */
        public Options withZone(ZoneId newZone) {
            return new Options(timestampColumn, valueColumns, format, newZone, orderPolicy, delimiter, decimalComma, rowFilter);
        }

        /**
         * Returns these options with another order policy.
         *
         * @param policy the policy
         * @return new options
         */
        public Options withOrderPolicy(OrderPolicy policy) {
            return new Options(timestampColumn, valueColumns, format, zone, policy, delimiter, decimalComma, rowFilter);
        }

        /**
         * Returns these options with another delimiter and decimal separator, such as
         * {@code (';', true)} for a French spreadsheet export.
         *
         * @param newDelimiter field separator
         * @param newDecimalComma whether numbers use a decimal comma
         * @return new options
         */
        public Options withSeparators(char newDelimiter, boolean newDecimalComma) {
            return new Options(timestampColumn, valueColumns, format, zone, orderPolicy, newDelimiter,
                    newDecimalComma, rowFilter);
        }

        /**
         * Returns these options keeping only the rows whose {@code column} equals {@code value},
         * such as one station of a long-format file holding several; may be called again for
         * another column. Rows left out are counted in {@link ReadReport#filteredOut()}.
         *
         * @param column column name
         * @param value value the cell must equal, exactly
         * @return new options
         */
        public Options withRowFilter(String column, String value) {
            Map<String, String> f = new LinkedHashMap<>(rowFilter);
            f.put(Checks.notBlank(column, "column"), Checks.notNull(value, "value"));
            return new Options(timestampColumn, valueColumns, format, zone, orderPolicy, delimiter, decimalComma, f);
        }
    }

    /**
     * A series read from a file, with the reader's report.
     *
     * @param series the series
     * @param report what was found while reading
     * @param <S> {@link TimeSeries} or {@link MultivariateTimeSeries}
     * @since 0.1.0
     */
    public record Read<S>(S series, ReadReport report) {

        /**
         * Validates the components.
         *
         * @param series the series
         * @param report the report
         */
        public Read {
            Objects.requireNonNull(series, "series");
            Objects.requireNonNull(report, "report");
        }
    }

    /**
     * Receives the rows of a streaming read ({@link #stream}), in file order, each validated as
     * the in-memory readers validate it.
     *
     * @since 0.2.0
     */
    @FunctionalInterface
    public interface RowSink {

        /**
         * Takes one row.
         *
         * @param line line of the file where the row starts (1 is the header)
         * @param epochMilli the timestamp, epoch milliseconds
         * @param values one value per value column of the options, {@code NaN} for a missing
         *     value; the array is reused for the next row, copy what you keep
         * @param rawTimestamp the timestamp cell as written in the file
         * @throws IOException when the sink fails to write; the read stops
         */
        void accept(long line, long epochMilli, double[] values, String rawTimestamp) throws IOException;
    }

    private TimeSeriesCsv() {
    }

    /**
     * Reads a file row by row without keeping the rows: each row is validated exactly as by
     * {@link #readMultivariateWithReport} and handed to {@code sink}. Memory does not grow with
     * the number of rows (only order violations and daylight-saving shifts, which the report
     * lists, are kept), so files larger than memory can be read.
     *
     * @param file CSV file, UTF-8 (or UTF-16 after a UTF-16 byte-order mark)
     * @param options reader options
     * @param sink receives each row
     * @return the reader's report
     * @throws IOException when the file cannot be read or the sink fails
     * @throws IllegalArgumentException when a column is missing or a cell is invalid, naming the
     *     file and line; rows before the faulty one have already been handed over
     * @since 0.2.0
     */
    public static ReadReport stream(Path file, Options options, RowSink sink) throws IOException {
        Checks.notNull(file, "file");
        Checks.notNull(options, "options");
        Checks.notNull(sink, "sink");
        String source = file.toString();
        if (!Files.exists(file)) {
            throw new NoSuchFileException(source, null, "file not found");
        }
        try (Reader in = TextFiles.newReader(file)) {
            CsvReader<CsvRecord> csv = csvReader(in, options.delimiter());
            try {
                return new Parse(source, options, sink).parse(csv);
            } catch (CsvParseException e) {
                throw notCsv(source, e);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        } catch (CharacterCodingException e) {
            throw TextFiles.notText(source, e);
        }
    }

    private static CsvReader<CsvRecord> csvReader(Reader in, char delimiter) {
        return CsvReader.builder()
                .fieldSeparator(delimiter)
                .skipEmptyLines(true)
                .allowExtraFields(true)
                .allowMissingFields(true)
                .detectBomHeader(false)
                .ofCsvRecord(in);
    }

    /** The error for text that FastCSV cannot parse, naming the file and FastCSV's reason. */
    private static IllegalArgumentException notCsv(String source, CsvParseException e) {
        return new IllegalArgumentException(source + ": not valid CSV: " + e.getMessage()
                + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"), e);
    }

    /**
     * Reads a univariate series: the timestamp column and the first value column of the options.
     *
     * @param file CSV file, UTF-8
     * @param options reader options
     * @return the series, named after its value column
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when a column is missing or a cell is invalid, naming the
     *     file, line and value
     */
    public static TimeSeries read(Path file, Options options) throws IOException {
        return readWithReport(file, options).series();
    }

    /**
     * Reads a univariate series with the reader's report.
     *
     * @param file CSV file, UTF-8
     * @param options reader options; only the first value column is read
     * @return the series and the report
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when a column is missing or a cell is invalid
     */
    public static Read<TimeSeries> readWithReport(Path file, Options options) throws IOException {
        Checks.notNull(options, "options");
        Options single = options.withValueColumns(List.of(options.valueColumns().get(0)));
        Read<MultivariateTimeSeries> m = readMultivariateWithReport(file, single);
        return new Read<>(m.series().column(0), m.report());
    }

    /**
     * Reads several aligned value columns.
     *
     * @param file CSV file, UTF-8
     * @param options reader options
     * @return the series, named after the file
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when a column is missing or a cell is invalid
     */
    public static MultivariateTimeSeries readMultivariate(Path file, Options options) throws IOException {
        return readMultivariateWithReport(file, options).series();
    }

    /**
     * Reads several aligned value columns with the reader's report.
     *
     * @param file CSV file, UTF-8 (or UTF-16 after a UTF-16 byte-order mark; a leading
     *     byte-order mark is skipped)
     * @param options reader options
     * @return the series and the report
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when a column is missing or a cell is invalid, or the
     *     bytes are not valid UTF-8 (naming the file)
     */
    public static Read<MultivariateTimeSeries> readMultivariateWithReport(Path file, Options options)
            throws IOException {
        Checks.notNull(file, "file");
        Checks.notNull(options, "options");
        String source = file.toString();
        if (!Files.exists(file)) {
            throw new NoSuchFileException(source, null, "file not found");
        }
        try (Reader in = TextFiles.newReader(file)) {
            return read(in, source, options);
        } catch (CharacterCodingException e) {
            throw TextFiles.notText(source, e);
        }
    }

    /**
     * Returns the distinct values of one column of a CSV file, in order of first appearance: the
     * series of a long-format file (one row per station and date), to read each with
     * {@link Options#withRowFilter(String, String)}.
     *
     * @param file CSV file, UTF-8, with a header line
     * @param column the column's name in the header
     * @param delimiter field separator
     * @param limit most distinct values accepted, at least 1
     * @return the values, at most {@code limit}
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when the file is empty or not valid CSV, the column is
     *     absent, a row has another number of fields than the header, or the column holds more
     *     than {@code limit} distinct values (naming the file and line)
     * @since 0.2.0
     */
    public static List<String> distinctValues(Path file, String column, char delimiter, int limit)
            throws IOException {
        return eachRowOfSeries(file, delimiter, column, "column", limit, (header, key, row) -> { });
    }

    /** Receives the rows of a long-format file, each with the series it names. */
    @FunctionalInterface
    private interface SeriesRows {

        /**
         * Takes one row.
         *
         * @param header the header line
         * @param key the row's series
         * @param row the row, with as many fields as the header
         * @throws IOException when a row cannot be handed on
         */
        void accept(CsvRecord header, String key, CsvRecord row) throws IOException;
    }

    /**
     * Reads a long-format file once, with the checks {@link #distinctValues} documents (thrown at
     * once), handing each row to {@code rows} with its series.
     *
     * @return the series, in order of first appearance
     */
    private static List<String> eachRowOfSeries(Path file, char delimiter, String column, String columnName,
            int limit, SeriesRows rows) throws IOException {
        Checks.notNull(file, "file");
        Checks.notBlank(column, columnName);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        String source = file.toString();
        if (!Files.exists(file)) {
            throw new NoSuchFileException(source, null, "file not found");
        }
        try (Reader in = TextFiles.newReader(file)) {
            var it = csvReader(in, delimiter).iterator();
            if (!it.hasNext()) {
                throw new IllegalArgumentException(source + " is empty: expected a header line naming the columns");
            }
            CsvRecord header = it.next();
            int index = seriesIndex(header, column, source);
            LinkedHashSet<String> keys = new LinkedHashSet<>();
            while (it.hasNext()) {
                CsvRecord r = it.next();
                if (r.getFieldCount() != header.getFieldCount()) {
                    throw new IllegalArgumentException("line " + r.getStartingLineNumber() + " of " + source
                            + ": expected " + header.getFieldCount() + " fields as in the header, found "
                            + r.getFieldCount());
                }
                String key = r.getField(index);
                if (keys.add(key) && keys.size() > limit) {
                    throw new IllegalArgumentException("line " + r.getStartingLineNumber() + " of " + source
                            + ": column " + column + " must hold at most " + limit + " distinct values, found more");
                }
                rows.accept(header, key, r);
            }
            return List.copyOf(keys);
        } catch (CsvParseException e) {
            throw notCsv(source, e);
        } catch (CharacterCodingException e) {
            throw TextFiles.notText(source, e);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException c) {
                throw TextFiles.notText(source, c);
            }
            throw e.getCause();
        }
    }

    /**
     * Reads a long-format file (one row per series and timestamp, the series named in
     * {@code seriesColumn}) in one pass, and returns one series per distinct value of that column,
     * in order of first appearance: the same series as {@link #readMultivariate} with the row
     * filter {@code options.withRowFilter(seriesColumn, key)} gives for each value found by
     * {@link #distinctValues}, without reading the file once per series.
     *
     * <p>Each series is validated on its own rows, as that filtered read validates it (its order,
     * its cells), and keeps the options' other row filters. A series none of whose rows pass them
     * is left out. Errors are those of that sequence of reads: first the errors of
     * {@link #distinctValues} (the file is empty or not valid CSV, {@code seriesColumn} is absent
     * or repeated, a row has another number of fields than the header, more than {@code limit}
     * series), wherever they stand in the file; otherwise the first error, in file order, of the
     * first series, in order of appearance, that has one (a missing column, an invalid timestamp
     * or value, a timestamp not after the series' previous one), with the same message, naming the
     * file and the line.
     *
     * @param file CSV file, UTF-8 (or UTF-16 after a UTF-16 byte-order mark), with a header line
     * @param options reader options, applied to each series
     * @param seriesColumn the column naming the series of each row
     * @param limit most series accepted, at least 1
     * @return the series by name, in order of first appearance; unmodifiable
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException as described above, naming the file and line
     * @since 0.3.0
     */
    public static Map<String, MultivariateTimeSeries> readBySeries(Path file, Options options, String seriesColumn,
            int limit) throws IOException {
        Checks.notNull(options, "options");
        /* One reading per series, and the first error of that series (its reading stops there). */
        final class Slot {
            final Parse parse;
            @org.jspecify.annotations.Nullable IllegalArgumentException error;

            Slot(CsvRecord header, String key) {
                parse = new Parse(file.toString(), options.withRowFilter(seriesColumn, key), null, 16);
                try {
                    parse.header(header);
                } catch (IllegalArgumentException e) {
                    error = e;
                }
            }

            void accept(CsvRecord row) throws IOException {
                if (error == null) {
                    try {
                        parse.row(row);
                    } catch (IllegalArgumentException e) {
                        error = e;
                    }
                }
            }
        }
        Map<String, Slot> slots = new LinkedHashMap<>();
        eachRowOfSeries(file, options.delimiter(), seriesColumn, "seriesColumn", limit,
                (header, key, row) -> slots.computeIfAbsent(key, k -> new Slot(header, k)).accept(row));
        Map<String, MultivariateTimeSeries> out = new LinkedHashMap<>();
        for (Map.Entry<String, Slot> e : slots.entrySet()) {
            IllegalArgumentException error = e.getValue().error;
            if (error != null) {
                throw error;
            }
            MultivariateTimeSeries series = e.getValue().parse.result().series();
            if (series.size() > 0) {
                out.put(e.getKey(), series);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** The index of the series column in the header, which must name it once. */
    private static int seriesIndex(CsvRecord header, String column, String source) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < header.getFieldCount(); i++) {
            names.add(header.getField(i).trim());
        }
        int index = names.indexOf(column);
        if (index < 0 || names.lastIndexOf(column) != index) {
            throw new IllegalArgumentException("line " + header.getStartingLineNumber() + " of " + source
                    + ": series column \"" + column + "\" " + (index < 0 ? "not found" : "appears more than once")
                    + "; the header has " + names);
        }
        return index;
    }

    /**
     * Reads several aligned value columns from a character stream.
     *
     * @param in the CSV text, a leading byte-order mark skipped; not closed
     * @param source name of the source for messages, such as a file name
     * @param options reader options
     * @return the series, named after the source, and the report
     * @throws IOException when the stream cannot be read
     * @throws IllegalArgumentException when a column is missing or a cell is invalid
     */
    public static Read<MultivariateTimeSeries> read(Reader in, String source, Options options) throws IOException {
        Checks.notNull(in, "in");
        Checks.notNull(source, "source");
        Checks.notNull(options, "options");
        PushbackReader unread = new PushbackReader(in, 1);
        int first = unread.read();
        if (first >= 0 && first != '\uFEFF') {
            unread.unread(first);
        }
        CsvReader<CsvRecord> csv = csvReader(unread, options.delimiter());
        try {
            return new Parse(source, options, null).run(csv);
        } catch (CsvParseException e) {
            throw notCsv(source, e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** One reading pass; not thread-safe, confined to the calling thread. */
    private static final class Parse {
        private final String source;
        private final Options options;
        private final String name;
        private long[] millis;
        private double[][] values;
        private int rows;
        private final List<OrderViolation> violations = new ArrayList<>();
        private final List<Long> shifted = new ArrayList<>();
        private final @org.jspecify.annotations.Nullable RowSink sink;

        // The header's columns, set by header(), and the running state of row().
        private int tsIndex;
        private int[] valueIndex = new int[0];
        private List<String> filterValues = List.of();
        private int[] filterIndex = new int[0];
        private int expected;
        private long previous = Long.MIN_VALUE;
        private int filteredOut;
        private double[] row = new double[0];
        private int[] missingCounts = new int[0];

        Parse(String source, Options options, @org.jspecify.annotations.Nullable RowSink sink) {
            this(source, options, sink, 1024);
        }

        /** A reading whose arrays start at {@code capacity} rows (they double as rows come). */
        Parse(String source, Options options, @org.jspecify.annotations.Nullable RowSink sink, int capacity) {
            this.source = source;
            this.options = options;
            this.sink = sink;
            String base = source;
            int slash = Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\'));
            base = base.substring(slash + 1);
            this.name = base.toLowerCase(Locale.ROOT).endsWith(".csv") ? base.substring(0, base.length() - 4) : base;
            this.millis = new long[sink == null ? capacity : 0];
            this.values = new double[options.valueColumns().size()][sink == null ? capacity : 0];
        }

        Read<MultivariateTimeSeries> run(CsvReader<CsvRecord> csv) throws IOException {
            parse(csv);
            return result();
        }

        /** The rows stored so far, as a series, with the report. */
        Read<MultivariateTimeSeries> result() {
            ReadReport report = report();
            long[] m = Arrays.copyOf(millis, rows);
            double[][] v = new double[values.length][];
            for (int c = 0; c < values.length; c++) {
                v[c] = Arrays.copyOf(values[c], rows);
            }
            MultivariateTimeSeries series = new MultivariateTimeSeries(name, options.zone(),
                    Timeline.owning(m, violations), options.valueColumns(), v);
            return new Read<>(series, report);
        }

        /** Validates every row, storing it or handing it to the sink; returns the report. */
        ReadReport parse(CsvReader<CsvRecord> csv) throws IOException {
            var it = csv.iterator();
            if (!it.hasNext()) {
                throw new IllegalArgumentException(source + " is empty: expected a header line naming the columns");
            }
            header(it.next());
            while (it.hasNext()) {
                row(it.next());
            }
            return report();
        }

        /** Finds the columns of the options in the header. */
        void header(CsvRecord header) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < header.getFieldCount(); i++) {
                names.add(header.getField(i).trim());
            }
            tsIndex = find(names, options.timestampColumn(), header.getStartingLineNumber(), "timestamp");
            List<String> valueNames = options.valueColumns();
            valueIndex = new int[valueNames.size()];
            for (int c = 0; c < valueIndex.length; c++) {
                valueIndex[c] = find(names, valueNames.get(c), header.getStartingLineNumber(), "value");
            }
            expected = names.size();
            filterValues = new ArrayList<>(options.rowFilter().values());
            filterIndex = new int[filterValues.size()];
            int k = 0;
            for (String column : options.rowFilter().keySet()) {
                filterIndex[k++] = find(names, column, header.getStartingLineNumber(), "filter");
            }
            row = new double[valueIndex.length];
            missingCounts = new int[valueIndex.length];
        }

        /** Validates one row after the header, storing it or handing it to the sink when it passes the filters. */
        void row(CsvRecord r) throws IOException {
            List<String> valueNames = options.valueColumns();
            long line = r.getStartingLineNumber();
            if (r.getFieldCount() != expected) {
                throw new IllegalArgumentException("line " + line + " of " + source + ": expected " + expected
                        + " fields as in the header, found " + r.getFieldCount());
            }
            for (int f = 0; f < filterIndex.length; f++) {
                if (!r.getField(filterIndex[f]).equals(filterValues.get(f))) {
                    filteredOut++;
                    return;
                }
            }
            long t = timestamp(r.getField(tsIndex), line, previous);
            if (rows > 0 && t <= previous) {
                Instant now = Instant.ofEpochMilli(t);
                Instant before = Instant.ofEpochMilli(previous);
                if (options.orderPolicy() == OrderPolicy.REJECT) {
                    throw new IllegalArgumentException("line " + line + " of " + source + ": timestamp "
                            + clip(r.getField(tsIndex).trim()) + " is not after the previous one ("
                            + (t == previous ? "duplicate of " : "previous is ") + before
                            + "); read with OrderPolicy.KEEP_ARRIVAL_ORDER to keep such rows in arrival order");
                }
                violations.add(new OrderViolation(rows, line, now, before));
            }
            for (int c = 0; c < valueIndex.length; c++) {
                row[c] = number(r.getField(valueIndex[c]), line, valueNames.get(c));
                missingCounts[c] += Double.isNaN(row[c]) ? 1 : 0;
            }
            if (rows == Integer.MAX_VALUE) {
                throw new IllegalArgumentException("line " + line + " of " + source + ": more than "
                        + Integer.MAX_VALUE + " rows");
            }
            if (sink != null) {
                sink.accept(line, t, row, r.getField(tsIndex));
            } else {
                ensureCapacity();
                millis[rows] = t;
                for (int c = 0; c < valueIndex.length; c++) {
                    values[c][rows] = row[c];
                }
            }
            rows++;
            previous = t;
        }

        /** What was found so far. */
        ReadReport report() {
            List<String> valueNames = options.valueColumns();
            Map<String, Integer> missing = new LinkedHashMap<>();
            for (int c = 0; c < valueIndex.length; c++) {
                missing.put(valueNames.get(c), missingCounts[c]);
            }
            return new ReadReport(source, rows, missing, violations, shifted, filteredOut);
        }

        private int find(List<String> names, String wanted, long line, String role) {
            int index = names.indexOf(wanted);
            if (index < 0) {
                throw new IllegalArgumentException("line " + line + " of " + source + ": " + role + " column \""
                        + wanted + "\" not found; the header has " + clip(names.toString()));
            }
            if (names.lastIndexOf(wanted) != index) {
                throw new IllegalArgumentException("line " + line + " of " + source + ": " + role + " column \""
                        + wanted + "\" appears more than once in the header " + clip(names.toString()));
            }
            return index;
        }

        /** A cell or header shortened for a one-line message: its first 80 characters and its length. */
        private static String clip(String text) {
            return text.length() <= 100 ? text : text.substring(0, 80) + "... (" + text.length() + " characters)";
        }

        private void ensureCapacity() {
            if (rows == millis.length) {
                int n = millis.length * 2;
                millis = Arrays.copyOf(millis, n);
                for (int c = 0; c < values.length; c++) {
                    values[c] = Arrays.copyOf(values[c], n);
                }
            }
        }

        private long timestamp(String text, long line, long previous) {
            try {
                return epochMilli(text, line, previous);
            } catch (ArithmeticException | java.time.DateTimeException e) {
                // Years such as +999999999 parse but do not fit in epoch milliseconds.
                throw new IllegalArgumentException("line " + line + " of " + source + ": timestamp \"" + clip(text)
                        + "\" in column \"" + options.timestampColumn() + "\" is out of the supported range "
                        + "(epoch milliseconds, years -292275055 to 292278994)", e);
            }
        }

        private long epochMilli(String text, long line, long previous) {
            Temporal parsed;
            try {
                if (text.isBlank()) {
                    throw new DateTimeParseException("empty", text, 0);
                }
                parsed = options.format().read(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("line " + line + " of " + source + ": timestamp \"" + clip(text)
                        + "\" in column \"" + options.timestampColumn() + "\" does not match the format "
                        + options.format(), e);
            }
            if (parsed instanceof Instant instant) {
                return instant.toEpochMilli();
            }
            LocalDateTime local = (LocalDateTime) parsed;
            List<ZoneOffset> offsets = options.zone().getRules().getValidOffsets(local);
            if (offsets.size() == 1) {
                return local.toInstant(offsets.get(0)).toEpochMilli();
            }
            if (offsets.size() == 2) {
                long earlier = local.toInstant(offsets.get(0)).toEpochMilli();
                long later = local.toInstant(offsets.get(1)).toEpochMilli();
                if (earlier > later) {
                    long swap = earlier;
                    earlier = later;
                    later = swap;
                }
                return (rows > 0 && earlier <= previous && later > previous) ? later : earlier;
            }
            if (options.orderPolicy() == OrderPolicy.REJECT) {
                throw new IllegalArgumentException("line " + line + " of " + source + ": local time " + clip(text.trim())
                        + " does not exist in " + options.zone()
                        + " (daylight-saving gap); read in the zone the feed was written in, or with "
                        + "OrderPolicy.KEEP_ARRIVAL_ORDER to move it forward and report it");
            }
            shifted.add(line);
            return ZonedDateTime.ofLocal(local, options.zone(), null).toInstant().toEpochMilli();
        }

        private double number(String text, long line, String column) {
            String t = text.trim();
            if (t.isEmpty() || t.equalsIgnoreCase("nan") || t.equalsIgnoreCase("na") || t.equalsIgnoreCase("n/a")
                    || t.equalsIgnoreCase("null")) {
                return Double.NaN;
            }
            String normal = t;
            if (options.decimalComma()) {
                normal = t.indexOf('.') >= 0 ? "" : t.replace(',', '.');
            }
            if (!NUMBER.matcher(normal).matches()) {
                throw new IllegalArgumentException("line " + line + " of " + source + ": value \"" + clip(text)
                        + "\" in column \"" + column + "\" is not a number"
                        + (options.decimalComma() ? " with a decimal comma" : ""));
            }
            double v = Double.parseDouble(normal);
            if (Double.isInfinite(v)) {
                throw new IllegalArgumentException("line " + line + " of " + source + ": value \"" + clip(text)
                        + "\" in column \"" + column + "\" is out of the range of a double");
            }
            return v;
        }
    }
}
