package fr.territoires.ia.spark;

import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.core.internal.Checks;
import fr.territoires.ia.core.trust.ModelCard;
import fr.territoires.ia.forecasting.ExceedanceForecast;
import fr.territoires.ia.forecasting.ExceedanceForecaster;
import fr.territoires.ia.forecasting.FeatureSpec;
import fr.territoires.ia.forecasting.Forecast;
import fr.territoires.ia.forecasting.LevelForecaster;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapGroupsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.jspecify.annotations.Nullable;

/**
 * Forecasting of many daily series on Spark, one model per series: each series (a station, a
 * gauge) is fitted and forecast on an executor by {@link ExceedanceForecaster#fit} and
 * {@link ExceedanceForecaster#forecast} ({@link #exceedancePerSeries}) or by
 * {@link LevelForecaster#fit} and {@link LevelForecaster#forecast} ({@link #levelPerSeries}), with
 * the same forecasts and model card as on one machine, bit for bit, and the model cards are
 * collected per series.
 *
 * <pre>{@code
 * Dataset<Row> perStation = SparkForecasting.exceedancePerSeries(pm10, "station", "date", "pm10",
 *         ExceedanceForecaster.Options.defaults(50, 1), true, LocalDate.of(2006, 12, 31), LocalDate.of(2007, 1, 1));
 * perStation.select("station", "chosen_model", "error").show();
 * }</pre>
 *
 * <p><b>How it runs.</b> {@code groupByKey} on the key, then one task fits the series of a key:
 * the group is held in memory as one {@link TimeSeries} (one value per day: 36,500 values for a
 * century of records, under a megabyte), which a fit needs whole anyway (its rolling-origin
 * validation reads the whole training period). Series are independent, so the fits spread over
 * the executors' cores.
 *
 * <p><b>A network model</b> ({@link ExceedanceForecaster#fitNetwork},
 * {@link LevelForecaster#fitNetwork}) reads every series of the network on each date (the
 * network's median level of the day) and cannot be split by series: fit it on the driver from the
 * network's series (a network of stations is small). An exceedance network model is then
 * broadcast once as its model file ({@link BroadcastForecaster}) and {@link #exceedanceNetwork}
 * forecasts in time blocks, each with the few days before it that the features read.
 *
 * <p><b>Input.</b> The key column is read as text (its {@code toString}); the date column is a
 * {@code date} (a local date, read as the series' day: midnight UTC, zone UTC, as the library's
 * daily series); the value column is numeric, in the unit of the threshold ({@code null} and
 * {@code NaN} are missing days). Output: one row per series: the key ({@code string}),
 * {@code chosen_model}, {@code alert_threshold} (a probability), {@code forecast} (an array of
 * {@code (date, probability, alert)} from {@code from} to the series' last date), {@code skipped}
 * (the dates with no recent enough value), {@code card} (the model card as JSON, with the Spark
 * run's facts, see {@link SparkCards}) and {@code error}. A series the forecaster refuses (no
 * exceedance in its training period, two values on one date, a {@code null} date, no value before
 * {@code trainUntil}...) is not dropped: its row has the {@code IllegalArgumentException}'s
 * message in {@code error} and nothing else.
 *
 * <p>Thread safety: stateless; the functions shipped to the executors are serializable and hold
 * the options, or the broadcast model file, only.
 *
 * @since 0.3.0
 */
public final class SparkForecasting {

    /** Schema of one forecast row inside {@code forecast}. */
    static final StructType FORECAST_ROW = new StructType()
            .add("date", DataTypes.DateType, false)
            .add("probability", DataTypes.DoubleType, false)
            .add("alert", DataTypes.BooleanType, false);

    private SparkForecasting() {
    }

