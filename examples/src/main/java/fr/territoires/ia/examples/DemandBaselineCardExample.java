package fr.territoires.ia.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.core.calendar.FrenchCalendar;
import fr.territoires.ia.core.metrics.Quantiles;
import fr.territoires.ia.core.metrics.RegressionMetrics;
import fr.territoires.ia.core.synthetic.WaterMeterSimulator;
import fr.territoires.ia.core.trust.ModelCard;
import fr.territoires.ia.core.trust.ModelFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Use case: a water utility publishes what its demand baseline does. The baseline (the median
 * flow of each hour of the week over six weeks, with a 90 % band from the training residuals) is
 * evaluated on the two following weeks against the seasonal-naive forecast, described in a model
 * card (Mitchell et al. 2019) with its metrics broken down by day type, and saved as a checksummed
 * model file; a corrupted copy is refused with a clear message.
 */
public final class DemandBaselineCardExample {

    private static final int WEEK = 168;

    private DemandBaselineCardExample() {
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
        return run(card -> { });
    }

    static String run(java.util.function.Consumer<ModelCard> cards) {
        return TempFolder.run("territoires-ia-card", dir -> run(dir, cards));
    }

    private static String run(Path dir, java.util.function.Consumer<ModelCard> cards) throws IOException {
        TimeSeries flow = WaterMeterSimulator.simulate(WaterMeterSimulator.Options.defaults());
        TimeSeries train = flow.slice(0, 6 * WEEK);
        TimeSeries test = flow.slice(6 * WEEK, 8 * WEEK);

        double[] profile = new double[WEEK];
        double[] lowerOffset = new double[1];
        double[] upperOffset = new double[1];
        fitProfile(train, profile, lowerOffset, upperOffset);

        List<Double> actual = new ArrayList<>();
        List<Double> predicted = new ArrayList<>();
        List<Double> naive = new ArrayList<>();
        List<Boolean> quietDay = new ArrayList<>();
        FrenchCalendar calendar = FrenchCalendar.metropolitan();
        for (int i = 0; i < test.size(); i++) {
            int row = 6 * WEEK + i;
            double y = test.value(i);
            double lastWeek = flow.value(row - WEEK);
            if (Double.isNaN(y) || Double.isNaN(lastWeek)) {
                continue; // missing readings are not scored; counted below
            }
            LocalDateTime t = test.localDateTime(i);
            actual.add(y);
            predicted.add(profile[hourOfWeek(t)]);
            naive.add(lastWeek);
            quietDay.add(calendar.isWeekend(t.toLocalDate()) || calendar.isPublicHoliday(t.toLocalDate()));
        }
        double[] y = unbox(actual);
        double[] p = unbox(predicted);
        double[] lo = Arrays.stream(p).map(v -> v + lowerOffset[0]).toArray();
        double[] hi = Arrays.stream(p).map(v -> v + upperOffset[0]).toArray();
        double mae = RegressionMetrics.mae(y, p);
        double naiveMae = RegressionMetrics.mae(y, unbox(naive));
        double mase = RegressionMetrics.mase(y, p, train.values(), WEEK);
        double coverage = RegressionMetrics.intervalCoverage(y, lo, hi);

        ModelCard.Builder card = ModelCard.builder("District 7 water-demand baseline")
                .version("1")
                .algorithm("median flow per hour of the week, 90 % band from training residual quantiles")
                .description("Expected hourly flow of a district meter, the reference against which leaks and unusual "
                        + "demand are judged.")
                .organisation("Example water utility")
                .licence("Apache-2.0")
                .seed(WaterMeterSimulator.Options.defaults().seed())
                .options(new java.util.TreeMap<>(Map.of("band", "5 %-95 % residual quantiles", "season", "168 h")))
                .intendedUse(new ModelCard.IntendedUse("Reference hourly demand for district metering and leak screening.",
                        List.of("water network operators"), List.of("billing individual customers",
                                "forecasting beyond one week", "districts whose network changed since training")))
                .factors(new ModelCard.Factors(List.of("day type (working day, weekend or public holiday)"),
                        List.of("day type")))
                .addMetric(ModelCard.Metric.of("MAE (L/h)", mae, "mean absolute error over the test weeks"))
                .addMetric(ModelCard.Metric.of("MAE of seasonal naive (L/h)", naiveMae, "same weeks, value one week before"))
                .addMetric(ModelCard.Metric.of("MASE", mase, "MAE over the in-sample seasonal-naive MAE (season 168 h)"))
                .addMetric(ModelCard.Metric.of("90 % band coverage", coverage, "share of test hours inside the band"))
                .trainingData(new ModelCard.DataSummary("simulated district meter (WaterMeterSimulator, seed 42)",
                        train.timestamp(0) + " to " + train.timestamp(train.size() - 1), train.size(),
                        Map.of("missing readings", Integer.toString(train.missingCount()))))
                .evaluationData(new ModelCard.DataSummary("the two weeks after training", test.timestamp(0) + " to "
                        + test.timestamp(test.size() - 1), test.size(),
                        Map.of("scored hours", Integer.toString(y.length))))
                .ethicalConsiderations(List.of("District-level flows aggregate hundreds of households: no personal data."))
                .caveats(List.of("A baseline learnt during a leak treats the leak as normal: retrain after repairs."));
        for (boolean quiet : new boolean[] {false, true}) {
            List<Double> ya = new ArrayList<>();
            List<Double> pa = new ArrayList<>();
            for (int i = 0; i < y.length; i++) {
                if (quietDay.get(i) == quiet) {
                    ya.add(y[i]);
                    pa.add(p[i]);
                }
            }
            card.addQuantitativeAnalysis(new ModelCard.QuantitativeAnalysis("day type",
                    quiet ? "weekend or holiday" : "working day",
                    List.of(ModelCard.Metric.of("MAE (L/h)", RegressionMetrics.mae(unbox(ya), unbox(pa)),
                            ya.size() + " hours"))));
        }
        ModelCard built = card.build();
        cards.accept(built);

        ObjectMapper json = new ObjectMapper();
        ObjectNode payload = json.createObjectNode();
        ArrayNode values = payload.putArray("profile_lph");
        Arrays.stream(profile).forEach(values::add);
        payload.put("band_lower_lph", lowerOffset[0]).put("band_upper_lph", upperOffset[0]);
        ModelFile file = ModelFile.of("examples.weekly-profile", 1, ModelFile.Encoding.JSON, built,
                json.writeValueAsBytes(payload));
        Path saved = dir.resolve("district-7-baseline.tiamodel");
        file.save(saved);
        ModelFile loaded = ModelFile.load(saved, "examples.weekly-profile");
        JsonNode back = json.readTree(loaded.payload());
        boolean same = loaded.equals(file) && back.get("profile_lph").size() == WEEK;

        byte[] bytes = Files.readAllBytes(saved);
        bytes[bytes.length - 3] ^= 0x01;
        Path corrupt = dir.resolve("corrupt.tiamodel");
        Files.write(corrupt, bytes);
        String refused;
        try {
            ModelFile.load(corrupt);
            refused = "unexpected: corrupted file accepted";
        } catch (IllegalArgumentException e) {
            refused = e.getMessage().replace(corrupt.toString(), corrupt.getFileName().toString());
        }

        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "  test weeks: MAE %.1f L/h (seasonal naive %.1f), MASE %.2f, "
                + "90 %% band covers %.1f %% of %d hours%n", mae, naiveMae, mase, 100 * coverage, y.length));
        for (ModelCard.QuantitativeAnalysis q : built.quantitativeAnalyses()) {
            out.append(String.format(Locale.ROOT, "    %s: MAE %.1f L/h (%s)%n", q.group(), q.metrics().get(0).value(),
                    q.metrics().get(0).description()));
        }
        out.append("  model card: ").append(built.toMarkdown().lines().filter(l -> l.startsWith("## ")).count())
                .append(" sections in Markdown, ").append(built.toJson().length()).append(" characters of JSON\n");
        out.append("  model file: ").append(Files.size(saved)).append(" bytes, kind ").append(loaded.kind())
                .append(", SHA-256 ").append(loaded.sha256(), 0, 12).append("…, reloaded identical: ").append(same)
                .append('\n');
        out.append("  a corrupted copy is refused: ").append(refused);
        return out.toString();
    }

    private static void fitProfile(TimeSeries train, double[] profile, double[] lower, double[] upper) {
        List<List<Double>> byHour = new ArrayList<>();
        for (int h = 0; h < WEEK; h++) {
            byHour.add(new ArrayList<>());
        }
        for (int i = 0; i < train.size(); i++) {
            if (!train.isMissing(i)) {
                byHour.get(hourOfWeek(train.localDateTime(i))).add(train.value(i));
            }
        }
        for (int h = 0; h < WEEK; h++) {
            profile[h] = Quantiles.of(unbox(byHour.get(h)), 0.5);
        }
        List<Double> residuals = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            if (!train.isMissing(i)) {
                residuals.add(train.value(i) - profile[hourOfWeek(train.localDateTime(i))]);
            }
        }
        double[] r = unbox(residuals);
        lower[0] = Quantiles.of(r, 0.05);
        upper[0] = Quantiles.of(r, 0.95);
    }

    private static int hourOfWeek(LocalDateTime t) {
        return (t.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue()) * 24 + t.getHour();
    }

    private static double[] unbox(List<Double> list) {
        return list.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
