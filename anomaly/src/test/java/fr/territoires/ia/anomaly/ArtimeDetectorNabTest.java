package fr.territoires.ia.anomaly;

import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.anomaly.evaluation.NabScorer;
import fr.territoires.ia.core.TimeSeries;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Golden reproduction of the published NAB results of ARTime on the 40 shared files: the
 * detector runs as NAB's adapter runs it (range = the file's min and max, probationary period
 * {@code min(floor(0.15 rows), 750)}), its scores (6 decimals, as the reference rounds them) are
 * thresholded at the published threshold of each profile and scored by NAB's rules
 * ({@link NabReproduction}).
 */
class ArtimeDetectorNabTest {

    /** Largest number of ART categories a file reached (to size the memory cap). */
    private static int maxCategories;

    static double[] nabScores(TimeSeries s) {
        double[] range = NabReproduction.range(s);
        ArtimeDetector d = ArtimeDetector.create(ArtimeDetector.Options.defaults().withRange(range[0], range[1])
                .withProbationaryPoints(NabScorer.probationaryLength(s.size())));
        double[] out = new double[s.size()];
        for (int i = 0; i < s.size(); i++) {
            out[i] = d.update(s.epochMilli(i), s.value(i));
        }
        maxCategories = Math.max(maxCategories, d.categoryCount());
        return out;
    }

    @Test
    void sharedNabFiles_reproducePublishedArtimeScores() throws IOException {
        NabReproduction.check("ARTime", "ARTime", "artime-nab-reproduction.md", ArtimeDetectorNabTest::nabScores,
                n -> "at most " + maxCategories + " ART categories in a file");
        assertTrue(maxCategories < ArtimeDetector.Options.defaults().maxCategories(),
                "the category cap must not bind on NAB, max reached " + maxCategories);
    }
}
