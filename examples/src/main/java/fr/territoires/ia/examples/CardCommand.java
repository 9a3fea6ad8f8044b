package fr.territoires.ia.examples;

import fr.territoires.ia.core.AtomicFiles;
import fr.territoires.ia.core.trust.ModelCard;
import fr.territoires.ia.core.trust.ModelFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code card}: prints or writes the model card of a saved model file, with its ALTAI self-assessment. */
@Command(name = "card", mixinStandardHelpOptions = true,
        description = "Model card of a saved model: md, json, html or notice-fr.")
final class CardCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE",
            description = "A model file (e.g. saved by classify-shapes --save-model).")
    private Path model;

    @Option(names = "--format", defaultValue = "md", paramLabel = "FORMAT",
            description = "md, json, html or notice-fr (default: ${DEFAULT-VALUE}).")
    private String format;

    @Option(names = "--output", paramLabel = "FILE", description = "Write here (whole or not at all) instead of standard output.")
    private Path output;

    @Override
    public Integer call() throws IOException {
        if (!Cards.FORMATS.contains(format)) {
            throw new IllegalArgumentException("--format must be one of " + String.join(", ", Cards.FORMATS)
                    + ", was \"" + format + "\"");
        }
        ModelCard card = ModelFile.load(model).card();
        List<String> inputs = new ArrayList<>(card.featureImportance().keySet());
        String text = Cards.render(Cards.complete(card, inputs, List.of()), format);
        PrintWriter out = spec.commandLine().getOut();
        if (output == null) {
            out.print(text);
            out.flush();
        } else {
            AtomicFiles.writeString(output, text);
            out.println(model + ": model card (" + format + ") written to " + output);
        }
        return 0;
    }
}
