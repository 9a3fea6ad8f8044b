package fr.territoires.ia.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code classify-shapes --train} on the shared Rodez file evaluates the classifier by default:
 * the French notice of the saved model states its cross-validated macro-F1 and per-class F1, and
 * the report maps every footprint.
 */
@Tag("slow")
class RodezNoticeTest {

    private static final List<String> CLASSES = List.of("indifferencie", "industriel_agricole_commercial", "sportif",
            "religieux", "serre", "monument", "administratif");

    @TempDir
    Path dir;

    @Test
    void classifyShapes_trainOnRodez_noticeFrHoldsCrossValidatedMacroAndPerClassF1() throws Exception {
        Path rodez = SharedData.resolve("geo/rodez_area_bdtopo_v2_buildings.geojson");
        Path model = dir.resolve("rodez.model");
        Path html = dir.resolve("rodez.html");
        var r = RunnerTest.run("classify-shapes", "--train", rodez.toString(), "--label-property", "label", "--input",
                rodez.toString(), "--output", dir.resolve("out.geojson").toString(), "--save-model", model.toString(),
                "--report", html.toString());
        assertEquals(0, r.status(), r.err());
        Matcher printed = Pattern.compile("cross-validation \\(500 m cells, [0-9.]+ s\\): macro-F1 (0\\.\\d{4}) \\[")
                .matcher(r.out());
        assertTrue(printed.find(), r.out());
        double macro = Double.parseDouble(printed.group(1));
        // The library's documented Rodez figure with the default settings is 0.365.
        assertEquals(0.365, macro, 0.02);

        var notice = RunnerTest.run("card", "--model", model.toString(), "--format", "notice-fr");
        assertEquals(0, notice.status(), notice.err());
        String text = notice.out();
        assertTrue(text.contains("- macro-F1 en validation croisée spatiale (moyenne des F1 par classe) : "
                + String.format(java.util.Locale.ROOT, "%.4f", macro).replace('.', ',').replaceAll("0+$", "")
                + " (intervalle de confiance ["), text);
        for (String c : CLASSES) {
            assertTrue(Pattern.compile("\\| classe \\| " + c + " \\| F1 en validation croisée spatiale \\| [0-9,]+ \\|")
                    .matcher(text).find(), c + " in " + text);
        }
        assertFalse(text.contains("Aucune mesure de performance"), text);
        assertTrue(text.contains("Classer les emprises de bâtiments dans les types"), text);
        // The card says where the training data came from.
        String card = RunnerTest.run("card", "--model", model.toString(), "--format", "md").out();
        assertTrue(card.contains("| Source | rodez_area_bdtopo_v2_buildings.geojson |"), card);
        assertTrue(card.contains("| Rows | 9505 |"), card);
        assertTrue(card.contains("| Training data SHA-256 | " + Cards.sha256(rodez) + " |"), card);

        String page = Files.readString(html);
        assertEquals(9505, ReportCommandsTest.count(ReportCommandsTest.xml(html), "path", "footprint"));
        assertTrue(page.length() < 5_000_000, "bytes " + page.length());
    }
}
