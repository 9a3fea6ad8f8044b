package fr.territoires.ia.examples;

import fr.territoires.ia.core.AtomicFiles;
import fr.territoires.ia.ocr.AltoWriter;
import fr.territoires.ia.ocr.Field;
import fr.territoires.ia.ocr.FieldExtractor;
import fr.territoires.ia.ocr.OcrCard;
import fr.territoires.ia.ocr.OcrEngine;
import fr.territoires.ia.ocr.OcrJson;
import fr.territoires.ia.ocr.OcrPage;
import fr.territoires.ia.ocr.Redactor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ocr}: recognises the text of page images or PDF files, with optional extraction and redaction. */
@Command(name = "ocr", mixinStandardHelpOptions = true,
        description = "OCR of images or PDF: text, ALTO, JSON; fields, redaction.")
final class OcrCommand implements Callable<Integer> {

    static final List<String> INPUT_EXTENSIONS = List.of("png", "jpg", "jpeg", "tif", "tiff", "pdf");

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE|DIR",
            description = "A PNG, JPEG, TIFF (every page) or PDF file, or a folder of them.")
    private Path input;

    @Option(names = "--output", required = true, paramLabel = "FILE|DIR",
            description = "Output file: .txt, .alto.xml (or .xml) or .json. With a folder as input: a folder, "
                    + "receiving one NAME.txt (or --format) per input page.")
    private Path output;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "txt, alto or json; for a folder output (default: from the output file name, txt for a folder).")
    private String format;

    @Option(names = "--lang", defaultValue = "fra", paramLabel = "LANG",
            description = "Tesseract language codes joined by + (default: ${DEFAULT-VALUE}).")
    private String lang;

    @Option(names = "--tessdata", paramLabel = "DIR",
            description = "Folder holding LANG.traineddata (default: TESSDATA_PREFIX, then the system folders).")
    private Path tessdata;

    @Option(names = "--dpi", defaultValue = "300", paramLabel = "N",
            description = "Resolution of PDF rendering, and the one declared for images (default: ${DEFAULT-VALUE}).")
    private int dpi;

    @Option(names = "--force-ocr", description = "Recognise PDF pages even when they hold a text layer.")
    private boolean forceOcr;

    @Option(names = "--raw", description = "No preprocessing and no column splitting: the engine as it is.")
    private boolean raw;

    @Option(names = "--extract", description = "Find dates, euro amounts, SIREN/SIRET, IBAN, postal codes, e-mail "
            + "addresses, phone numbers and NIR (in the JSON output; a summary on standard output).")
    private boolean extract;

    @Option(names = "--redact", description = "Mask personal identifiers (NIR, IBAN, e-mail, phone) in the text, "
            + "ALTO and JSON outputs, and list what was masked.")
    private boolean redact;

    @Option(names = "--card", paramLabel = "FILE",
            description = "Also write the model card of the OCR pipeline (.html, .json, .notice-fr.md for the French "
                    + "public-algorithm notice, otherwise Markdown).")
    private Path card;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        OcrEngine.Options options = OcrEngine.Options.defaults().withLanguage(lang).withTessdata(tessdata)
                .withDpi(dpi).withForceOcr(forceOcr);
        if (raw) {
            options = options.withPreprocessing(OcrEngine.Preprocessing.none()).withSplitColumns(false);
        }
        List<Path> inputs;
        boolean folder = Files.isDirectory(input);
        if (folder) {
            try (Stream<Path> s = Files.list(input)) {
                inputs = s.filter(p -> INPUT_EXTENSIONS.contains(extension(p))).sorted().toList();
            }
            if (inputs.isEmpty()) {
                throw new IllegalArgumentException("--input folder holds no " + String.join("/", INPUT_EXTENSIONS)
                        + " file: " + input);
            }
            Files.createDirectories(output);
        } else {
            if (!Files.exists(input)) {
                throw new java.nio.file.NoSuchFileException(input.toString());
            }
            inputs = List.of(input);
        }
        String fmt = format != null ? format.toLowerCase(Locale.ROOT) : folder ? "txt" : formatOf(output);
        if (!List.of("txt", "alto", "json").contains(fmt)) {
            throw new IllegalArgumentException("--format must be txt, alto or json, was \"" + fmt + "\"");
        }
        List<String> masked = new ArrayList<>();
        List<Field> personal = new ArrayList<>();
        List<List<String>> sampleLines = new ArrayList<>();
        try (OcrEngine engine = OcrEngine.open(options)) {
            for (Path file : inputs) {
                List<OcrPage> pages = engine.recognizeFile(file);
                List<OcrJson.PageResult> results = new ArrayList<>();
                for (int i = 0; i < pages.size(); i++) {
                    OcrPage page = pages.get(i);
                    page.lines().stream().limit(Math.max(0, 50 - sampleLines.size()))
                            .forEach(l -> sampleLines.add(List.of(l.text())));
                    FieldExtractor.extract(page).stream().filter(f -> f.type().personal()).forEach(personal::add);
                    List<Field> gone = List.of();
                    if (redact) {
                        Redactor.Redaction r = Redactor.redact(page);
                        page = r.page();
                        gone = r.masked();
                        gone.forEach(f -> masked.add(f.type().name()));
                    }
                    List<Field> fields = extract ? FieldExtractor.extract(page) : List.of();
                    results.add(new OcrJson.PageResult(page, fields, gone));
                    out.println(file.getFileName() + (pages.size() > 1 ? " page " + (i + 1) : "") + ": "
                            + summary(page, fields, gone));
                }
                if (folder) {
                    String base = stripExtension(file.getFileName().toString());
                    String ext = fmt.equals("alto") ? ".alto.xml" : "." + fmt;
                    if (fmt.equals("txt") && results.size() > 1) {
                        for (int i = 0; i < results.size(); i++) {
                            write(output.resolve(base + "-p" + (i + 1) + ext), fmt, file, results.subList(i, i + 1));
                        }
                    } else {
                        write(output.resolve(base + ext), fmt, file, results);
                    }
                } else {
                    write(output, fmt, file, results);
                }
            }
            if (redact) {
                java.util.Map<String, Long> byType = masked.stream().collect(Collectors.groupingBy(s -> s,
                        java.util.TreeMap::new, Collectors.counting()));
                out.println("redacted: " + (masked.isEmpty() ? "nothing found to mask"
                        : masked.size() + " identifiers (" + byType + ")"));
            }
            if (card != null) {
                fr.territoires.ia.core.trust.ModelCard c = OcrCard.of(options);
                if (!personal.isEmpty()) {
                    java.util.Map<String, Long> byType = personal.stream().collect(Collectors.groupingBy(
                            f -> f.type().name(), java.util.TreeMap::new, Collectors.counting()));
                    List<String> caveats = new ArrayList<>(c.caveats());
                    caveats.add("Personal identifiers found in the input documents: " + byType
                            + (redact ? " (masked in the outputs)." : " (not masked: run with --redact before publishing)."));
                    c = c.toBuilder().caveats(caveats).build();
                }
                Cards.warnPersonalData(spec.commandLine().getErr(), "ocr", List.of("text"), sampleLines);
                fr.territoires.ia.core.trust.ModelCard complete = Cards.complete(c, List.of("text"), sampleLines);
                if (card.getFileName().toString().endsWith(".notice-fr.md")) {
                    AtomicFiles.writeString(card, Cards.render(complete, "notice-fr"));
                } else {
                    Cards.write(card, complete);
                }
                out.println("model card written to " + card);
            }
        }
        out.println(inputs.size() + " input file(s) read; written to " + output);
        return 0;
    }

    private static String summary(OcrPage page, List<Field> fields, List<Field> gone) {
        if (page.isBlank()) {
            return "blank page (no text found)";
        }
        StringBuilder sb = new StringBuilder();
        sb.append(page.lines().size()).append(" lines");
        if (page.source() == OcrPage.Source.PDF_TEXT_LAYER) {
            sb.append(" from the PDF text layer");
        } else {
            sb.append(String.format(Locale.ROOT, ", mean confidence %.2f", page.meanConfidence()));
            if (!page.preprocessing().steps().isEmpty()) {
                sb.append(", preprocessing: ").append(String.join(", ", page.preprocessing().steps()));
            }
        }
        if (!fields.isEmpty()) {
            java.util.Map<String, Long> byType = fields.stream().collect(Collectors.groupingBy(f -> f.type().name(),
                    java.util.TreeMap::new, Collectors.counting()));
            sb.append("; fields: ").append(byType.toString());
        }
        if (!gone.isEmpty()) {
            sb.append("; masked ").append(gone.size());
        }
        return sb.toString();
    }

    private static void write(Path target, String fmt, Path source, List<OcrJson.PageResult> results)
            throws IOException {
        List<OcrPage> pages = results.stream().map(OcrJson.PageResult::page).toList();
        String text = switch (fmt) {
            case "alto" -> AltoWriter.toAlto(source.getFileName().toString(), pages);
            case "json" -> OcrJson.toJson(source.getFileName().toString(), results);
            default -> pages.stream().map(OcrPage::text).collect(Collectors.joining("\n\f\n")) + "\n";
        };
        AtomicFiles.writeString(target, text);
    }

    static String formatOf(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".xml")) {
            return "alto";
        }
        if (n.endsWith(".json")) {
            return "json";
        }
        if (n.endsWith(".txt")) {
            return "txt";
        }
        throw new IllegalArgumentException("--output must end with .txt, .alto.xml or .json, was " + file.getFileName());
    }

    private static String extension(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1);
    }

    private static String stripExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