    /**
     * Fits and forecasts one {@link ExceedanceForecaster} per series (see the class description).
     *
     * @param daily one row per series and day
     * @param key name of the column that identifies a series
     * @param date name of the {@code date} column
     * @param value name of the numeric value column
     * @param options forecaster options
     * @param recommendedValidationYears whether each series gets
     *     {@link ExceedanceForecaster.Options#recommendedValidationYears(TimeSeries, LocalDate)}
     *     yearly origins (as the forecast runners do) instead of those of {@code options}
     * @param trainUntil last date a fit reads
     * @param from first issue date of the forecasts
     * @return one row per series, computed lazily
     * @throws IllegalArgumentException when a column is missing, of the wrong type or given twice
     */
    public static Dataset<Row> exceedancePerSeries(Dataset<Row> daily, String key, String date, String value,
            ExceedanceForecaster.Options options, boolean recommendedValidationYears, LocalDate trainUntil,
            LocalDate from) {
        Checks.notNull(options, "options");
        Dataset<Row> projected = project(daily, key, date, value, trainUntil, from);
        SparkSession session = daily.sparkSession();
        StructType out = new StructType()
                .add(key, DataTypes.StringType, false)
                .add("chosen_model", DataTypes.StringType, true)
                .add("alert_threshold", DataTypes.DoubleType, true)
                .add("forecast", DataTypes.createArrayType(FORECAST_ROW, false), true)
                .add("skipped", DataTypes.createArrayType(DataTypes.DateType, false), true)
                .add("card", DataTypes.StringType, true)
                .add("error", DataTypes.StringType, true);
        FitSeries fit = new FitSeries(RunContext.of(session, trainUntil, from, key, date), new Spec(options),
                recommendedValidationYears);
        return projected.groupByKey((MapFunction<Row, String>) r -> r.getString(0), Encoders.STRING())
                .mapGroups(fit, Encoders.row(out));
    }

    /**
     * Fits and forecasts one {@link LevelForecaster} per series, as {@link #exceedancePerSeries}
     * does for exceedances: {@link LevelForecaster#fit} and {@link LevelForecaster#forecast} on an
     * executor, bit for bit as on one machine. Output: one row per series: the key, {@code forecast}
     * (an array of {@code (date, horizon, forecast, lower, upper)}: the issue date, the days ahead,
     * the level forecast and its conformal interval, in the value's unit), {@code skipped},
     * {@code card} (JSON, with the Spark run's facts) and {@code error} (the message of the
     * {@code IllegalArgumentException} of a series the forecaster refuses, such as too short a
     * record; the other fields are then {@code null}).
     *
     * @param daily one row per series and day
     * @param key name of the column that identifies a series
     * @param date name of the {@code date} column
     * @param value name of the numeric value column
     * @param options forecaster options
     * @param trainUntil last date a fit reads
     * @param from first issue date of the forecasts
     * @return one row per series, computed lazily
     * @throws IllegalArgumentException when a column is missing, of the wrong type or given twice
     */
    public static Dataset<Row> levelPerSeries(Dataset<Row> daily, String key, String date, String value,
            LevelForecaster.Options options, LocalDate trainUntil, LocalDate from) {
        Checks.notNull(options, "options");
        Dataset<Row> projected = project(daily, key, date, value, trainUntil, from);
        SparkSession session = daily.sparkSession();
        StructType row = new StructType()
                .add("date", DataTypes.DateType, false)
                .add("horizon", DataTypes.IntegerType, false)
                .add("forecast", DataTypes.DoubleType, false)
                .add("lower", DataTypes.DoubleType, false)
                .add("upper", DataTypes.DoubleType, false);
        StructType out = new StructType()
                .add(key, DataTypes.StringType, false)
                .add("forecast", DataTypes.createArrayType(row, false), true)
                .add("skipped", DataTypes.createArrayType(DataTypes.DateType, false), true)
                .add("card", DataTypes.StringType, true)
                .add("error", DataTypes.StringType, true);
        FitLevel fit = new FitLevel(RunContext.of(session, trainUntil, from, key, date), new LevelSpec(options));
        return projected.groupByKey((MapFunction<Row, String>) r -> r.getString(0), Encoders.STRING())
                .mapGroups(fit, Encoders.row(out));
    }

    /** Default length of the time blocks of {@link #exceedanceNetwork}, in days. */
    public static final int DEFAULT_BLOCK_DAYS = 365;

    /** Schema of the rows of {@link #exceedanceNetwork}. */
    static final StructType NETWORK_ROW = new StructType()
            .add("date", DataTypes.DateType, false)
            .add("series", DataTypes.StringType, false)
            .add("probability", DataTypes.DoubleType, false)
            .add("alert", DataTypes.BooleanType, false);

