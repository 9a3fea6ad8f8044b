package fr.territoires.ia.ocr;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/** Reads page images and PDF pages. Package-private; stateless and thread-safe. */
final class Documents {

    private Documents() {
    }

    /** The file kinds read, from their first bytes. */
    enum Kind { PDF, IMAGE }

    static Kind sniff(Path file) throws IOException {
        byte[] head = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n >= 5 && head[0] == '%' && head[1] == 'P' && head[2] == 'D' && head[3] == 'F' && head[4] == '-') {
            return Kind.PDF;
        }
        boolean png = n >= 4 && (head[0] & 0xff) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G';
        boolean jpeg = n >= 3 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8 && (head[2] & 0xff) == 0xff;
        boolean tiff = n >= 4 && ((head[0] == 'I' && head[1] == 'I' && head[2] == 42 && head[3] == 0)
                || (head[0] == 'M' && head[1] == 'M' && head[2] == 0 && head[3] == 42));
        if (png || jpeg || tiff) {
            return Kind.IMAGE;
        }
        throw new IllegalArgumentException("input must be a PNG, JPEG, TIFF or PDF file, was not one: " + file.getFileName());
    }

    static List<OcrPage> read(Path file, OcrEngine engine) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("input must be a readable file, was " + file);
        }
        if (sniff(file) == Kind.PDF) {
            return readPdf(file, engine);
        }
        List<OcrPage> pages = new ArrayList<>();
        for (BufferedImage image : readImages(file)) {
            pages.add(engine.recognize(image));
        }
        return pages;
    }

    /** Reads every image of a PNG, JPEG or (multi-page) TIFF file. */
    static List<BufferedImage> readImages(Path file) throws IOException {
        List<BufferedImage> out = new ArrayList<>();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new IllegalArgumentException("input must be a PNG, JPEG, TIFF or PDF file, no image reader "
                        + "for " + file.getFileName());
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, false, true);
                int n = reader.getNumImages(true);
                for (int i = 0; i < n; i++) {
                    out.add(reader.read(i));
                }
            } catch (javax.imageio.IIOException e) {
                // Java's decoders refuse some valid files (CMYK JPEG, unusual TIFF compressions): try Leptonica's.
                BufferedImage viaLeptonica = readWithLeptonica(file);
                if (viaLeptonica == null) {
                    throw new IllegalArgumentException("input image is corrupt or unsupported: " + file.getFileName()
                            + " (" + e.getMessage() + ")", e);
                }
                out.clear();
                out.add(viaLeptonica);
            } finally {
                reader.dispose();
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("input image holds no page: " + file.getFileName());
        }
        for (BufferedImage image : out) {
            if (image.getWidth() < 1 || image.getHeight() < 1) {
                throw new IllegalArgumentException("input page is empty (0 pixels): " + file.getFileName());
            }
        }
        return out;
    }

    /** Decodes the first image of a file with Leptonica (through a PNG in memory), or null when it cannot. */
    static BufferedImage readWithLeptonica(Path file) throws IOException {
        org.bytedeco.leptonica.PIX pix = org.bytedeco.leptonica.global.leptonica.pixRead(file.toString());
        if (pix == null) {
            return null;
        }
        try (org.bytedeco.javacpp.PointerPointer<?> data = new org.bytedeco.javacpp.PointerPointer<>(1);
                org.bytedeco.javacpp.SizeTPointer size = new org.bytedeco.javacpp.SizeTPointer(1)) {
            if (org.bytedeco.leptonica.global.leptonica.pixWriteMem(data, size, pix,
                    org.bytedeco.leptonica.global.leptonica.IFF_PNG) != 0) {
                return null;
            }
            org.bytedeco.javacpp.BytePointer bytes = new org.bytedeco.javacpp.BytePointer(data.get(0));
            byte[] png = new byte[(int) size.get()];
            bytes.capacity(png.length).get(png);
            org.bytedeco.leptonica.global.leptonica.lept_free(bytes);
            return ImageIO.read(new java.io.ByteArrayInputStream(png));
        } finally {
            org.bytedeco.leptonica.global.leptonica.pixDestroy(pix);
        }
    }

    private static List<OcrPage> readPdf(Path file, OcrEngine engine) throws IOException {
        PDDocument doc;
        try {
            doc = Loader.loadPDF(file.toFile());
        } catch (InvalidPasswordException e) {
            throw new IllegalArgumentException("input PDF is encrypted (password needed): " + file.getFileName(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("input PDF is unreadable: " + file.getFileName() + " ("
                    + e.getMessage() + ")", e);
        }
        try (doc) {
            if (doc.isEncrypted() && !doc.getCurrentAccessPermission().canExtractContent()) {
                throw new IllegalArgumentException("input PDF is encrypted against extraction: " + file.getFileName());
            }
            int n = doc.getNumberOfPages();
            if (n == 0) {
                throw new IllegalArgumentException("input PDF holds no page: " + file.getFileName());
            }
            int dpi = engine.options().dpi();
            PDFRenderer renderer = new PDFRenderer(doc);
            List<OcrPage> pages = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                OcrPage layer = engine.options().forceOcr() ? null : textLayer(doc, i, dpi);
                if (layer != null) {
                    pages.add(layer);
                } else {
                    BufferedImage image = renderer.renderImageWithDPI(i, dpi, ImageType.GRAY);
                    pages.add(engine.recognize(image));
                }
            }
            return pages;
        }
    }

    /** Returns the text layer of a page as an OCR page (boxes at {@code dpi}), or null when it holds no text. */
    static OcrPage textLayer(PDDocument doc, int index, int dpi) throws IOException {
        PDPage page = doc.getPage(index);
        double k = dpi / 72.0;
        int w = Math.max(1, (int) Math.round(page.getCropBox().getWidth() * k));
        int h = Math.max(1, (int) Math.round(page.getCropBox().getHeight() * k));
        List<OcrLine> lines = new ArrayList<>();
        PDFTextStripper stripper = new PDFTextStripper() {
            @Override
            protected void writeString(String text, List<TextPosition> positions) {
                List<OcrWord> words = new ArrayList<>();
                StringBuilder sb = new StringBuilder();
                Box box = null;
                for (TextPosition p : positions) {
                    String u = p.getUnicode();
                    if (u == null || u.isBlank()) {
                        addWord(words, sb, box);
                        sb.setLength(0);
                        box = null;
                        continue;
                    }
                    Box b = new Box((int) Math.floor(p.getXDirAdj() * k),
                            (int) Math.floor((p.getYDirAdj() - p.getHeightDir()) * k),
                            (int) Math.ceil(p.getWidthDirAdj() * k), (int) Math.ceil(Math.max(1, p.getHeightDir()) * k));
                    box = box == null ? b : box.union(b);
                    sb.append(u);
                }
                addWord(words, sb, box);
                if (!words.isEmpty()) {
                    Box lb = words.get(0).box();
                    for (OcrWord wd : words) {
                        lb = lb.union(wd.box());
                    }
                    lines.add(new OcrLine(lb, words));
                }
            }
        };
        stripper.setSortByPosition(true);
        stripper.setStartPage(index + 1);
        stripper.setEndPage(index + 1);
        stripper.getText(doc);
        if (lines.isEmpty()) {
            return null;
        }
        Box bb = lines.get(0).box();
        for (OcrLine l : lines) {
            bb = bb.union(l.box());
        }
        return new OcrPage(w, h, List.of(new OcrBlock(bb, lines)), OcrPage.Source.PDF_TEXT_LAYER,
                new PreprocessReport(List.of("pdf text layer"), 1, 0, Double.NaN));
    }

    private static void addWord(List<OcrWord> words, StringBuilder sb, Box box) {
        String s = sb.toString().strip();
        if (!s.isEmpty() && box != null) {
            words.add(new OcrWord(s, box, 1.0));
        }
    }

    static String extension(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1);
    }
}
