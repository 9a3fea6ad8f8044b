package fr.territoires.ia.spark.examples;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.timestamp_millis;

import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.core.internal.Checks;
import fr.territoires.ia.core.synthetic.WaterMeterSimulator;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Simulated hourly readings of many district water meters as a Dataset, generated on the
 * executors ({@link WaterMeterSimulator}, one seed per meter): columns {@code meter}
 * ({@code string}, {@code "meter-00042"}), {@code time} ({@code timestamp}, hourly, UTC instants
 * from Monday 2026-03-02 00:00 Paris time) and {@code flow_lph} ({@code double}, litres per hour,
 * {@code null} for the 0.5 % missing readings). Every 50th meter leaks 150 L/h from an hour drawn
 * in its second half.
 *
 * <p>Thread-safe: stateless; the generating function is serializable.
 *
 * @since 0.3.0
 */
public final class SimulatedMeters {

    private SimulatedMeters() {
    }

    /**
     * Returns the readings of {@code meters} meters over {@code hours} hours, lazily.
     *
     * @param spark the session
     * @param meters number of meters, at least 1
     * @param hours readings per meter, at least 1
     * @param partitions partitions the meters are generated in, at least 1
     * @return one row per reading: {@code meters * hours} rows
     */
    public static Dataset<Row> readings(SparkSession spark, int meters, int hours, int partitions) {
        Checks.notNull(spark, "spark");
        Checks.atLeast(meters, 1, "meters");
        Checks.atLeast(hours, 1, "hours");
        Checks.atLeast(partitions, 1, "partitions");
        StructType schema = new StructType().add("meter", DataTypes.StringType, false)
                .add("millis", DataTypes.LongType, false).add("flow_lph", DataTypes.DoubleType, true);
        FlatMapFunction<Long, Row> simulate = id -> {
            WaterMeterSimulator.Options o = WaterMeterSimulator.Options.defaults().withHours(hours).withSeed(id);
            if (id % 50 == 0) {
                o = o.withLeak(hours / 2 + Math.floorMod(id * 7919L, Math.max(1, hours / 2 - 24)), 150.0);
            }
            TimeSeries s = WaterMeterSimulator.simulate(o);
            String name = String.format(Locale.ROOT, "meter-%05d", id);
            List<Row> rows = new ArrayList<>(s.size());
            for (int i = 0; i < s.size(); i++) {
                double v = s.value(i);
                rows.add(RowFactory.create(name, s.epochMilli(i), Double.isNaN(v) ? null : v));
            }
            Iterator<Row> it = rows.iterator();
            return it;
        };
        return spark.range(0, meters, 1, partitions).as(Encoders.LONG()).flatMap(simulate, Encoders.row(schema))
                .select(col("meter"), timestamp_millis(col("millis")).as("time"), col("flow_lph"));
    }
}