    /**
     * Forecasts every series of a network with one fitted network {@link ExceedanceForecaster}
     * (one model for every station, {@link ExceedanceForecaster#fitNetwork}) broadcast once, with
     * the same probabilities and alerts as {@link ExceedanceForecaster#forecastNetwork} on one
     * machine, bit for bit.
     *
     * <p><b>How it runs.</b> The forecast of date {@code d} reads every series on the days
     * {@code d - L .. d} only, {@code L = forecaster.lookBackDays()} (the largest of
     * {@code horizon - 1}, the lags, the rises, each window minus one, and 1 for the network's
     * rise of the day: 29 days with {@link FeatureSpec#defaults()}). So the issue dates from
     * {@code from} on are cut into time blocks of {@code blockDays} days, each block's task is
     * given every series' readings on its dates and the {@code L} days before (its halo: each
     * reading is shipped to at most {@code 1 + ceil(L / blockDays)} blocks), forecasts the network
     * there and keeps the block's dates. The forecaster travels as its model file's bytes
     * ({@link BroadcastForecaster}), read back once per executor JVM. Calling this method runs one
     * small job on the driver (each series' last date, to end its forecasts where the whole record
     * would); the forecasts are computed lazily.
     *
     * <p><b>Series.</b> Every series must be one the forecaster fixed the scale of at fitting
     * ({@link ExceedanceForecaster#fittedSeries()}): a series never seen is scaled from its own
     * first values, which a block does not hold, so it is refused (forecast it on one machine with
     * {@link ExceedanceForecaster#forecastNetwork}). Forecasters fitted with covariates are
     * refused too.
     *
     * <p><b>Input</b> as {@link #exceedancePerSeries}: key (read as text), {@code date} column,
     * numeric value ({@code null} and {@code NaN} are missing days), at most one row per series and
     * day (two values on one day fail the job with the forecaster's message). <b>Output</b>: one
     * row per series and forecast date from {@code from} to the series' last date ({@code date},
     * {@code series}, {@code probability}, {@code alert}), as the {@code forecast-events} runner
     * writes them; dates with no value within the horizon (the single-machine {@code skipped()})
     * have no row. Row order is unspecified. The run's card: {@link BroadcastForecaster#card}.
     *
     * @param daily one row per series and day
     * @param key name of the column that identifies a series
     * @param date name of the {@code date} column
     * @param value name of the numeric value column, in the forecaster's unit
     * @param model the broadcast network forecaster
     * @param from first issue date
     * @param blockDays length of a time block in days, at least 1 ({@link #DEFAULT_BLOCK_DAYS});
     *     shorter blocks mean more tasks and more halo readings shipped
     * @return the forecast rows, computed lazily
     * @throws NullPointerException when {@code model} or {@code from} is null
     * @throws IllegalArgumentException when a column is missing, of the wrong type or given twice,
     *     {@code blockDays < 1}, the forecaster was fitted with covariates, a key or a date is
     *     {@code null}, or a series is not one of {@link ExceedanceForecaster#fittedSeries()}
     */
    public static Dataset<Row> exceedanceNetwork(Dataset<Row> daily, String key, String date, String value,
            BroadcastForecaster model, LocalDate from, int blockDays) {
        Checks.notNull(model, "model");
        Checks.notNull(from, "from");
        if (blockDays < 1) {
            throw new IllegalArgumentException("blockDays must be >= 1, was " + blockDays);
        }
        ExceedanceForecaster f = model.forecaster();
        if (f.covariateCount() != 0) {
            throw new IllegalArgumentException("forecaster must be fitted without covariates to forecast a "
                    + "network on Spark, was fitted with " + f.covariateCount());
        }
        Dataset<Row> projected = project(daily, key, date, value, from, from);
        Dataset<Row> readings = projected.select(projected.col("k"),
                functions.datediff(projected.col(date), functions.to_date(functions.lit("1970-01-01")))
                        .as("day"), projected.col("v"));
        List<Row> stats = readings.groupBy("k").agg(functions.max("day"),
                functions.sum(functions.when(functions.col("day").isNull(), 1).otherwise(0))).collectAsList();
        Set<String> fitted = f.fittedSeries();
        Map<String, Integer> lastDay = new HashMap<>();
        long last = Long.MIN_VALUE;
        for (Row r : stats) {
            if (r.isNullAt(0)) {
                throw new IllegalArgumentException("key column \"" + key + "\" must not be null (a row must name "
                        + "its series)");
            }
            String k = r.getString(0);
            if (r.getLong(2) > 0) {
                throw new IllegalArgumentException("date column \"" + date + "\" must not be null, was null "
                        + r.getLong(2) + " time(s) for key " + k);
            }
            if (!fitted.contains(k)) {
                throw new IllegalArgumentException("series \"" + k + "\" must be one whose scale the forecaster "
                        + "fixed at fitting " + fitted + ", was not: a series never seen is scaled from its first "
                        + "values, which a time block does not hold; forecast it with forecastNetwork on one machine");
            }
            lastDay.put(k, r.getInt(1));
            last = Math.max(last, r.getInt(1));
        }
        int lookBack = f.lookBackDays();
        long start = from.toEpochDay();
        long lastBlock = last == Long.MIN_VALUE ? -1 : Math.floorDiv(last - start, blockDays);
        SparkSession session = daily.sparkSession();
        Dataset<Row> blocks = readings.filter(readings.col("day").geq(start - lookBack))
                .flatMap(new NetworkBlocks.Assign(start, blockDays, lookBack, lastBlock),
                        Encoders.row(NetworkBlocks.BLOCK_ROW));
        return blocks.groupByKey((MapFunction<Row, Integer>) r -> r.getInt(0), Encoders.INT())
                .flatMapGroups(new NetworkBlocks.Forecast(model, start, blockDays, lastDay,
                        session.sessionState().conf().datetimeJava8ApiEnabled()), Encoders.row(NETWORK_ROW));
    }

