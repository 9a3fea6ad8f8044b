package fr.territoires.ia.ocr;

import static org.bytedeco.tesseract.global.tesseract.RIL_BLOCK;
import static org.bytedeco.tesseract.global.tesseract.RIL_TEXTLINE;
import static org.bytedeco.tesseract.global.tesseract.RIL_WORD;
import static org.bytedeco.tesseract.global.tesseract.TessDeleteText;
import static org.bytedeco.tesseract.global.tesseract.TessResultIteratorDelete;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tesseract.ResultIterator;
import org.bytedeco.tesseract.TessBaseAPI;
import org.jspecify.annotations.Nullable;

/**
 * Text recognition of page images and PDF files with the Tesseract 5 engine (LSTM recogniser), through
 * the JavaCPP presets (native libraries in the jar, no system library needed; the language model is
 * found as {@link Tessdata} describes).
 *
 * <pre>{@code
 * try (OcrEngine engine = OcrEngine.open(OcrEngine.Options.defaults())) {
 *     List<OcrPage> pages = engine.recognizeFile(Path.of("arrete.pdf"));
 *     String text = pages.get(0).text();
 * }
 * }</pre>
 *
 * <p><b>Threads.</b> An engine is <em>not</em> thread-safe: it owns one native Tesseract instance
 * (about 30 MB with the French model) and keeps per-page state. Use one engine per thread: open one in
 * each worker (e.g. a {@code ThreadLocal} or a fixed pool of engines handed out through a
 * {@code BlockingQueue}), and close each one. Engines in different threads run in parallel and give
 * the same results as one engine on one thread. The values returned ({@link OcrPage}) are immutable.
 *
 * <p><b>Coordinates.</b> Every box is in the pixels of the original image (for a PDF: of the page
 * rendered at {@link Options#dpi()}), origin at the top-left corner, y downwards, whatever the
 * preprocessing did (rescaling and deskewing are inverted).
 */
public final class OcrEngine implements AutoCloseable {

    /** Binarisation used by the engine before layout analysis. */
    public enum Binarisation {
        /** Global Otsu threshold (Tesseract's default). */
        OTSU(0),
        /** Sauvola's local threshold (J. Sauvola, M. Pietikäinen, Pattern Recognition 33, 2000), for uneven illumination. */
        SAUVOLA(2);

        private final int tesseractMethod;

        Binarisation(int tesseractMethod) {
            this.tesseractMethod = tesseractMethod;
        }
    }

    /** Page segmentation mode (Tesseract's {@code --psm}). */
    public enum PageSegmentation {
        /** Fully automatic layout analysis, no orientation detection (psm 3, the default). */
        AUTO(3),
        /** One column of text of variable sizes (psm 4). */
        SINGLE_COLUMN(4),
        /** One uniform block of text (psm 6). */
        SINGLE_BLOCK(6),
        /** As much text as possible in no particular order (psm 11). */
        SPARSE(11);

        private final int psm;

        PageSegmentation(int psm) {
            this.psm = psm;
        }
    }

