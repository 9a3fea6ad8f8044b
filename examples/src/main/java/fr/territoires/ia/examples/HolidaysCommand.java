package fr.territoires.ia.examples;

import fr.territoires.ia.core.AtomicFiles;
import fr.territoires.ia.core.calendar.FrenchCalendar;
import fr.territoires.ia.core.calendar.PublicHoliday;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code holidays}: the French public holidays and bridge days of a year, as CSV. */
@Command(name = "holidays", mixinStandardHelpOptions = true,
        description = "French public holidays and bridge days of a year, as CSV.")
final class HolidaysCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--year", required = true, paramLabel = "YEAR", description = "Year, 1583 to 9999.")
    private int year;

    @Option(names = "--alsace-moselle", description = "Add Good Friday and 26 December (Bas-Rhin, Haut-Rhin, Moselle).")
    private boolean alsaceMoselle;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the CSV to this file instead of standard output.")
    private Path output;

    @Override
    public Integer call() throws IOException {
        if (year < FrenchCalendar.MIN_YEAR || year > FrenchCalendar.MAX_YEAR) {
            throw new IllegalArgumentException("--year must be in [" + FrenchCalendar.MIN_YEAR + ", "
                    + FrenchCalendar.MAX_YEAR + "], was " + year);
        }
        FrenchCalendar calendar = alsaceMoselle ? FrenchCalendar.alsaceMoselle() : FrenchCalendar.metropolitan();
        StringBuilder csv = new StringBuilder("date,kind,name_fr,name_en\n");
        for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) {
            var h = calendar.holiday(d);
            if (h.isPresent()) {
                PublicHoliday p = h.get();
                csv.append(d).append(",public_holiday,").append(quote(p.nameFr())).append(',')
                        .append(quote(p.nameEn())).append('\n');
            } else if (calendar.isBridgeDay(d)) {
                csv.append(d).append(",bridge_day,pont,bridge day\n");
            }
        }
        if (output != null) {
            AtomicFiles.writeString(output, csv.toString());
        } else {
            PrintWriter out = spec.commandLine().getOut();
            out.print(csv);
            out.flush();
        }
        return 0;
    }

    private static String quote(String s) {
        return s.indexOf(',') >= 0 || s.indexOf('"') >= 0 ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