    /** Checks the columns and projects them to (key as text, date, value as double). */
    private static Dataset<Row> project(Dataset<Row> daily, String key, String date, String value,
            LocalDate trainUntil, LocalDate from) {
        Checks.notNull(daily, "daily");
        Checks.notNull(trainUntil, "trainUntil");
        Checks.notNull(from, "from");
        StructType in = daily.schema();
        Columns.find(in, key, "key", "data");
        if (!Columns.find(in, date, "date", "data").dataType().equals(DataTypes.DateType)) {
            throw new IllegalArgumentException("date column \"" + date + "\" must be a date, was "
                    + in.apply(date).dataType().simpleString());
        }
        if (!(Columns.find(in, value, "value", "data").dataType() instanceof NumericType)) {
            throw new IllegalArgumentException("value column \"" + value + "\" must be numeric, was "
                    + in.apply(value).dataType().simpleString());
        }
        if (key.equals(date) || key.equals(value) || date.equals(value)) {
            throw new IllegalArgumentException("key, date and value must be three different columns, were \"" + key
                    + "\", \"" + date + "\" and \"" + value + "\"");
        }
        return daily.select(daily.col(key).cast(DataTypes.StringType).as("k"), daily.col(date),
                daily.col(value).cast(DataTypes.DoubleType).as("v"));
    }


    /** Serializable form of a {@link FeatureSpec}, shared by both forecasters' option forms. */
    static final class Features implements Serializable {
        private static final long serialVersionUID = 1L;
        private final ArrayList<Integer> lags;
        private final ArrayList<Integer> rises;
        private final ArrayList<Integer> windows;
        private final boolean calendar;
        private final ArrayList<Integer> covariateLags;

        Features(FeatureSpec f) {
            lags = new ArrayList<>(f.lags());
            rises = new ArrayList<>(f.rises());
            windows = new ArrayList<>(f.windows());
            calendar = f.calendar();
            covariateLags = new ArrayList<>(f.covariateLags());
        }

        FeatureSpec spec() {
            return new FeatureSpec(lags, rises, windows, calendar, covariateLags);
        }
    }