    /**
     * Preprocessing applied before recognition; each step optional and reported in
     * {@link OcrPage#preprocessing()}.
     *
     * @param grey convert to grey in Java (when false, the colour image goes to the engine unchanged and
     *     every other step is skipped)
     * @param removeBorders whiten dark regions touching the image edge (scanner and book borders)
     * @param targetXHeight rescale so that the estimated x-height is this many pixels, when it is far from
     *     it (below 0.8 or above 1.67 times); 0 disables
     * @param deskew measure the skew (projection profile, up to 5 degrees) and rotate it away
     * @param binarisation the engine's binarisation
     */
    public record Preprocessing(boolean grey, boolean removeBorders, double targetXHeight, boolean deskew,
            Binarisation binarisation) {

        /**
         * Validates the preprocessing.
         *
         * @param grey grey conversion
         * @param removeBorders border removal
         * @param targetXHeight target x-height in pixels, 0 (off) or in [8, 80]
         * @param deskew deskew
         * @param binarisation binarisation
         */
        public Preprocessing {
            if (targetXHeight != 0 && !(targetXHeight >= 8 && targetXHeight <= 80)) {
                throw new IllegalArgumentException("targetXHeight must be 0 (off) or in [8, 80] px, was "
                        + targetXHeight);
            }
            Objects.requireNonNull(binarisation, "binarisation");
            if (!grey && (removeBorders || targetXHeight != 0 || deskew)) {
                throw new IllegalArgumentException("removeBorders, targetXHeight and deskew need grey = true");
            }
        }

        /**
         * Returns no preprocessing: the image goes to the engine as it is, with its default settings.
         *
         * @return the raw engine's preprocessing
         */
        public static Preprocessing none() {
            return new Preprocessing(false, false, 0, false, Binarisation.OTSU);
        }

        /**
         * Returns the default preprocessing, the one kept by the leave-one-sub-corpus-out protocol on
         * typewritten pages (see the README): grey conversion, deskew and Sauvola binarisation; border
         * removal and rescaling to an x-height raised the error there and are off.
         *
         * @return the default preprocessing
         */
        public static Preprocessing defaults() {
            return new Preprocessing(true, false, 0, true, Binarisation.SAUVOLA);
        }

        /**
         * Returns a copy with grey conversion switched.
         *
         * @param value grey conversion on
         * @return the copy
         */
        public Preprocessing withGrey(boolean value) {
            return new Preprocessing(value, removeBorders, targetXHeight, deskew, binarisation);
        }

        /**
         * Returns a copy with border removal switched.
         *
         * @param value border removal on
         * @return the copy
         */
        public Preprocessing withRemoveBorders(boolean value) {
            return new Preprocessing(grey, value, targetXHeight, deskew, binarisation);
        }

        /**
         * Returns a copy with another target x-height.
         *
         * @param value target x-height in pixels, 0 disables rescaling
         * @return the copy
         */
        public Preprocessing withTargetXHeight(double value) {
            return new Preprocessing(grey, removeBorders, value, deskew, binarisation);
        }

        /**
         * Returns a copy with deskew switched.
         *
         * @param value deskew on
         * @return the copy
         */
        public Preprocessing withDeskew(boolean value) {
            return new Preprocessing(grey, removeBorders, targetXHeight, value, binarisation);
        }

        /**
         * Returns a copy with another binarisation.
         *
         * @param value the binarisation
         * @return the copy
         */
        public Preprocessing withBinarisation(Binarisation value) {
            return new Preprocessing(grey, removeBorders, targetXHeight, deskew, value);
        }
    }

    /**
     * Engine options.
     *
     * @param language Tesseract language codes joined by {@code +} ({@code fra}, {@code fra+eng})
     * @param tessdata folder of the language models, or null to search as {@link Tessdata} describes
     * @param dpi resolution at which PDF pages are rendered, and the resolution declared to the engine
     * @param segmentation page segmentation mode
     * @param preprocessing preprocessing
     * @param forceOcr recognise PDF pages even when they hold a text layer
     * @param splitColumns split a recognised line into separate lines at gaps wider than twice the median
     *     height of its words (table cells and columns of typewritten lists, which the engine joins)
     */
    public record Options(String language, @Nullable Path tessdata, int dpi, PageSegmentation segmentation,
            Preprocessing preprocessing, boolean forceOcr, boolean splitColumns) {

        /**
         * Validates the options.
         *
         * @param language language codes
         * @param tessdata model folder or null
         * @param dpi resolution in [70, 1200]
         * @param segmentation segmentation mode
         * @param preprocessing preprocessing
         * @param forceOcr force OCR of PDF pages with text
         * @param splitColumns split a line where the gap between two words exceeds twice the median word height
         */
        public Options {
            Objects.requireNonNull(language, "language");
            if (!language.matches("[a-z_]{3,}(\\+[a-z_]{3,})*")) {
                throw new IllegalArgumentException("language must be Tesseract codes joined by '+' (e.g. fra, "
                        + "fra+eng), was '" + language + "'");
            }
            if (dpi < 70 || dpi > 1200) {
                throw new IllegalArgumentException("dpi must be in [70, 1200], was " + dpi);
            }
            Objects.requireNonNull(segmentation, "segmentation");
            Objects.requireNonNull(preprocessing, "preprocessing");
        }

        /**
         * Returns the defaults: French, 300 dpi, automatic segmentation, default preprocessing.
         *
         * @return the default options
         */
        public static Options defaults() {
            return new Options("fra", null, 300, PageSegmentation.AUTO, Preprocessing.defaults(), false, true);
        }

        /**
         * Returns a copy with other languages.
         *
         * @param value language codes
         * @return the copy
         */
        public Options withLanguage(String value) {
            return new Options(value, tessdata, dpi, segmentation, preprocessing, forceOcr, splitColumns);
        }

        /**
         * Returns a copy with a model folder.
         *
         * @param value the folder, or null to search
         * @return the copy
         */
        public Options withTessdata(@Nullable Path value) {
            return new Options(language, value, dpi, segmentation, preprocessing, forceOcr, splitColumns);
        }

        /**
         * Returns a copy with another resolution.
         *
         * @param value dpi
         * @return the copy
         */
        public Options withDpi(int value) {
            return new Options(language, tessdata, value, segmentation, preprocessing, forceOcr, splitColumns);
        }

        /**
         * Returns a copy with another segmentation mode.
         *
         * @param value the mode
         * @return the copy
         */
        public Options withSegmentation(PageSegmentation value) {
            return new Options(language, tessdata, dpi, value, preprocessing, forceOcr, splitColumns);
        }

        /**
         * Returns a copy with another preprocessing.
         *
         * @param value the preprocessing
         * @return the copy
         */
        public Options withPreprocessing(Preprocessing value) {
            return new Options(language, tessdata, dpi, segmentation, value, forceOcr, splitColumns);
        }

        /**
         * Returns a copy with forced OCR of PDF pages switched.
         *
         * @param value force OCR
         * @return the copy
         */
        public Options withForceOcr(boolean value) {
            return new Options(language, tessdata, dpi, segmentation, preprocessing, value, splitColumns);
        }

        /**
         * Returns a copy with column splitting switched.
         *
         * @param value split lines at wide gaps
         * @return the copy
         */
        public Options withSplitColumns(boolean value) {
            return new Options(language, tessdata, dpi, segmentation, preprocessing, forceOcr, value);
        }
    }

