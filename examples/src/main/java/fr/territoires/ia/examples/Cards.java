package fr.territoires.ia.examples;

import fr.territoires.ia.core.AtomicFiles;
import fr.territoires.ia.core.trust.Altai;
import fr.territoires.ia.core.trust.ModelCard;
import fr.territoires.ia.core.trust.PersonalDataCheck;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Completes and writes model cards for the runner: ALTAI pre-filled, personal-data check, format by name. */
final class Cards {

    static final List<String> FORMATS = List.of("md", "json", "html", "notice-fr");

    private Cards() {
    }

    /**
     * The card with its ALTAI section pre-filled (unless it has one) from the personal-data check of
     * the given input columns, whose findings are also added to the caveats.
     */
    static ModelCard complete(ModelCard card, List<String> columns, List<List<String>> sampleRows) {
        List<PersonalDataCheck.Finding> findings = PersonalDataCheck.scan(columns, sampleRows);
        ModelCard.Builder b = card.toBuilder();
        if (!findings.isEmpty()) {
            List<String> caveats = new ArrayList<>(card.caveats());
            findings.forEach(f -> caveats.add(f.message() + "."));
            b.caveats(caveats);
        }
        ModelCard withCaveats = b.build();
        if (!card.altai().isEmpty()) {
            return withCaveats;
        }
        return withCaveats.toBuilder().altai(Altai.prefill(withCaveats, findings)).build();
    }

    /** A card for the online default StreamDetector, which has no training phase, evaluated on one run. */
    static ModelCard streamDetectorCard(String name, String options, ModelCard.DataSummary evaluation,
            List<ModelCard.Metric> metrics, String primaryUse) {
        return ModelCard.builder(name)
                .algorithm("StreamDetector: ARTime (adaptive resonance theory, Hampton 2021, reproduced from its"
                        + " published description) raises the alarms, with a flatline test for stuck sensors; a robust"
                        + " seasonal baseline per hour of week gives the expected value, band and reason; online, no"
                        + " training phase")
                .description("Online anomaly detector that learns each stream's own patterns as it reads; a reading"
                        + " is flagged when the pattern it completes is unlike any learnt so far, or when the value"
                        + " stops moving, with the expected value and a plain-language reason.")
                .options(java.util.Map.of("options", options))
                .intendedUse(new ModelCard.IntendedUse(primaryUse, List.of("network or sensor operators"),
                        List.of("billing or sanctioning a person without human review",
                                "series without a stable daily or weekly pattern")))
                .metrics(metrics)
                .evaluationData(evaluation)
                .caveats(List.of("No alarm is raised during the probationary period (750 readings by default), while"
                                + " the detector learns the stream's range and patterns; the baseline needs about two"
                                + " weeks of data before its expected values are reliable.",
                        "Evaluated on one simulated series with one planted fault: a delay and a false-alarm"
                                + " count, not an accuracy with an interval."))
                .build();
    }

    static String render(ModelCard card, String format) {
        return switch (format) {
            case "md" -> card.toMarkdown();
            case "json" -> card.toJson();
            case "html" -> card.toHtml();
            case "notice-fr" -> fr.territoires.ia.core.trust.PublicNotice.french(card, Cards::frenchLabel,
                    fr.territoires.ia.examples.report.FrenchTexts::of);
            default -> throw new IllegalArgumentException("--format must be one of " + String.join(", ", FORMATS)
                    + ", was \"" + format + "\"");
        };
    }

    /**
     * The plain French name of a model input: forecasting features ("valeur du jour" for
     * {@code lag0}), then shape descriptors ("surface au sol (m²)" for {@code area}); other names
     * (columns of a detector) as they are.
     */
    static String frenchLabel(String name) {
        String feature = fr.territoires.ia.forecasting.FeatureSpec.label(name, true);
        if (!feature.equals(name)) {
            return feature;
        }
        String descriptor = fr.territoires.ia.geo.ShapeClassifier.label(name, true);
        return descriptor.equals(name.replace('_', ' ')) ? name : descriptor;
    }

    /** The format for a file name: .html/.htm, .json, otherwise Markdown. */
    static String formatOf(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".html") || n.endsWith(".htm")) {
            return "html";
        }
        if (n.endsWith(".json")) {
            return "json";
        }
        return "md";
    }

    /** Writes the card whole or not at all, in the format its file name says. */
    static void write(Path file, ModelCard card) throws IOException {
        AtomicFiles.writeString(file, render(card, formatOf(file)));
    }

    /**
     * The card with what the runner knows of the training: when it ran, the training file's name,
     * SHA-256 and row count (kept in the training data's details with the card's own ones), and the
     * command line, in the provenance under {@code runner.commandLine}.
     */
    static ModelCard withRunnerFacts(ModelCard card, java.time.Instant trainedAt, Path trainingFile, long rows,
            List<String> commandLine) throws IOException {
        String digest = sha256(trainingFile);
        java.util.Map<String, String> details = new java.util.LinkedHashMap<>(card.trainingData().details());
        details.put("file SHA-256", digest);
        java.util.Map<String, String> provenance = new java.util.LinkedHashMap<>(card.details().provenance());
        provenance.put("runner.commandLine", "java -jar territoires-ia.jar " + String.join(" ", commandLine));
        return card.toBuilder().trainedAt(trainedAt).dataDigest(digest).provenance(provenance)
                .trainingData(new ModelCard.DataSummary(trainingFile.getFileName().toString(),
                        card.trainingData().extent(), rows, details))
                .build();
    }

    /** SHA-256 of a file, 64 lower-case hex digits. */
    static String sha256(Path file) throws IOException {
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                md.update(buffer, 0, n);
            }
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 must be available in every Java runtime", e);
        }
    }

    /** Warns on standard error for each input column that looks like personal data. */
    static void warnPersonalData(java.io.PrintWriter err, String command, List<String> columns,
            List<List<String>> sampleRows) {
        for (PersonalDataCheck.Finding f : PersonalDataCheck.scan(columns, sampleRows)) {
            err.println(command + ": warning: " + f.message());
        }
    }
}
