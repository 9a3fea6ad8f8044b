package fr.territoires.ia.examples;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tour}: runs every use case of the catalogue on simulated data and prints a summary of each. */
@Command(name = "tour", mixinStandardHelpOptions = true,
        description = "Run every use case on built-in simulated data (default).")
final class TourCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--only", paramLabel = "ID", description = "Run only this use case (see --list).")
    private String only;

    @Option(names = "--list", description = "List the use cases without running them.")
    private boolean list;

    @Option(names = "--cards", paramLabel = "DIR",
            description = "Folder receiving the model cards (Markdown and HTML) of the use cases' models "
                    + "(default: a new temporary folder).")
    private java.nio.file.@org.jspecify.annotations.Nullable Path cards;

    @Option(names = "--reports", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Write one HTML report per use case with a runner command, next to the cards, by running "
                    + "that command on the use case's simulated data (default: on; --no-reports skips them).")
    private boolean reports;

    @Option(names = "--lang", defaultValue = "fr", paramLabel = "LANG",
            description = "Language of the reports: fr or en (default: ${DEFAULT-VALUE}).")
    private String lang;

    @Override
    public Integer call() throws java.io.IOException {
        fr.territoires.ia.examples.report.Lang.of(lang);
        PrintWriter out = spec.commandLine().getOut();
        List<UseCase> cases = Catalogue.useCases();
        if (only != null) {
            cases = cases.stream().filter(u -> u.id().equals(only)).toList();
            if (cases.isEmpty()) {
                throw new IllegalArgumentException("--only must name a use case of the catalogue, was \"" + only
                        + "\"; use tour --list");
            }
        }
        if (list) {
            for (UseCase u : cases) {
                out.printf("%-22s %-12s %s%n", u.id(), u.capability(), u.title());
            }
            return 0;
        }
        out.println("Territoires IA — catalogue tour (" + plural(cases.size()) + ", simulated data)");
        int n = 0;
        for (UseCase u : cases) {
            n++;
            out.println();
            out.println("[" + n + "/" + cases.size() + "] " + u.title() + "  (" + u.capability() + ", " + u.id() + ")");
            List<fr.territoires.ia.core.trust.ModelCard> made = new java.util.ArrayList<>();
            out.println(u.example().apply(made::add));
            for (int k = 0; k < made.size(); k++) {
                if (cards == null) {
                    cards = java.nio.file.Files.createTempDirectory("territoires-ia-cards");
                } else {
                    java.nio.file.Files.createDirectories(cards);
                }
                String base = u.id() + (made.size() == 1 ? "" : "-" + (k + 1));
                fr.territoires.ia.core.trust.ModelCard c = Cards.complete(made.get(k),
                        new java.util.ArrayList<>(made.get(k).featureImportance().keySet()), List.of());
                java.nio.file.Path md = cards.resolve(base + ".md");
                java.nio.file.Path html = cards.resolve(base + ".html");
                java.nio.file.Path notice = cards.resolve(base + ".notice-fr.md");
                Cards.write(md, c);
                Cards.write(html, c);
                fr.territoires.ia.core.AtomicFiles.writeString(notice, Cards.render(c, "notice-fr"));
                out.println("  model card: " + md + " and " + html + "; French notice: " + notice);
            }
            if (reports && TourReports.USE_CASES.contains(u.id())) {
                if (cards == null) {
                    cards = java.nio.file.Files.createTempDirectory("territoires-ia-cards");
                } else {
                    java.nio.file.Files.createDirectories(cards);
                }
                for (String report : TourReports.run(u.id(), cards, lang, out)) {
                    out.println("  report: " + report);
                }
            }
            out.flush();
        }
        out.println();
        out.println("Tour complete: " + plural(cases.size()) + " ran.");
        return 0;
    }

    private static String plural(int n) {
        return n + (n == 1 ? " use case" : " use cases");
    }
}