    private final Options options;
    private final Path tessdataFolder;
    private @Nullable TessBaseAPI api;

    private OcrEngine(Options options, Path tessdataFolder, TessBaseAPI api) {
        this.options = options;
        this.tessdataFolder = tessdataFolder;
        this.api = api;
    }

    /**
     * Opens an engine: finds and loads the language models.
     *
     * @param options the options
     * @return the engine, to close after use
     * @throws IllegalStateException when a model is missing (the message names the folders searched and
     *     how to install it) or the engine fails to start
     */
    public static OcrEngine open(Options options) {
        Objects.requireNonNull(options, "options");
        Path folder = Tessdata.require(options.tessdata(), options.language());
        TessBaseAPI api = new TessBaseAPI();
        if (api.Init(folder.toString(), options.language()) != 0) {
            api.close();
            throw new IllegalStateException("Tesseract failed to load '" + options.language() + "' from " + folder);
        }
        api.SetPageSegMode(options.segmentation().psm);
        api.SetVariable("thresholding_method", Integer.toString(options.preprocessing().binarisation().tesseractMethod));
        // Keep the engine's diagnostics ("Estimating resolution as ...") off standard error.
        if (new java.io.File("/dev/null").exists()) {
            api.SetVariable("debug_file", "/dev/null");
        }
        return new OcrEngine(options, folder, api);
    }

    /**
     * Returns the version of the native Tesseract library.
     *
     * @return the version, e.g. {@code 5.5.1}
     */
    public static String engineVersion() {
        return TessBaseAPI.Version().getString();
    }

    /**
     * Returns the options of this engine.
     *
     * @return the options
     */
    public Options options() {
        return options;
    }

    /**
     * Returns the folder the language models were loaded from.
     *
     * @return the folder
     */
    public Path tessdataFolder() {
        return tessdataFolder;
    }

    /**
     * Recognises every page of a file: PNG, JPEG, TIFF (every page) or PDF (pages with a text layer return
     * it unless {@link Options#forceOcr()}; other pages are rendered at {@link Options#dpi()}).
     *
     * @param file the file
     * @return one page per page of the file, in order
     * @throws IllegalArgumentException when the file is not a readable image or PDF, or is encrypted
     * @throws IOException when the file cannot be read
     */
    public List<OcrPage> recognizeFile(Path file) throws IOException {
        return Documents.read(file, this);
    }

