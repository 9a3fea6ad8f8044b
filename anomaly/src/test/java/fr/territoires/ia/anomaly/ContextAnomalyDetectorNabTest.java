package fr.territoires.ia.anomaly;

import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.anomaly.evaluation.NabScorer;
import fr.territoires.ia.core.TimeSeries;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Golden reproduction of the published NAB results of CAD OSE ({@code contextOSE}) on the 40
 * shared files: the detector runs as NAB's adapter runs it (range = the file's min and max,
 * probationary period {@code min(floor(0.15 rows), 750)}, rest period a fifth of it), its scores
 * are thresholded at the published threshold of each profile and scored by NAB's rules
 * ({@link NabReproduction}). Two readings of the harness were tried and give the same 40 files:
 * the probationary period without the 750 cap (an older {@code base.py}), and scores rounded to 3
 * decimals as NAB writes them.
 */
class ContextAnomalyDetectorNabTest {

    /** Largest number of contexts a file reached (to size the memory cap). */
    private static int maxContexts;

    static double[] nabScores(TimeSeries s) {
        double[] range = NabReproduction.range(s);
        ContextAnomalyDetector d = ContextAnomalyDetector.create(ContextAnomalyDetector.Options.defaults()
                .withRange(range[0], range[1]).withProbationaryPoints(NabScorer.probationaryLength(s.size())));
        double[] out = new double[s.size()];
        for (int i = 0; i < s.size(); i++) {
            out[i] = d.update(s.epochMilli(i), s.value(i));
        }
        maxContexts = Math.max(maxContexts, d.contextCount());
        return out;
    }

    @Test
    void sharedNabFiles_reproducePublishedContextOseScores() throws IOException {
        NabReproduction.check("contextOSE", "CAD OSE", "context-ose-nab-reproduction.md",
                ContextAnomalyDetectorNabTest::nabScores, n -> "at most " + maxContexts + " contexts in a file");
        assertTrue(maxContexts < ContextAnomalyDetector.Options.defaults().maxContexts(),
                "the context cap must not bind on NAB, max reached " + maxContexts);
    }
}
