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

    @Override
    public Integer call() {
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
            out.println(u.example().get());
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
