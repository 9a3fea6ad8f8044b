package fr.territoires.ia.benchmarks.ocr;

import fr.territoires.ia.ocr.OcrEngine;
import fr.territoires.ia.ocr.OcrPage;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to recognise one A4 page at 300 dpi (2480 x 3508 px, 45 lines of 12 pt typewriter-like text,
 * skewed by 1 degree, light noise) on one thread: the raw engine (no preprocessing, no column splitting)
 * beside the default pipeline (grey, deskew, Sauvola, column splitting). Needs {@code fra.traineddata}.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar OcrBenchmark}
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class OcrBenchmark {

    private BufferedImage page;
    private OcrEngine raw;
    private OcrEngine pipeline;

    /** Renders the page and opens both engines. */
    @Setup(Level.Trial)
    public void setUp() {
        page = render();
        raw = OcrEngine.open(OcrEngine.Options.defaults()
                .withPreprocessing(OcrEngine.Preprocessing.none()).withSplitColumns(false));
        pipeline = OcrEngine.open(OcrEngine.Options.defaults());
    }

    /** Closes the engines. */
    @TearDown(Level.Trial)
    public void tearDown() {
        raw.close();
        pipeline.close();
    }

    /**
     * The raw engine.
     *
     * @return the page
     */
    @Benchmark
    public OcrPage rawEngine() {
        return raw.recognize(page);
    }

    /**
     * The default pipeline.
     *
     * @return the page
     */
    @Benchmark
    public OcrPage defaultPipeline() {
        return pipeline.recognize(page);
    }

    static BufferedImage render() {
        BufferedImage img = new BufferedImage(2480, 3508, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.rotate(Math.toRadians(-1), img.getWidth() / 2.0, img.getHeight() / 2.0);
        g.setColor(Color.BLACK);
        // 12 pt at 300 dpi = 50 px.
        g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 50));
        String[] words = {"le", "conseil", "municipal", "de", "la", "commune", "a", "delibere", "sur", "budget",
            "annexe", "des", "eaux", "et", "assainissement", "pour", "exercice", "1962", "article", "vote"};
        SplittableRandom rnd = new SplittableRandom(7);
        for (int line = 0; line < 45; line++) {
            StringBuilder sb = new StringBuilder();
            while (sb.length() < 60) {
                sb.append(words[rnd.nextInt(words.length)]).append(' ');
            }
            g.drawString(sb.toString().strip(), 250, 300 + line * 70);
        }
        g.dispose();
        for (int i = 0; i < 20_000; i++) {
            img.setRGB(rnd.nextInt(img.getWidth()), rnd.nextInt(img.getHeight()), 0x404040);
        }
        return img;
    }
}
