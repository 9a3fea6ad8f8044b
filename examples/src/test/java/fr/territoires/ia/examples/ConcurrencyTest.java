package fr.territoires.ia.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.territoires.ia.anomaly.ArtimeDetector;
import fr.territoires.ia.anomaly.BaselineDetector;
import fr.territoires.ia.anomaly.ContextAnomalyDetector;
import fr.territoires.ia.anomaly.IsolationForestDetector;
import fr.territoires.ia.anomaly.MultivariateScores;
import fr.territoires.ia.anomaly.OneClassSvmDetector;
import fr.territoires.ia.anomaly.StreamDetector;
import fr.territoires.ia.anomaly.StreamingDetector;
import fr.territoires.ia.core.MultivariateTimeSeries;
import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.core.TimeSeriesCsv;
import fr.territoires.ia.core.fast.CompiledTrees;
import fr.territoires.ia.core.fast.LinearPredictor;
import fr.territoires.ia.forecasting.ExceedanceForecast;
import fr.territoires.ia.forecasting.ExceedanceForecaster;
import fr.territoires.ia.forecasting.Forecast;
import fr.territoires.ia.forecasting.LevelForecaster;
import fr.territoires.ia.forecasting.synthetic.RiverSimulator;
import fr.territoires.ia.geo.Feature;
import fr.territoires.ia.geo.ShapeClassifier;
import fr.territoires.ia.geo.synthetic.FootprintSimulator;
import java.io.StringReader;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Concurrent use equals sequential use. Every fitted model type is scored from 8 threads at once,
 * released together by a barrier, many times each; every result must be bit-identical (compared
 * through {@link Double#doubleToRawLongBits}) to the one computed before on one thread. Streaming
 * detectors (one instance per stream, never shared) score 1,000 streams on a pool of 8 threads;
 * each stream's scores, alarms and bands must equal those of a sequential run.
 */
class ConcurrencyTest {

    private static final int THREADS = 8;

    /** Runs {@code work} {@code iterations} times on each of 8 threads at once; each result must equal {@code expected}. */
    static void assertConcurrentEqualsSequential(String what, Callable<String> work, int iterations) throws Exception {
        String expected = work.call();
        CyclicBarrier start = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    int same = 0;
                    for (int i = 0; i < iterations; i++) {
                        same += work.call().equals(expected) ? 1 : 0;
                    }
                    return same;
                }));
            }
            int same = 0;
            for (Future<Integer> f : done) {
                same += f.get();
            }
            assertEquals(THREADS * iterations, same, what + ": concurrent results bit-identical to sequential");
        } finally {
            pool.shutdownNow();
        }
    }

    private static void bits(StringBuilder b, double v) {
        b.append(Long.toHexString(Double.doubleToRawLongBits(v))).append(',');
    }

    @Test
    void shapeClassifier() throws Exception {
        ShapeClassifier model = ShapeClassifier.fit(FootprintSimulator.simulate(300, 21L), "kind",
                ShapeClassifier.Options.defaults());
        List<Feature> input = FootprintSimulator.simulate(120, 22L);
        assertConcurrentEqualsSequential("ShapeClassifier", () -> {
            StringBuilder b = new StringBuilder();
            for (ShapeClassifier.Prediction p : model.classify(input)) {
                b.append(p.label()).append(':');
                bits(b, p.confidence());
            }
            return b.toString();
        }, 20);
    }

    @Test
    void forecasters() throws Exception {
        TimeSeries river = RiverSimulator.simulate(LocalDate.of(2000, 1, 1), 8 * 365, 4.0, 0.0, 5L);
        LocalDate until = LocalDate.of(2005, 12, 31);
        double threshold = quantile(river, 0.97);
        ExceedanceForecaster events = ExceedanceForecaster.fit(river, List.of(), until,
                ExceedanceForecaster.Options.defaults(threshold, 3).withValidationYears(2));
        LevelForecaster levels = LevelForecaster.fit(river, List.of(), until,
                LevelForecaster.Options.defaults(3).withValidationYears(2));
        assertConcurrentEqualsSequential("ExceedanceForecaster", () -> {
            ExceedanceForecast f = events.forecast(river, List.of(), until.plusDays(1));
            StringBuilder b = new StringBuilder();
            for (ExceedanceForecast.Row r : f.rows()) {
                b.append(r.date()).append(r.alert() ? '!' : '.');
                bits(b, r.probability());
            }
            return b.toString();
        }, 10);
        assertConcurrentEqualsSequential("LevelForecaster", () -> {
            Forecast f = levels.forecast(river, List.of(), until.plusDays(1));
            StringBuilder b = new StringBuilder();
            for (Forecast.Row r : f.rows()) {
                b.append(r.date()).append(r.horizon());
                bits(b, r.forecast());
                bits(b, r.lower());
                bits(b, r.upper());
            }
            return b.toString();
        }, 10);
    }

    private static double quantile(TimeSeries s, double q) {
        List<Double> v = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            if (!Double.isNaN(s.value(i))) {
                v.add(s.value(i));
            }
        }
        v.sort(null);
        return v.get((int) (q * (v.size() - 1)));
    }

    @Test
    void multivariateDetectors() throws Exception {
        MultivariateTimeSeries train = sensors(600, 1L);
        MultivariateTimeSeries test = sensors(400, 2L);
        IsolationForestDetector forest = IsolationForestDetector.fit(train, IsolationForestDetector.Options.defaults());
        OneClassSvmDetector svm = OneClassSvmDetector.fit(train, OneClassSvmDetector.Options.defaults());
        assertConcurrentEqualsSequential("IsolationForestDetector", () -> scores(forest.score(test)), 20);
        assertConcurrentEqualsSequential("OneClassSvmDetector", () -> scores(svm.score(test)), 20);
    }

    private static String scores(MultivariateScores s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.size(); i++) {
            bits(b, s.score(i));
            b.append(s.alarm(i) ? '!' : '.').append(s.reason(i));
        }
        return b.toString();
    }

    /** Three correlated sensors, hourly, a few outliers. */
    private static MultivariateTimeSeries sensors(int rows, long seed) throws Exception {
        Random r = new Random(seed);
        StringBuilder csv = new StringBuilder("timestamp,flow,pressure,temperature\n");
        long t0 = java.time.LocalDateTime.of(2024, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
        for (int i = 0; i < rows; i++) {
            double flow = 50 + 20 * Math.sin(i * 2 * Math.PI / 24) + r.nextGaussian() * 2 + (r.nextInt(100) == 0 ? 60 : 0);
            csv.append(java.time.Instant.ofEpochSecond(t0 + 3600L * i)).append(',').append(flow).append(',')
                    .append(3 - flow / 100 + r.nextGaussian() * 0.05).append(',').append(12 + r.nextGaussian()).append('\n');
        }
        return TimeSeriesCsv.read(new StringReader(csv.toString()), "sensors",
                TimeSeriesCsv.Options.defaults().withValueColumns(List.of("flow", "pressure", "temperature"))
                        .withZone(ZoneOffset.UTC)).series();
    }

    @Test
    void compiledTreesAndLinearPredictor() throws Exception {
        Random r = new Random(3);
        List<String> columns = List.of("a", "b", "c", "d", "e", "f");
        List<String> dumps = new ArrayList<>();
        for (int t = 0; t < 60; t++) {
            dumps.add(tree(r, 0, 0, 5, new int[] {0}));
        }
        CompiledTrees trees = CompiledTrees.fromXgboostJson(dumps, CompiledTrees.Objective.BINARY_LOGISTIC, 1, 0.3,
                columns, columns);
        double[][] w = new double[3][columns.size()];
        for (double[] row : w) {
            for (int j = 0; j < row.length; j++) {
                row[j] = r.nextGaussian();
            }
        }
        LinearPredictor linear = LinearPredictor.of(columns, columns, w, new double[] {0.1, -0.2, 0.3},
                LinearPredictor.Link.SOFTMAX);
        int n = 2000;
        double[] rows = new double[n * columns.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = r.nextInt(50) == 0 ? Double.NaN : r.nextGaussian() * 2;
        }
        assertConcurrentEqualsSequential("CompiledTrees", () -> {
            double[] out = new double[n];
            trees.predictBatch(rows, out);
            StringBuilder b = new StringBuilder();
            for (double v : out) {
                bits(b, v);
            }
            return b.toString();
        }, 50);
        double[] finite = rows.clone();
        for (int i = 0; i < finite.length; i++) {
            finite[i] = Double.isNaN(finite[i]) ? 0 : finite[i];
        }
        assertConcurrentEqualsSequential("LinearPredictor", () -> {
            double[] out = new double[n * 3];
            linear.predictBatch(finite, out);
            StringBuilder b = new StringBuilder();
            for (double v : out) {
                bits(b, v);
            }
            return b.toString();
        }, 50);
    }

    /** A random XGBoost JSON tree dump over features f0..f5. */
    private static String tree(Random r, int id, int depth, int maxDepth, int[] next) {
        if (depth == maxDepth || (depth > 1 && r.nextInt(4) == 0)) {
            return "{\"nodeid\":" + id + ",\"leaf\":" + (float) (r.nextGaussian() * 0.1) + "}";
        }
        int yes = ++next[0];
        int no = ++next[0];
        return "{\"nodeid\":" + id + ",\"split\":\"f" + r.nextInt(6) + "\",\"split_condition\":"
                + (float) r.nextGaussian() + ",\"yes\":" + yes + ",\"no\":" + no + ",\"missing\":"
                + (r.nextBoolean() ? yes : no) + ",\"children\":[" + tree(r, yes, depth + 1, maxDepth, next) + ","
                + tree(r, no, depth + 1, maxDepth, next) + "]}";
    }

    @Test
    void streamingDetectors_thousandStreamsOnAPool_sameAsSequential() throws Exception {
        int streams = 1000;
        int points = 200;
        long t0 = java.time.LocalDateTime.of(2024, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC) * 1000;
        List<Supplier<StreamingDetector>> kinds = List.of(
                () -> StreamDetector.create(StreamDetector.Options.defaults().withZone(ZoneOffset.UTC).withRange(0, 200)
                        .withProbationaryPoints(50)),
                () -> BaselineDetector.create(BaselineDetector.Options.defaults().withZone(ZoneOffset.UTC)),
                () -> ArtimeDetector.create(ArtimeDetector.Options.defaults().withRange(0, 200).withProbationaryPoints(50)),
                () -> ContextAnomalyDetector.create(ContextAnomalyDetector.Options.defaults().withRange(0, 200)
                        .withProbationaryPoints(50)));
        for (Supplier<StreamingDetector> kind : kinds) {
            List<Callable<String>> tasks = new ArrayList<>();
            for (int s = 0; s < streams; s++) {
                long seed = s;
                tasks.add(() -> {
                    StreamingDetector d = kind.get();
                    Random r = new Random(seed);
                    StringBuilder b = new StringBuilder();
                    for (int i = 0; i < points; i++) {
                        double v = 80 + 30 * Math.sin(i * 2 * Math.PI / 24) + r.nextGaussian() * 5
                                + (i == 150 ? 90 : 0);
                        bits(b, d.update(t0 + 3_600_000L * i, r.nextInt(100) == 0 ? Double.NaN : v));
                        b.append(d.alarm() ? '!' : '.');
                        bits(b, d.expected());
                    }
                    return b.toString();
                });
            }
            String[] sequential = new String[streams];
            for (int s = 0; s < streams; s++) {
                sequential[s] = tasks.get(s).call();
            }
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<String>> futures = new ArrayList<>();
                for (Callable<String> t : tasks) {
                    futures.add(pool.submit(t));
                }
                int same = 0;
                for (int s = 0; s < streams; s++) {
                    same += futures.get(s).get().equals(sequential[s]) ? 1 : 0;
                }
                String name = kind.get().getClass().getSimpleName();
                assertEquals(streams, same, name + ": every stream identical on the pool");
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
