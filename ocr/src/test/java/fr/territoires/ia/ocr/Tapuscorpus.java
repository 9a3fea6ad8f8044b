package fr.territoires.ia.ocr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The tapuscorpus pages (HTR-United, CC BY 4.0): page images with ALTO v4 line ground truth, and the
 * scoring of the dataset's README (lines matched by box overlap, {@code ~~~} lines skipped, markers removed,
 * quotes and dashes unified, whitespace collapsed).
 */
final class Tapuscorpus {

    record GtLine(Box box, String text, boolean skipped) {
    }

    record Page(String subCorpus, Path image, List<GtLine> lines) {
        String name() {
            return subCorpus + "/" + image.getFileName();
        }
    }

    private Tapuscorpus() {
    }

    static List<Page> pages(Path root) throws Exception {
        List<Page> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path img : files.filter(p -> p.toString().matches(".*\\.(jpg|jpeg)$")).sorted().toList()) {
                        String base = img.getFileName().toString().replaceAll("\\.(jpg|jpeg)$", "");
                        Path xml = dir.resolve(base + ".xml");
                        if (Files.isRegularFile(xml)) {
                            out.add(new Page(dir.getFileName().toString(), img, readAlto(xml)));
                        }
                    }
                }
            }
        }
        return out;
    }

    static List<GtLine> readAlto(Path xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        org.w3c.dom.Document doc = f.newDocumentBuilder().parse(xml.toFile());
        NodeList lines = doc.getElementsByTagNameNS("*", "TextLine");
        List<GtLine> out = new ArrayList<>();
        for (int i = 0; i < lines.getLength(); i++) {
            Element l = (Element) lines.item(i);
            NodeList strings = l.getElementsByTagNameNS("*", "String");
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < strings.getLength(); j++) {
                sb.append(j > 0 ? " " : "").append(((Element) strings.item(j)).getAttribute("CONTENT"));
            }
            String raw = sb.toString();
            Box box = new Box(num(l, "HPOS"), num(l, "VPOS"), num(l, "WIDTH"), num(l, "HEIGHT"));
            out.add(new GtLine(box, normalise(raw), raw.contains("~~~")));
        }
        return out;
    }

    private static int num(Element e, String attr) {
        return (int) Math.round(Double.parseDouble(e.getAttribute(attr)));
    }

    /** The README's normalisation: markers removed, quotes, apostrophes and dashes unified, spaces collapsed. */
    static String normalise(String s) {
        String t = s.replace("_", "").replace("^", "");
        t = t.replaceAll("[\u2018\u2019\u201A\u201B\u02BC\u0060\u00B4\u2032]", "'");
        t = t.replaceAll("[\u201C\u201D\u201E\u201F\u00AB\u00BB\u2033]", "\"");
        t = t.replaceAll("[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u00AD]", "-");
        t = t.replace('\u00A0', ' ').replace('\u202F', ' ');
        return t.replaceAll("\\s+", " ").strip();
    }

    /** Edit counts of one scoring. */
    record Score(long charEdits, long chars, long wordEdits, long words, long unmatchedChars) {
        Score plus(Score o) {
            return new Score(charEdits + o.charEdits, chars + o.chars, wordEdits + o.wordEdits, words + o.words,
                    unmatchedChars + o.unmatchedChars);
        }

        double cer() {
            return chars == 0 ? Double.NaN : (double) charEdits / chars;
        }

        double wer() {
            return words == 0 ? Double.NaN : (double) wordEdits / words;
        }

        static Score zero() {
            return new Score(0, 0, 0, 0, 0);
        }
    }

    /**
     * Scores predicted lines against the ground truth: each predicted line goes to the ground-truth line
     * its box overlaps most; predicted lines sent to one ground-truth line are joined left to right.
     */
    static Score score(List<GtLine> truth, List<OcrLine> predicted) {
        List<List<OcrLine>> assigned = new ArrayList<>();
        for (int i = 0; i < truth.size(); i++) {
            assigned.add(new ArrayList<>());
        }
        long unmatched = 0;
        for (OcrLine p : predicted) {
            int best = -1;
            long bestArea = 0;
            for (int i = 0; i < truth.size(); i++) {
                long a = truth.get(i).box().overlap(p.box());
                if (a > bestArea) {
                    bestArea = a;
                    best = i;
                }
            }
            if (best < 0) {
                unmatched += normalise(p.text()).length();
            } else {
                assigned.get(best).add(p);
            }
        }
        long ce = 0;
        long cn = 0;
        long we = 0;
        long wn = 0;
        for (int i = 0; i < truth.size(); i++) {
            GtLine g = truth.get(i);
            if (g.skipped()) {
                continue;
            }
            List<OcrLine> ps = assigned.get(i);
            ps.sort((a, b) -> Integer.compare(a.box().x(), b.box().x()));
            String pred = normalise(String.join(" ", ps.stream().map(OcrLine::text).toList()));
            ce += Levenshtein.distance(codePoints(g.text()), codePoints(pred));
            cn += g.text().codePointCount(0, g.text().length());
            String[] gw = g.text().isEmpty() ? new String[0] : g.text().split(" ");
            String[] pw = pred.isEmpty() ? new String[0] : pred.split(" ");
            we += Levenshtein.distance(gw, pw);
            wn += gw.length;
        }
        return new Score(ce, cn, we, wn, unmatched);
    }

    private static Integer[] codePoints(String s) {
        return s.codePoints().boxed().toArray(Integer[]::new);
    }

    static List<Page> load() throws Exception {
        Path root = fr.territoires.ia.testing.SharedData.resolve("ocr/tapuscorpus");
        return pages(root);
    }

    static String read(Path p) throws IOException {
        return Files.readString(p);
    }
}
