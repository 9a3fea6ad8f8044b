package fr.territoires.ia.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import fr.territoires.ia.core.MultivariateTimeSeries;
import fr.territoires.ia.core.OrderPolicy;
import fr.territoires.ia.core.TimeSeriesCsv;
import fr.territoires.ia.core.TimestampFormat;
import fr.territoires.ia.core.tribuo.TribuoModels;
import fr.territoires.ia.core.trust.ModelCard;
import fr.territoires.ia.core.trust.ModelFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * Coverage-guided fuzzing (Jazzer) of the core readers of outside bytes. Invariant: every input
 * ends in a result or in an {@link IllegalArgumentException} or {@link IOException} whose message
 * names the source; any other throwable (null pointer, index out of bounds, number format,
 * stack overflow, out of memory) or a hang is a finding.
 *
 * <p>Without {@code JAZZER_FUZZ=1} each target replays its seed corpus (test resources
 * {@code fr/territoires/ia/core/fuzz/CoreReadersFuzzTestInputs/<target>/}) as a regression test;
 * with it, the target is fuzzed for at most {@code maxDuration}.
 */
class CoreReadersFuzzTest {

    private static final String SOURCE = "fuzzed-input.csv";
    /** One folder for every input of the run (JUnit creates and deletes it). */
    @TempDir
    static Path dir;

    private static final String[] FORMATS = {"auto", "iso", "date", "dd/MM/yyyy HH:mm", "yyyy-MM-dd HH:mm:ss",
        "yyyyMMddHHmm", "dd.MM.yyyy"};
    private static final ZoneId[] ZONES = {ZoneId.of("Europe/Paris"), ZoneOffset.UTC, ZoneId.of("America/Cayenne")};

    /** TimeSeriesCsv with every option chosen by the fuzzer, through the file path (encoding detection included). */
    @FuzzTest(maxDuration = "30s")
    void timeSeriesCsv(FuzzedDataProvider data) throws IOException {
        char delimiter = data.pickValue(new Character[] {',', ';', '\t', '|', ' '});
        boolean decimalComma = delimiter != ',' && data.consumeBoolean();
        String format = data.pickValue(FORMATS);
        ZoneId zone = data.pickValue(ZONES);
        OrderPolicy policy = data.consumeBoolean() ? OrderPolicy.REJECT : OrderPolicy.KEEP_ARRIVAL_ORDER;
        List<String> columns = data.consumeBoolean() ? List.of("value", "flow") : List.of("value");
        String filter = data.consumeBoolean() ? data.consumeString(8) : null;
        byte[] bytes = data.consumeRemainingAsBytes();
        TimeSeriesCsv.Options options = TimeSeriesCsv.Options.defaults().withValueColumns(columns)
                .withFormat(TimestampFormat.parse(format)).withZone(zone).withOrderPolicy(policy)
                .withSeparators(delimiter, decimalComma);
        if (filter != null && !filter.isBlank()) {
            options = options.withRowFilter("station", filter);
        }
        Path file = dir.resolve(SOURCE);
        Files.write(file, bytes);
        try {
            TimeSeriesCsv.Read<MultivariateTimeSeries> read = TimeSeriesCsv.readMultivariateWithReport(file, options);
            // Nothing lost: every row kept is in the series, and the report counts the same rows.
            assertTrue(read.series().size() == read.report().rows(), "rows in the series = rows reported");
            assertTrue(read.series().columnCount() == columns.size());
        } catch (IllegalArgumentException e) {
            assertNamed(e, SOURCE);
        }
    }

    /** ModelFile.read: header line, card JSON and payload lengths, checksum. */
    @FuzzTest(maxDuration = "30s")
    void modelFile(byte[] bytes) throws IOException {
        try {
            ModelFile f = ModelFile.read(new ByteArrayInputStream(bytes), "fuzzed.tiamodel");
            assertNotNull(f.card());
        } catch (IllegalArgumentException e) {
            assertNamed(e, "fuzzed.tiamodel");
        }
    }

    /** ModelCard.fromJson on arbitrary text. */
    @FuzzTest(maxDuration = "30s")
    void modelCard(byte[] bytes) {
        String json = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        try {
            ModelCard card = ModelCard.fromJson(json);
            // A card read back must write and read again to an equal card.
            assertTrue(ModelCard.fromJson(card.toJson()).toJson().equals(card.toJson()), "card round trip");
        } catch (IllegalArgumentException e) {
            assertNotNull(e.getMessage());
        }
    }

    /** The Tribuo protobuf allowlist: only org.tribuo model classes are ever rebuilt. */
    @FuzzTest(maxDuration = "30s")
    void tribuoProtobuf(byte[] bytes) {
        try {
            var model = TribuoModels.fromProtobuf(bytes, "fuzzed.pb");
            assertTrue(model.getClass().getName().startsWith(TribuoModels.ALLOWED_PREFIX),
                    "only allowlisted classes: " + model.getClass());
        } catch (IllegalArgumentException e) {
            assertNamed(e, "fuzzed.pb");
        }
    }

    private static void assertNamed(Exception e, String source) {
        assertNotNull(e.getMessage(), "a message");
        assertTrue(e.getMessage().contains(source), "the message names the source: " + e.getMessage());
    }
}
