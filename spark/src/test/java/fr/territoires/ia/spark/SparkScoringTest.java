package fr.territoires.ia.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.anomaly.IsolationForestDetector;
import fr.territoires.ia.anomaly.MultivariateScores;
import fr.territoires.ia.core.MultivariateTimeSeries;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class SparkScoringTest {

    private static final List<String> COLUMNS = List.of("pressure", "flow", "temperature");

    /** Three correlated sensors; rows past {@code anomaliesFrom} every 97th row get a fault. */
    private static MultivariateTimeSeries sensors(int n, long seed, int anomaliesFrom) {
        SplittableRandom rng = new SplittableRandom(seed);
        long[] t = new long[n];
        double[][] v = new double[3][n];
        for (int i = 0; i < n; i++) {
            t[i] = 1_700_000_000_000L + i * 60_000L;
            double flow = 20 + 5 * Math.sin(i / 50.0) + rng.nextGaussian();
            v[0][i] = 6 - 0.1 * flow + 0.05 * rng.nextGaussian();
            v[1][i] = flow;
            v[2][i] = 12 + 0.3 * rng.nextGaussian();
            if (i >= anomaliesFrom && i % 97 == 0) {
                v[0][i] += 3; // pressure jump
            }
            if (i % 501 == 0) {
                v[2][i] = Double.NaN; // a missing cell
            }
        }
        return MultivariateTimeSeries.of("site", COLUMNS, t, v, ZoneOffset.UTC);
    }

    @Test
    void score_broadcastForestOverThreePartitions_equalsSingleMachineBitForBit() {
        MultivariateTimeSeries train = sensors(2000, 1, Integer.MAX_VALUE);
        MultivariateTimeSeries test = sensors(12_000, 2, 0);
        IsolationForestDetector.Options o = IsolationForestDetector.Options.defaults().withTrees(100);
        SparkScoring.Forest forest = SparkScoring.broadcast(SharedSpark.session(), train, o);

        StructType schema = new StructType().add("id", DataTypes.IntegerType).add("pressure", DataTypes.DoubleType)
                .add("flow", DataTypes.DoubleType).add("temperature", DataTypes.FloatType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            double temp = test.value(i, 2);
            rows.add(RowFactory.create(i, test.value(i, 0), test.value(i, 1), Double.isNaN(temp) ? null
                    : (float) temp));
        }
        // A float column is widened to double: the single-machine reference reads the same floats.
        double[][] v = new double[3][test.size()];
        long[] t = new long[test.size()];
        for (int i = 0; i < test.size(); i++) {
            t[i] = test.epochMilli(i);
            v[0][i] = test.value(i, 0);
            v[1][i] = test.value(i, 1);
            v[2][i] = Double.isNaN(test.value(i, 2)) ? Double.NaN : (double) (float) test.value(i, 2);
        }
        MultivariateScores expected = IsolationForestDetector.fit(train, o).score(MultivariateTimeSeries.of("site", COLUMNS, t, v,
                ZoneOffset.UTC));
        Dataset<Row> df = SharedSpark.session().createDataFrame(rows, schema).repartition(3);
        List<Row> got = SparkScoring.score(df, forest).collectAsList();
        assertEquals(test.size(), got.size());
        int alarms = 0;
        for (Row r : got) {
            int i = r.getInt(0);
            assertEquals(0, Double.compare(expected.score(i), r.getDouble(4)), "row " + i);
            assertEquals(expected.alarm(i), r.getBoolean(5), "row " + i);
            assertEquals(expected.alarm(i) ? expected.reason(i) : "", r.getString(6), "row " + i);
            alarms += r.getBoolean(5) ? 1 : 0;
        }
        assertTrue(alarms >= 100, "the pressure jumps raise alarms: " + alarms);
        assertEquals(expected.alarmCount(), alarms);
        // On an executor (the tasks get the forest without its driver-side detector) the detector is
        // read back from the broadcast model file: the same model card, nothing refitted.
        IsolationForestDetector readBack = IsolationForestDetector.fromModelFile(forest.detector().toModelFile());
        assertNotSame(forest.detector(), readBack);
        assertEquals(forest.detector().card(), readBack.card());
        System.out.printf("SparkScoring: 100 trees broadcast as a %d-byte model file (the 2,000 training rows "
                + "are no longer sent); 12,000 rows over 3 partitions, %d alarms, all equal%n", forest.sizeBytes(),
                alarms);
        assertEquals("3", forest.card(SharedSpark.session(), 3).details().provenance().get("spark.partitions"));
    }

    @Test
    void score_missingOrTextColumn_refusedNamingIt() {
        SparkScoring.Forest forest = SparkScoring.broadcast(SharedSpark.session(), sensors(300, 3, Integer.MAX_VALUE),
                IsolationForestDetector.Options.defaults().withTrees(5));
        Dataset<Row> df = SharedSpark.session().createDataFrame(List.of(RowFactory.create(1.0, 2.0, "x")),
                new StructType().add("pressure", DataTypes.DoubleType).add("flow", DataTypes.DoubleType)
                        .add("temperature", DataTypes.StringType));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkScoring.score(df, forest));
        assertEquals("column \"temperature\" must be numeric, was string", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SparkScoring.score(df.drop("flow"), forest));
        assertTrue(e.getMessage().startsWith("column \"flow\" of the forest is not in the rows"), e.getMessage());
    }
}
