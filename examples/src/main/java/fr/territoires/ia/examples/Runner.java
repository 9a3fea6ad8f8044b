package fr.territoires.ia.examples;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command-line runner of the catalogue: {@code java -jar territoires-ia.jar COMMAND}.
 *
 * <p>With no command it runs the tour. Every command validates its input; bad arguments or bad
 * input give a one-line message naming the problem (file, line, column, value) on standard error
 * and exit status 2, never a stack trace. Output files are written whole or not at all.
 */
@Command(name = "territoires-ia",
        mixinStandardHelpOptions = true,
        versionProvider = Runner.Version.class,
        description = "AI building blocks for local governments: anomaly detection, forecasting, "
                + "shape classification, model cards. With no command, runs the catalogue tour.",
        subcommands = {TourCommand.class, DetectCommand.class, ForecastEventsCommand.class, ForecastCommand.class,
            ClassifyShapesCommand.class, DescribeShapesCommand.class, CheckSeriesCommand.class, HolidaysCommand.class,
            CardCommand.class, OcrCommand.class},
        commandListHeading = "%nCommands:%n",
        footer = {"", "Exit status: 0 success, 2 bad arguments or bad input, 1 internal error."})
public final class Runner implements Callable<Integer> {

    /** Exit status for bad arguments or bad input. */
    static final int BAD_INPUT = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Creates the top-level command; picocli calls it. */
    public Runner() {
        // Public for picocli.
    }

    /**
     * Runs the command line and exits with its status.
     *
     * @param args command and options
     */
    public static void main(String[] args) {
        // Tribuo logs every training at INFO through java.util.logging: keep the output readable.
        Logger.getLogger("").setLevel(Level.WARNING);
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int status = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(status);
    }

    /**
     * Runs the command line with the given output streams.
     *
     * @param args command and options
     * @param out standard output
     * @param err standard error
     * @return the exit status
     */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cmd = new CommandLine(new Runner());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setParameterExceptionHandler((ex, a) -> {
            String name = ex.getCommandLine().getCommandName();
            err.println(name + ": " + ex.getMessage());
            err.println("Try 'java -jar territoires-ia.jar "
                    + ("territoires-ia".equals(name) ? "" : name + " ") + "--help'.");
            return BAD_INPUT;
        });
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            String message = badInputMessage(ex);
            if (message == null) {
                throw ex;
            }
            err.println(commandLine.getCommandName() + ": " + message);
            return BAD_INPUT;
        });
        return cmd.execute(args);
    }

    /** The one-line message for an exception caused by the caller's input, or null for a bug. */
    static String badInputMessage(Exception ex) {
        Throwable t = ex instanceof UncheckedIOException u ? u.getCause() : ex;
        if (t instanceof NoSuchFileException e) {
            return "file not found: " + e.getFile();
        }
        if (t instanceof AccessDeniedException e) {
            return "permission denied: " + e.getFile();
        }
        if (t instanceof IOException || t instanceof IllegalArgumentException) {
            String m = t.getMessage();
            return m == null ? t.getClass().getSimpleName() : m.replace('\n', ' ');
        }
        return null;
    }

    @Override
    public Integer call() {
        return new CommandLine(new TourCommand()).setOut(spec.commandLine().getOut())
                .setErr(spec.commandLine().getErr()).execute();
    }

    /** Prints the library version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Runner.class.getPackage().getImplementationVersion();
            return new String[] {"territoires-ia " + (v == null ? "dev" : v)};
        }
    }
}
