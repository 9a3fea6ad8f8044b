package fr.territoires.ia.forecasting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.core.trust.ModelFile;
import fr.territoires.ia.forecasting.synthetic.RiverSimulator;
import fr.territoires.ia.testing.ModelFileMutations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving a fitted exceedance forecaster as a model file and reading it back. */
class ExceedanceModelFileTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Saves, loads and checks the forecasts, the card and the payload are unchanged. */
    private ExceedanceForecaster roundTrip(ExceedanceForecaster f, List<TimeSeries> network,
            LocalDate from) throws IOException {
        Path file = dir.resolve("model.tiamodel");
        f.save(file);
        ExceedanceForecaster back = ExceedanceForecaster.load(file);
        Map<String, ExceedanceForecast> expected = f.forecastNetwork(network, List.of(), from);
        Map<String, ExceedanceForecast> got = back.forecastNetwork(network, List.of(), from);
        // Records compare doubles with Double.compare: probabilities equal bit for bit.
        assertEquals(expected, got);
        int rows = 0;
        for (ExceedanceForecast e : expected.values()) {
            rows += e.rows().size();
        }
        assertTrue(rows > 300, "rows " + rows);
        assertEquals(f.card(), back.card());
        assertEquals(f.chosenModel(), back.chosenModel());
        assertEquals(f.options(), back.options());
        assertEquals(0, Double.compare(f.alertThreshold(), back.alertThreshold()));
        assertArrayEquals(f.validation(), back.validation());
        assertEquals(f.fittedSeries(), back.fittedSeries());
        assertEquals(f.lookBackDays(), back.lookBackDays());
        assertArrayEquals(f.toModelFile().payload(), back.toModelFile().payload(),
                "written again, the payload is the same bytes");
        assertEquals(ExceedanceForecaster.KIND, ModelFile.load(file).kind());
        return back;
    }

    @Test
    void saveLoad_garonneLogistic_forecastsBitForBitAndCardEqual() throws IOException {
        TimeSeries s = ForecastingData.garonne("O200004001");
        ExceedanceForecaster f = ExceedanceForecaster.fit(s, List.of(), LocalDate.of(2004, 12, 31),
                ExceedanceForecaster.Options.defaults(2500, 3));
        assertEquals(ExceedanceForecaster.LOGISTIC, f.chosenModel());
        roundTrip(f, List.of(s), LocalDate.of(2005, 1, 1));
    }

    @Test
    void saveLoad_pm10NetworkPersistence_forecastsBitForBitAndCardEqual() throws IOException {
        List<TimeSeries> network = ForecastingData.pm10(Pm10ExceedanceTest.STATIONS);
        ExceedanceForecaster f = ExceedanceForecaster.fitNetwork(network, List.of(),
                Pm10ExceedanceTest.TRAIN_UNTIL, Pm10ExceedanceTest.options(network));
        assertEquals(ExceedanceForecaster.PERSISTENCE, f.chosenModel());
        ExceedanceForecaster back = roundTrip(f, network, Pm10ExceedanceTest.TEST_START);
        assertEquals(Pm10ExceedanceTest.STATIONS, List.copyOf(back.fittedSeries()));
    }

    private static TimeSeries river(String name, long seed) {
        TimeSeries s = RiverSimulator.simulate(LocalDate.of(1995, 1, 1), 17 * 365, 3.0, 0.02, seed);
        long[] t = new long[s.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = s.timestamp(i).toEpochMilli();
        }
        return TimeSeries.of(name, t, s.values(), ZoneOffset.UTC);
    }

    @Test
    void saveLoad_simulatedNetworkPlatt_forecastsBitForBit() throws IOException {
        List<TimeSeries> network = List.of(river("c", 5), river("a", 6), river("b", 7));
        LocalDate cut = LocalDate.of(2009, 12, 31);
        ExceedanceForecaster f = ExceedanceForecaster.fitNetwork(network, List.of(), cut,
                ExceedanceForecaster.Options.defaults(1800, 3).withValidationYears(5)
                        .withCalibration(ExceedanceForecaster.Calibration.PLATT));
        roundTrip(f, network, cut.plusDays(1));
    }

    @Test
    void lookBackDays_networkCutToTheLookBack_sameForecastsAsWholeRecord() {
        List<TimeSeries> network = List.of(river("c", 5), river("a", 6), river("b", 7));
        LocalDate cut = LocalDate.of(2009, 12, 31);
        ExceedanceForecaster f = ExceedanceForecaster.fitNetwork(network, List.of(), cut,
                ExceedanceForecaster.Options.defaults(1800, 3).withValidationYears(5));
        assertEquals(ExceedanceForecaster.LOGISTIC, f.chosenModel(), "every feature is read");
        // Defaults: windows up to 30 days, horizon 3, a network: 29 days.
        assertEquals(29, f.lookBackDays());
        LocalDate from = LocalDate.of(2010, 6, 1);
        long first = from.toEpochDay() - f.lookBackDays();
        List<TimeSeries> cutNetwork = new ArrayList<>();
        for (TimeSeries s : network) {
            int i = 0;
            while (s.localDateTime(i).toLocalDate().toEpochDay() < first) {
                i++;
            }
            cutNetwork.add(s.slice(i, s.size()));
        }
        Map<String, ExceedanceForecast> whole = f.forecastNetwork(network, List.of(), from);
        assertEquals(whole, f.forecastNetwork(cutNetwork, List.of(), from));
        // One day less and the network's rise of the first day, or a window, differs.
        List<TimeSeries> tooShort = new ArrayList<>();
        for (TimeSeries s : cutNetwork) {
            tooShort.add(s.slice(1, s.size()));
        }
        assertFalse(whole.equals(f.forecastNetwork(tooShort, List.of(), from)));
    }

    @Test
    void toModelFile_anyDouble_readsBackToTheSameBits() {
        ExceedanceForecaster f = garonne();
        RidgeLogistic m = f.model;
        assertNotNull(m);
        java.util.SplittableRandom rng = new java.util.SplittableRandom(17);
        double[] special = {-0.0, 0.0, Double.MIN_VALUE, -Double.MIN_NORMAL, Double.MAX_VALUE, 0.1 + 0.2,
            1.0 / 3, Math.nextDown(1.0), 1e-300, -123456789.123456789};
        int checked = 0;
        for (int round = 0; round < 200; round++) {
            double[] mean = new double[m.mean.length];
            for (int j = 0; j < mean.length; j++) {
                double v;
                do {
                    v = Double.longBitsToDouble(rng.nextLong()); // any exponent, subnormals included
                } while (!Double.isFinite(v));
                mean[j] = round == 0 && j < special.length ? special[j] : v;
            }
            double odd = round % 3 == 0 ? Double.NaN : round % 3 == 1 ? Double.NEGATIVE_INFINITY : mean[0];
            ExceedanceForecaster g = new ExceedanceForecaster(f.options,
                    new RidgeLogistic(mean, m.scale, m.indicator, m.indicatorMean, m.indicatorScale, m.w,
                            mean[1]),
                    f.calibrator, f.alertThreshold, f.covariateCount, f.networkFeatures, f.trainUntil, f.chosen,
                    f.card, new RollingOrigin.Decision(odd, mean[2], 3, 1, false), mean[3], f.scaling, f.gaps,
                    f.scales);
            ExceedanceForecaster back = ExceedanceForecaster.fromModelFile(g.toModelFile());
            RidgeLogistic bm = back.model;
            assertNotNull(bm);
            for (int j = 0; j < mean.length; j++) {
                assertEquals(Double.doubleToRawLongBits(mean[j]), Double.doubleToRawLongBits(bm.mean[j]),
                        "mean " + mean[j]);
                checked++;
            }
            assertEquals(Double.doubleToRawLongBits(mean[1]), Double.doubleToRawLongBits(bm.intercept));
            assertEquals(Double.doubleToRawLongBits(odd), Double.doubleToRawLongBits(back.decision.simpler()));
            assertEquals(Double.doubleToRawLongBits(mean[3]), Double.doubleToRawLongBits(back.persistenceReference));
        }
        assertTrue(checked > 5000, "doubles checked " + checked);
    }

    // ---------------------------------------------------------------- errors

    private static ExceedanceForecaster garonne() {
        TimeSeries s = ForecastingData.garonne("O200004001");
        return ExceedanceForecaster.fit(s, List.of(), LocalDate.of(2004, 12, 31),
                ExceedanceForecaster.Options.defaults(2500, 3));
    }

    @Test
    void fromModelFile_randomlyMutatedPayloads_readOrRefusedWithIllegalArgumentOnly() {
        ModelFile good = garonne().toModelFile();
        TimeSeries s = ForecastingData.garonne("O200004001");
        // What is read is a valid forecaster: it forecasts (probabilities in [0, 1]).
        ModelFileMutations.Outcome o = ModelFileMutations.randomBytes(good, 300, 5,
                ExceedanceForecaster::fromModelFile, back -> back.forecast(s, List.of(), LocalDate.of(2005, 1, 1)));
        o.assertTried(300, 100);
    }

    private static IllegalArgumentException corrupt(ModelFile good, String field, Consumer<ObjectNode> edit)
            throws IOException {
        return ModelFileMutations.refused(good, ExceedanceForecaster::fromModelFile, field, edit);
    }

    @Test
    void fromModelFile_wrongKindNewerVersionOrCorruptPayload_refusedNamingTheField()
            throws IOException {
        ExceedanceForecaster f = garonne();
        ModelFile good = f.toModelFile();
        assertNull(JSON.readTree(good.payload()).get("model").get("unknown"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExceedanceForecaster.fromModelFile(ModelFile.of("forecasting.level", 1,
                        ModelFile.Encoding.JSON, good.card(), good.payload())));
        assertEquals("model file kind must be \"forecasting.exceedance\", was \"forecasting.level\"",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ExceedanceForecaster.fromModelFile(ModelFile.of(ExceedanceForecaster.KIND, 2,
                        ModelFile.Encoding.JSON, good.card(), good.payload())));
        assertTrue(e.getMessage().startsWith("model file kindVersion must be at most 1"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ExceedanceForecaster.fromModelFile(ModelFile.of(ExceedanceForecaster.KIND, 1,
                        ModelFile.Encoding.JSON, good.card(), "{\"options\":".getBytes(
                                java.nio.charset.StandardCharsets.UTF_8))));
        assertTrue(e.getMessage().startsWith("forecasting.exceedance payload must be JSON"),
                e.getMessage());

        e = corrupt(good, "calibrator", r -> r.remove("calibrator"));
        assertEquals("forecasting.exceedance payload field calibrator is missing", e.getMessage());
        e = corrupt(good, "options.features.windows",
                r -> ((ObjectNode) r.get("options").get("features")).remove("windows"));
        assertEquals("forecasting.exceedance payload field options.features.windows is missing",
                e.getMessage());
        e = corrupt(good, "alertThreshold", r -> r.put("alertThreshold", "high"));
        assertTrue(e.getMessage().startsWith(
                "forecasting.exceedance payload field alertThreshold must be a number"), e.getMessage());
        e = corrupt(good, "options.horizon", r -> ((ObjectNode) r.get("options")).put("horizon", "3"));
        assertEquals("forecasting.exceedance payload field options.horizon must be an integer, "
                + "was \"3\"", e.getMessage());
        e = corrupt(good, "model.scale", r -> ((ArrayNode) r.get("model").get("scale")).remove(0));
        assertTrue(e.getMessage().startsWith(
                "forecasting.exceedance payload field model.scale must hold "), e.getMessage());
        e = corrupt(good, "model.", r -> ((ArrayNode) r.get("model").get("weights")).add(0.5));
        assertTrue(e.getMessage().startsWith("forecasting.exceedance payload field model."),
                e.getMessage());
        e = corrupt(good, "calibrator.p", r -> ((ArrayNode) r.get("calibrator").get("p")).remove(0));
        assertTrue(e.getMessage().startsWith(
                "forecasting.exceedance payload field calibrator.p must hold "), e.getMessage());
        e = corrupt(good, "model", r -> r.putNull("model"));
        assertTrue(e.getMessage().startsWith("forecasting.exceedance payload field model must be "
                + "null exactly when chosenModel is persistence"), e.getMessage());
        e = corrupt(good, "options", r -> ((ObjectNode) r.get("options")).put("horizon", 0));
        assertEquals("forecasting.exceedance payload field options: horizon must be in [1, 60], was 0",
                e.getMessage());

        Path file = dir.resolve("garonne.tiamodel");
        f.save(file);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 5] ^= 0x01;
        Files.write(file, bytes);
        e = assertThrows(IllegalArgumentException.class, () -> ExceedanceForecaster.load(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    }
}