    /**
     * Recognises one page image.
     *
     * @param image the page
     * @return the recognised page; a blank page gives a page without words
     */
    public OcrPage recognize(BufferedImage image) {
        Objects.requireNonNull(image, "image");
        TessBaseAPI a = api;
        if (a == null) {
            throw new IllegalStateException("engine is closed");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        Preprocessing p = options.preprocessing();
        Preprocessor.Result prep;
        if (p.grey()) {
            prep = Preprocessor.run(GreyImage.of(image), p);
            GreyImage g = prep.image();
            a.SetImage(g.pixels, g.width, g.height, 1, g.width);
        } else {
            // Identity transform: scale 1, no rotation (the image size plays no part then).
            prep = new Preprocessor.Result(new GreyImage(1, 1, new byte[1]), 1, 0, PreprocessReport.none());
            a.SetImage(GreyImage.rgbBytes(image), w, h, 3, 3 * w);
        }
        a.SetSourceResolution((int) Math.round(options.dpi() * prep.scale()));
        List<String> steps = new ArrayList<>(prep.report().steps());
        if (p.binarisation() != Binarisation.OTSU) {
            steps.add("binarise " + p.binarisation().name().toLowerCase(java.util.Locale.ROOT));
        }
        PreprocessReport report = new PreprocessReport(steps, prep.report().scale(), prep.report().skewDegrees(),
                prep.report().xHeight());
        List<OcrBlock> blocks = new ArrayList<>();
        try {
            if (a.Recognize(null) != 0) {
                throw new IllegalStateException("Tesseract failed to recognise the page");
            }
            ResultIterator it = a.GetIterator();
            if (it != null) {
                try {
                    collect(it, prep, w, h, blocks, options.splitColumns());
                } finally {
                    TessResultIteratorDelete(it);
                }
            }
        } finally {
            a.Clear();
        }
        return new OcrPage(w, h, blocks, OcrPage.Source.OCR, report);
    }

    private static void collect(ResultIterator it, Preprocessor.Result prep, int w, int h, List<OcrBlock> blocks,
            boolean split) {
        int[] x0 = new int[1];
        int[] y0 = new int[1];
        int[] x1 = new int[1];
        int[] y1 = new int[1];
        List<OcrLine> lines = new ArrayList<>();
        List<OcrWord> words = new ArrayList<>();
        Box blockBox = null;
        Box lineBox = null;
        it.Begin();
        do {
            if (it.IsAtBeginningOf(RIL_BLOCK)) {
                flushLine(lines, words, lineBox, split);
                lineBox = null;
                flushBlock(blocks, lines, blockBox);
                blockBox = it.BoundingBox(RIL_BLOCK, x0, y0, x1, y1)
                        ? prep.toOriginal(x0[0], y0[0], x1[0], y1[0], w, h) : null;
            }
            if (it.IsAtBeginningOf(RIL_TEXTLINE)) {
                flushLine(lines, words, lineBox, split);
                lineBox = it.BoundingBox(RIL_TEXTLINE, x0, y0, x1, y1)
                        ? prep.toOriginal(x0[0], y0[0], x1[0], y1[0], w, h) : null;
            }
            BytePointer text = it.GetUTF8Text(RIL_WORD);
            if (text != null) {
                String s;
                try {
                    s = text.getString(java.nio.charset.StandardCharsets.UTF_8).strip();
                } finally {
                    TessDeleteText(text);
                }
                if (!s.isEmpty() && it.BoundingBox(RIL_WORD, x0, y0, x1, y1)) {
                    double conf = Math.max(0, Math.min(100, it.Confidence(RIL_WORD))) / 100.0;
                    words.add(new OcrWord(s, prep.toOriginal(x0[0], y0[0], x1[0], y1[0], w, h), conf));
                }
            }
        } while (it.Next(RIL_WORD));
        flushLine(lines, words, lineBox, split);
        flushBlock(blocks, lines, blockBox);
    }

    private static void flushLine(List<OcrLine> lines, List<OcrWord> words, @Nullable Box box, boolean split) {
        if (split && words.size() > 1) {
            int[] hs = words.stream().mapToInt(wd -> wd.box().height()).sorted().toArray();
            int gapLimit = 2 * Math.max(1, hs[hs.length / 2]);
            int from = 0;
            for (int i = 1; i <= words.size(); i++) {
                if (i == words.size() || words.get(i).box().x() - (words.get(i - 1).box().x()
                        + words.get(i - 1).box().width()) > gapLimit) {
                    if (from > 0 || i < words.size()) {
                        List<OcrWord> piece = new ArrayList<>(words.subList(from, i));
                        flushLine(lines, piece, null, false);
                    } else {
                        flushLine(lines, new ArrayList<>(words), box, false);
                    }
                    from = i;
                }
            }
            words.clear();
            return;
        }
        if (!words.isEmpty()) {
            Box b = box;
            if (b == null) {
                b = words.get(0).box();
                for (OcrWord word : words) {
                    b = b.union(word.box());
                }
            }
            lines.add(new OcrLine(b, words));
        }
        words.clear();
    }

    private static void flushBlock(List<OcrBlock> blocks, List<OcrLine> lines, @Nullable Box box) {
        if (!lines.isEmpty()) {
            Box b = box;
            if (b == null) {
                b = lines.get(0).box();
                for (OcrLine line : lines) {
                    b = b.union(line.box());
                }
            }
            blocks.add(new OcrBlock(b, lines));
        }
        lines.clear();
    }

    /** Releases the native engine. Idempotent. */
    @Override
    public void close() {
        TessBaseAPI a = api;
        api = null;
        if (a != null) {
            a.End();
            a.close();
        }
    }
}