    /** Serializable form of {@link ExceedanceForecaster.Options} (the record is not serializable). */
    static final class Spec implements Serializable {
        private static final long serialVersionUID = 1L;
        private final double threshold;
        private final int horizon;
        private final int validationYears;
        private final double targetPrecision;
        private final double maxFalseAlertsPerYear;
        private final String calibration;
        private final Features features;

        Spec(ExceedanceForecaster.Options o) {
            threshold = o.threshold();
            horizon = o.horizon();
            validationYears = o.validationYears();
            targetPrecision = o.targetPrecision();
            maxFalseAlertsPerYear = o.maxFalseAlertsPerYear();
            calibration = o.calibration().name();
            features = new Features(o.features());
        }

        ExceedanceForecaster.Options options() {
            return new ExceedanceForecaster.Options(threshold, horizon, validationYears, targetPrecision,
                    maxFalseAlertsPerYear, ExceedanceForecaster.Calibration.valueOf(calibration),
                    features.spec());
        }
    }

    /**
     * The series of one key in date order (stable: two values on one date stay, and the forecaster
     * names them), days at midnight UTC.
     */
    static TimeSeries series(String key, Iterator<Row> rows, String dateColumn) {
        List<Long> days = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        while (rows.hasNext()) {
            Row r = rows.next();
            Object d = r.get(1);
            if (d == null) {
                throw new IllegalArgumentException("date column \"" + dateColumn + "\" must not be null, was null "
                        + "for key " + key);
            }
            days.add(d instanceof LocalDate ld ? ld.toEpochDay() : ((java.sql.Date) d).toLocalDate().toEpochDay());
            values.add(r.isNullAt(2) ? Double.NaN : r.getDouble(2));
        }
        Integer[] order = new Integer[days.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Long.compare(days.get(a), days.get(b)));
        long[] millis = new long[order.length];
        double[] v = new double[order.length];
        for (int i = 0; i < order.length; i++) {
            millis[i] = days.get(order[i]) * 86_400_000L;
            v[i] = values.get(order[i]);
        }
        return TimeSeries.of(key, millis, v, ZoneOffset.UTC);
    }

    /**
     * The facts of one run that both per-series functions ship to the executors: the fit and issue
     * dates (epoch days), the session's date encoding and the Spark facts written into the cards.
     *
     * @param trainUntil last date a fit reads, in days since 1970-01-01
     * @param from first issue date of the forecasts, in days since 1970-01-01
     * @param java8 whether the session encodes dates as {@link LocalDate} (else {@code java.sql.Date})
     * @param version the Spark version, for the card
     * @param master the Spark master, for the card
     * @param partitions the session's shuffle partitions, for the card
     * @param keyColumn name of the key column, for the messages
     * @param dateColumn name of the date column, for the messages
     */
    private record RunContext(long trainUntil, long from, boolean java8, String version, String master,
            int partitions, String keyColumn, String dateColumn) implements Serializable {

        static RunContext of(SparkSession session, LocalDate trainUntil, LocalDate from, String keyColumn,
                String dateColumn) {
            return new RunContext(trainUntil.toEpochDay(), from.toEpochDay(),
                    session.sessionState().conf().datetimeJava8ApiEnabled(), session.version(),
                    session.sparkContext().master(), session.sessionState().conf().numShufflePartitions(),
                    keyColumn, dateColumn);
        }

        /** The key of a group; a {@code null} key (a row naming no series) fails the job. */
        String key(@Nullable String key) {
            if (key == null) {
                throw new IllegalArgumentException("key column \"" + keyColumn + "\" must not be null (a row must "
                        + "name its series)");
            }
            return key;
        }

        /** The series of a group's rows (see {@link SparkForecasting#series}). */
        TimeSeries series(String key, Iterator<Row> rows) {
            return SparkForecasting.series(key, rows, dateColumn);
        }

        LocalDate trainUntilDate() {
            return LocalDate.ofEpochDay(trainUntil);
        }

        LocalDate fromDate() {
            return LocalDate.ofEpochDay(from);
        }

        /** A date as the session's row encoder expects it. */
        Object date(LocalDate d) {
            return SparkForecasting.date(d, java8);
        }

        /** The dates not forecast, as a Spark array. */
        Object skipped(List<LocalDate> dates) {
            List<Object> out = new ArrayList<>(dates.size());
            for (LocalDate d : dates) {
                out.add(date(d));
            }
            return scala.jdk.javaapi.CollectionConverters.asScala(out).toSeq();
        }

        /** The card as JSON, with this run's Spark facts. */
        String card(ModelCard card) {
            return SparkCards.ranOnSpark(card, version, master, partitions).toJson();
        }
    }

