package fr.territoires.ia.spark;

import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.forecasting.ExceedanceForecast;
import fr.territoires.ia.forecasting.ExceedanceForecaster;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The time blocks of {@link SparkForecasting#exceedanceNetwork}: issue dates from {@code from} on
 * are cut into blocks of {@code blockDays} days; block {@code b} covers the days
 * {@code [from + b * blockDays, from + (b + 1) * blockDays - 1]} and is given every reading of
 * every series on the days {@code [blockStart - lookBack, blockEnd]} (its halo: the look-back of
 * {@link ExceedanceForecaster#lookBackDays()}).
 *
 * <p>Thread safety: the functions are immutable and serializable.
 */
final class NetworkBlocks {

    /** A reading sent to a block: block index, series, epoch day, value (null = missing). */
    static final StructType BLOCK_ROW = new StructType()
            .add("block", DataTypes.IntegerType, false)
            .add("k", DataTypes.StringType, false)
            .add("day", DataTypes.IntegerType, false)
            .add("v", DataTypes.DoubleType, true);

    private NetworkBlocks() {
    }

    /**
     * Sends each reading (series, epoch day, value) to the blocks that read it: its own block
     * and the next ones whose halo reaches back to it, up to the last block.
     */
    static final class Assign implements FlatMapFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final long from;
        private final int blockDays;
        private final int lookBack;
        private final long lastBlock;

        Assign(long from, int blockDays, int lookBack, long lastBlock) {
            this.from = from;
            this.blockDays = blockDays;
            this.lookBack = lookBack;
            this.lastBlock = lastBlock;
        }

        @Override
        public Iterator<Row> call(Row r) {
            int day = r.getInt(1);
            long low = Math.max(0, Math.floorDiv(day - from, blockDays));
            long high = Math.min(lastBlock, Math.floorDiv(day - from + lookBack, blockDays));
            if (low > high) {
                return Collections.emptyIterator();
            }
            List<Row> out = new ArrayList<>((int) (high - low + 1));
            Object v = r.isNullAt(2) ? null : r.getDouble(2);
            for (long b = low; b <= high; b++) {
                out.add(RowFactory.create((int) b, r.getString(0), day, v));
            }
            return out.iterator();
        }
    }

    /** Forecasts one block: the network's series on the block and its halo, then the block's dates. */
    static final class Forecast implements FlatMapGroupsFunction<Integer, Row, Row> {
        private static final long serialVersionUID = 1L;
        private final BroadcastForecaster model;
        private final long from;
        private final int blockDays;
        /** Last day of each series over the whole input (the end of its forecasts). */
        private final HashMap<String, Integer> lastDay;
        private final boolean java8;

        Forecast(BroadcastForecaster model, long from, int blockDays, Map<String, Integer> lastDay,
                boolean java8) {
            this.model = model;
            this.from = from;
            this.blockDays = blockDays;
            this.lastDay = new HashMap<>(lastDay);
            this.java8 = java8;
        }

        @Override
        public Iterator<Row> call(Integer block, Iterator<Row> readings) {
            long start = from + (long) block * blockDays;
            long end = start + blockDays - 1;
            // Series in name order (the network features do not depend on the order); each
            // reading as {epoch day, value}, exact in a double.
            Map<String, List<double[]>> bySeries = new TreeMap<>();
            while (readings.hasNext()) {
                Row r = readings.next();
                bySeries.computeIfAbsent(r.getString(1), x -> new ArrayList<>())
                        .add(new double[] {r.getInt(2), r.isNullAt(3) ? Double.NaN : r.getDouble(3)});
            }
            List<TimeSeries> network = new ArrayList<>(bySeries.size());
            for (Map.Entry<String, List<double[]>> e : bySeries.entrySet()) {
                network.add(series(e.getKey(), e.getValue(), end));
            }
            ExceedanceForecaster f = model.forecaster();
            Map<String, ExceedanceForecast> fc = f.forecastNetwork(network, List.of(),
                    LocalDate.ofEpochDay(start));
            List<Row> out = new ArrayList<>();
            for (Map.Entry<String, ExceedanceForecast> e : fc.entrySet()) {
                for (ExceedanceForecast.Row r : e.getValue().rows()) {
                    if (r.date().toEpochDay() <= end) {
                        out.add(RowFactory.create(SparkForecasting.date(r.date(), java8), e.getKey(),
                                r.probability(), r.alert()));
                    }
                }
            }
            return out.iterator();
        }

        /**
         * The readings of one series in date order (stable: two values on one day stay, and the
         * forecaster names them), days at midnight UTC, ended by a missing value on the last day
         * the whole record would forecast in this block: a series whose readings stop before the
         * block's end is forecast up to the same day as on one machine.
         */
        private TimeSeries series(String key, List<double[]> readings, long end) {
            readings.sort((a, b) -> Double.compare(a[0], b[0])); // stable
            long lastRead = (long) readings.get(readings.size() - 1)[0];
            Integer last = lastDay.get(key);
            long stop = last == null ? lastRead : Math.min(end, last);
            int n = readings.size() + (stop > lastRead ? 1 : 0);
            long[] millis = new long[n];
            double[] v = new double[n];
            for (int i = 0; i < readings.size(); i++) {
                millis[i] = (long) readings.get(i)[0] * 86_400_000L;
                v[i] = readings.get(i)[1];
            }
            if (stop > lastRead) {
                millis[n - 1] = stop * 86_400_000L;
                v[n - 1] = Double.NaN;
            }
            return TimeSeries.of(key, millis, v, ZoneOffset.UTC);
        }
    }
}