    /** Fits and forecasts the series of one key. */
    private static final class FitSeries implements MapGroupsFunction<String, Row, Row> {
        private static final long serialVersionUID = 1L;
        private final RunContext run;
        private final Spec spec;
        private final boolean recommended;

        FitSeries(RunContext run, Spec spec, boolean recommended) {
            this.run = run;
            this.spec = spec;
            this.recommended = recommended;
        }

        @Override
        public Row call(@Nullable String group, Iterator<Row> rows) {
            String key = run.key(group);
            try {
                TimeSeries series = run.series(key, rows);
                LocalDate until = run.trainUntilDate();
                ExceedanceForecaster.Options o = spec.options();
                if (recommended) {
                    o = o.withValidationYears(ExceedanceForecaster.Options.recommendedValidationYears(series, until));
                }
                ExceedanceForecaster f = ExceedanceForecaster.fit(series, List.of(), until, o);
                ExceedanceForecast fc = f.forecast(series, List.of(), run.fromDate());
                List<Row> out = new ArrayList<>(fc.rows().size());
                for (ExceedanceForecast.Row r : fc.rows()) {
                    out.add(RowFactory.create(run.date(r.date()), r.probability(), r.alert()));
                }
                return RowFactory.create(key, f.chosenModel(), fc.alertThreshold(),
                        scala.jdk.javaapi.CollectionConverters.asScala(out).toSeq(), run.skipped(fc.skipped()),
                        run.card(f.card()), null);
            } catch (IllegalArgumentException e) {
                return RowFactory.create(key, null, null, null, null, null, e.getMessage());
            }
        }
    }

    /** Serializable form of {@link LevelForecaster.Options} (the record is not serializable). */
    static final class LevelSpec implements Serializable {
        private static final long serialVersionUID = 1L;
        private final int maxHorizon;
        private final double coverage;
        private final int validationYears;
        private final int epochs;
        private final long seed;
        private final Features features;

        LevelSpec(LevelForecaster.Options o) {
            maxHorizon = o.maxHorizon();
            coverage = o.coverage();
            validationYears = o.validationYears();
            epochs = o.epochs();
            seed = o.seed();
            features = new Features(o.features());
        }

        LevelForecaster.Options options() {
            return new LevelForecaster.Options(maxHorizon, coverage, validationYears, epochs,
                    features.spec(), seed);
        }
    }

    /** Fits and forecasts the levels of one key. */
    private static final class FitLevel implements MapGroupsFunction<String, Row, Row> {
        private static final long serialVersionUID = 1L;
        private final RunContext run;
        private final LevelSpec spec;

        FitLevel(RunContext run, LevelSpec spec) {
            this.run = run;
            this.spec = spec;
        }

        @Override
        public Row call(@Nullable String group, Iterator<Row> rows) {
            String key = run.key(group);
            try {
                TimeSeries series = run.series(key, rows);
                LevelForecaster f = LevelForecaster.fit(series, List.of(), run.trainUntilDate(), spec.options());
                Forecast fc = f.forecast(series, List.of(), run.fromDate());
                List<Row> out = new ArrayList<>(fc.rows().size());
                for (Forecast.Row r : fc.rows()) {
                    out.add(RowFactory.create(run.date(r.date()), r.horizon(), r.forecast(), r.lower(), r.upper()));
                }
                return RowFactory.create(key, scala.jdk.javaapi.CollectionConverters.asScala(out).toSeq(),
                        run.skipped(fc.skipped()), run.card(f.card()), null);
            } catch (IllegalArgumentException e) {
                return RowFactory.create(key, null, null, null, e.getMessage());
            }
        }
    }

    /** A date as the session's row encoder expects it. */
    static Object date(LocalDate d, boolean java8) {
        return java8 ? d : java.sql.Date.valueOf(d);
    }
}
